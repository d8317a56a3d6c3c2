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
import { deploy, rollback } from '$lib/db/deployments';
import { getCanaryRule, setCanaryRule } from '$lib/db/canaryRule';
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

describe('the canary rule', () => {
  const outright = (versionId: string) => deploy(db, { projectId, servedVersionId: versionId, alias: 'champion', by: 'Ana', reason: 'outright' });
  const withCanary = (percent: number) => deploy(db, { projectId, servedVersionId: 'mv-1', alias: 'champion', challenger: { versionId: 'mv-2', mode: 'canary', percent }, by: 'Ana', reason: 'canary' });
  const served = async () => (await db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first())!.traffic;

  it('lets the first version serve, then a new one only as a canary within the share until the promotion rule promotes it', async () => {
    await setCanaryRule(db, projectId, { requireCanary: true, maxFirstPercent: 10 }, 'Ana', AT);
    await outright('mv-1');
    await expectRefused(db, () => outright('mv-2'), 'Router v2 has never served all traffic, and the canary rule is on: it may start as a canary on at most 10 % of the requests or in shadow next to the champion');
    await expectRefused(db, () => withCanary(11), /has never served all traffic.* 11 % was asked\.$/);
    await withCanary(10);
    expect(await served()).toEqual([{ modelVersionId: 'mv-1', percent: 90, mode: 'serve' }, { modelVersionId: 'mv-2', percent: 10, mode: 'canary' }]);
    // Still refused outright while it runs as a canary: only the promotion rule's promote gives it all traffic.
    await expectRefused(db, () => outright('mv-2'), 'Router v2 has never served all traffic');
    await traffic(20, { champion: 18, challenger: 19 });
    await promoteChallenger(db, projectId, 'Ana');
    expect(await served()).toEqual([{ modelVersionId: 'mv-2', percent: 100, mode: 'serve' }]);
    // Having served, it may be deployed outright again; the old champion too.
    await outright('mv-1');
    await outright('mv-2');
  });

  it('never blocks a rollback, even to a canary above today\'s share', async () => {
    await outright('mv-1');
    await withCanary(50);
    await outright('mv-1');
    await setCanaryRule(db, projectId, { requireCanary: true, maxFirstPercent: 5 }, 'Ana', AT);
    await rollback(db, projectId, 'Ana', 'back to the canary');
    expect(await served()).toEqual([{ modelVersionId: 'mv-1', percent: 50, mode: 'serve' }, { modelVersionId: 'mv-2', percent: 50, mode: 'canary' }]);
    // The promotion rule's rollback of the canary goes through too.
    await traffic(20, { champion: 19, challenger: 10 });
    await rollbackChallenger(db, projectId, 'Ana');
    expect(await served()).toEqual([{ modelVersionId: 'mv-1', percent: 100, mode: 'serve' }]);
  });

  it('is off by default: a new version may be deployed outright, as before', async () => {
    expect(await getCanaryRule(db, projectId)).toEqual({ requireCanary: false, maxFirstPercent: 10 });
    await outright('mv-1');
    await outright('mv-2');
    expect(await served()).toEqual([{ modelVersionId: 'mv-2', percent: 100, mode: 'serve' }]);
  });

  it('is saved with an audit entry, and an invalid one is refused with every problem, writing nothing', async () => {
    await expectRefused(db, () => setCanaryRule(db, projectId, { requireCanary: true, maxFirstPercent: 0 }, 'Ana', AT), 'The first canary\'s share must be a whole number from 1 to 50 % (got 0).');
    await setCanaryRule(db, projectId, { requireCanary: true, maxFirstPercent: 20 }, 'Ana', AT);
    expect(await getCanaryRule(db, projectId)).toEqual({ requireCanary: true, maxFirstPercent: 20 });
    expect((await listAudit(db, projectId)).find((e) => e.action === 'deploy.canary-rule')?.detail).toBe(
      'Canary rule on: a version that never served starts as a canary on at most 20 % of requests or in shadow, and takes all traffic only when the promotion rule promotes it',
    );
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
