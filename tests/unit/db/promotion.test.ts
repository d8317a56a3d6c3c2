/**
 * Earning promotion on live traffic: the active deployment's champion and challenger compared on
 * its logs (a shadow graded by its requests' outcomes), the rule's proposal, and the promotion
 * and rollback a person confirms — audited with the rule's figures, refused whole by the rule or
 * by a blocking gate.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ModelVersionRecord, PredictionLogRecord, RunRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { deploy } from '$lib/db/deployments';
import { recordPredictions, recordOutcomes } from '$lib/db/monitoring';
import { listAudit } from '$lib/db/audit';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { challengerStatus, promoteChallenger, rollbackChallenger, setPromotionRule } from '$lib/db/promotion';
import { expectRefused, freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
const AT = '2026-06-01T09:00:00.000Z';

async function version(n: number): Promise<ModelVersionRecord> {
  const datasetVersionId = (await db.datasetVersions.where('projectId').equals(projectId).first())!.id;
  const run: RunRecord = {
    id: `run-${n}`, projectId, datasetVersionId, number: n, createdAt: AT, status: 'completed', family: 'softmax-regression', params: {}, seed: 1,
    backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes: ['a', 'b'],
  } as RunRecord;
  await db.runs.add(run);
  const v: ModelVersionRecord = {
    id: `mv-${n}`, projectId, modelName: 'Router', version: n, runId: run.id, datasetVersionId, createdAt: AT, description: '', tags: {},
    aliases: n === 1 ? ['champion'] : [], archived: false, appVersion: 'test',
  };
  await db.modelVersions.add(v);
  return v;
}

/** Logs `n` answers per side of the active deployment (numbered from `from`) and grades them: `right[side]` of them are right. */
async function traffic(n: number, right: { champion: number; challenger: number }, shadow = false, from = 0): Promise<void> {
  const deployment = (await db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first())!;
  const logs: PredictionLogRecord[] = [];
  const outcomes: { id: string; label: string }[] = [];
  for (let i = from; i < from + n; i++) {
    const base = { projectId, deploymentId: deployment.id, at: new Date(Date.parse(deployment.createdAt) + 1000 + i).toISOString(), inputHash: `h${i}`, confidence: 0.9, latencyMs: 2, status: 200 };
    const id = `p-${deployment.id}-${i}`;
    logs.push({ ...base, predictionId: id, modelVersionId: 'mv-1', route: 'champion', label: i - from < right.champion ? 'a' : 'b' });
    if (shadow) logs.push({ ...base, predictionId: id, modelVersionId: 'mv-2', route: 'shadow', label: i - from < right.challenger ? 'a' : 'b' });
    outcomes.push({ id, label: 'a' });
    if (!shadow) {
      const cid = `c-${deployment.id}-${i}`;
      logs.push({ ...base, predictionId: cid, modelVersionId: 'mv-2', route: 'challenger', label: i - from < right.challenger ? 'a' : 'b' });
      outcomes.push({ id: cid, label: 'a' });
    }
  }
  await recordPredictions(db, logs);
  await recordOutcomes(db, projectId, outcomes);
}

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Loop' })).id;
  await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  await version(1);
  await version(2);
  await setPromotionRule(db, projectId, { minOutcomes: 20, tolerancePp: 0, rollbackMarginPp: 2 }, 'Ana', AT);
});

describe('the promotion rule on a canary', () => {
  it('waits for outcomes, then promotes on confirmation: the challenger takes the champion alias and all traffic, audited with the figures', async () => {
    await deploy(db, { projectId, servedVersionId: 'mv-1', alias: 'champion', challenger: { versionId: 'mv-2', mode: 'canary', percent: 10 }, by: 'Ana', reason: 'try v2' });
    await traffic(15, { champion: 14, challenger: 15 });
    const waiting = await challengerStatus(db, projectId);
    expect(waiting.decision).toMatchObject({ action: 'wait', needed: 5 });
    await expectRefused(db, () => promoteChallenger(db, projectId, 'Ana'), 'The promotion rule does not propose to promote now: Waiting for outcomes');

    await traffic(5, { champion: 4, challenger: 4 }, false, 15);
    const status = await challengerStatus(db, projectId);
    expect(status.comparison!.champion).toMatchObject({ name: 'Router v1', graded: 20, correct: 18 });
    expect(status.comparison!.challenger).toMatchObject({ name: 'Router v2', graded: 20, correct: 19 });
    expect(status.decision!.action).toBe('promote');
    await expectRefused(db, () => rollbackChallenger(db, projectId, 'Ana'), 'does not propose to roll back now');

    const promoted = await promoteChallenger(db, projectId, 'Ana');
    expect(promoted.traffic).toEqual([{ modelVersionId: 'mv-2', percent: 100, mode: 'serve' }]);
    expect(promoted.alias).toBe('champion');
    expect((await db.modelVersions.get('mv-2'))!.aliases).toContain('champion');
    expect((await db.modelVersions.get('mv-1'))!.aliases).not.toContain('champion');
    const audit = await listAudit(db, projectId);
    const figures = 'The challenger Router v2 was 19 of 20 right (95.0 %), the champion Router v1 18 of 20 right (90.0 %)';
    expect(audit.find((e) => e.action === 'deploy' && e.detail.includes('Promoted by the promotion rule'))?.detail).toContain(figures);
    expect(audit.find((e) => e.action === 'registry.alias')?.detail).toContain(figures);
    expect(audit.find((e) => e.action === 'loop.promotion-rule')?.detail).toBe('Promotion rule: at least 20 graded outcomes a side; promote when not worse than the champion by more than 0 pp; roll back when its error rate is more than 2 pp above the champion\'s');
    expect((await challengerStatus(db, projectId)).comparison).toBeNull();
  });
});

describe('the promotion rule on a shadow', () => {
  it('grades the shadow by the outcomes of the requests it scored, and rolls it back: the champion serves alone', async () => {
    await deploy(db, { projectId, servedVersionId: 'mv-1', alias: 'champion', challenger: { versionId: 'mv-2', mode: 'shadow', percent: 0 }, by: 'Ana', reason: 'shadow v2' });
    await traffic(20, { champion: 19, challenger: 15 }, true);
    const { comparison, decision } = await challengerStatus(db, projectId);
    expect(comparison).toMatchObject({ mode: 'shadow', challenger: { graded: 20, correct: 15, requests: null }, champion: { graded: 20, correct: 19 } });
    expect(decision!.action).toBe('rollback');
    const back = await rollbackChallenger(db, projectId, 'Ana');
    expect(back.traffic).toEqual([{ modelVersionId: 'mv-1', percent: 100, mode: 'serve' }]);
    expect((await db.modelVersions.get('mv-1'))!.aliases).toEqual(['champion']);
    const entry = (await listAudit(db, projectId)).find((e) => e.action === 'deploy' && e.detail.includes('Rolled back by the promotion rule'));
    expect(entry?.detail).toContain('The shadow challenger Router v2 was 15 of 20 right (75.0 %), the champion Router v1 19 of 20 right (95.0 %): its error rate is more than 2 pp above');
  });
});

describe('governance', () => {
  it('refuses a promotion the policy blocks with the gate\'s reason, leaving the database as it was', async () => {
    await deploy(db, { projectId, servedVersionId: 'mv-1', alias: 'champion', challenger: { versionId: 'mv-2', mode: 'canary', percent: 10 }, by: 'Ana', reason: 'before the policy' });
    await traffic(20, { champion: 18, challenger: 19 });
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'Ana');
    expect((await challengerStatus(db, projectId)).decision!.action).toBe('promote');
    await expectRefused(db, () => promoteChallenger(db, projectId, 'Ana'), /needs Performance SLA/);
  });

  it('refuses an invalid rule with every problem, writing nothing', async () => {
    await expectRefused(db, () => setPromotionRule(db, projectId, { minOutcomes: 0, tolerancePp: 0, rollbackMarginPp: 99 }, 'Ana', AT), 'Outcomes per side must be a whole number');
  });
});
