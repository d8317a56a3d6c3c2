/**
 * The regression drill's seed and facts: the project the template starts from (two dataset
 * versions, the second one broken as the upstream bug leaves it), and the facts gathered from the
 * stores as the learner works — from the situation the template leaves to every step done.
 */
import { describe, expect, it } from 'vitest';
import { createDrillRegressionProject } from '$lib/db/practice/drillRegressionSeed';
import { gatherDrillRegressionFacts } from '$lib/db/practice/drillRegressionFacts';
import { beginMissionAttempt, getMission, recordMissionEvent, saveMissionNote } from '$lib/db/practice/missions';
import { deploy, rollback } from '$lib/db/deployments';
import { recordPredictions } from '$lib/db/monitoring';
import { loadDatasetState } from '$lib/db/datasets';
import { setRequestContract, suggestContractFromTraining } from '$lib/db/requestContract';
import { setCanaryRule } from '$lib/db/canaryRule';
import type { DatasetVersionRecord, LifecycleDatabase, ModelVersionRecord, RunRecord } from '$lib/db';
import { checkMission } from '$lib/core/practice/catalogue';
import { ARTEFACT_VERDICT_EVENT, DATA_DIFF_EVENT, ROOT_CAUSE_KEY } from '$lib/core/practice/missions/drillRegression';
import { scenarioTraffic, BUG_BODY_CHARS } from '$lib/core/scenarios/scenarioTraffic';
import { freshDbsPerTest } from '../testDb';

const fresh = freshDbsPerTest();

/** A registered version trained (as far as the drill reads it) on `dataset`. */
async function version(db: LifecycleDatabase, dataset: DatasetVersionRecord, n: number): Promise<ModelVersionRecord> {
  const run: RunRecord = {
    id: `run-${n}`, projectId: dataset.projectId, datasetVersionId: dataset.id, datasetVersionNumber: dataset.number, number: n, createdAt: '2026-12-05T08:00:00.000Z',
    status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes: ['Billing', 'General Inquiry', 'Technical Issue'],
  };
  await db.runs.add(run);
  const mv: ModelVersionRecord = {
    id: `mv-${n}`, projectId: dataset.projectId, modelName: 'Ticket router', version: n, runId: run.id, datasetVersionId: dataset.id, createdAt: run.createdAt,
    description: '', tags: {}, aliases: [], archived: false, appVersion: 'test',
  };
  await db.modelVersions.add(mv);
  return mv;
}

/** Logs a replay's requests as the endpoint does, answered right on every `wrongEvery`-th but one, confident on half, with true labels back on all but every fifth. */
async function serve(db: LifecycleDatabase, projectId: string, deploymentId: string, modelVersionId: string, scenario: 'steady' | 'pipeline-bug', wrongEvery: number) {
  const requests = scenarioTraffic({ scenario, count: 40, seed: scenario, changeAfter: 0 });
  await recordPredictions(db, requests.map((r, i) => ({
    projectId, deploymentId, modelVersionId, at: `2026-12-05T09:${String(i).padStart(2, '0')}:00.000Z`, inputHash: `h${i}`, status: 200, route: 'champion' as const, latencyMs: 1,
    label: i % wrongEvery === 0 ? 'Wrong' : r.label, confidence: i % 2 ? 0.9 : 0.6, fields: { ...r.fields }, ...(i % 5 === 4 ? {} : { outcome: r.label }),
  })));
}

describe('the regression drill’s seed and facts', () => {
  it('seeds the history intact and the newest export as the bug left it, both split', async () => {
    const db = fresh();
    const { project, history, brokenExport } = await createDrillRegressionProject(db);
    expect(project).toMatchObject({ scenario: 'support-tickets', name: 'Drill — the router that got worse' });
    expect([history.number, history.rowCount, history.split?.counts]).toEqual([1, 1200, { train: 840, validation: 180, test: 180 }]);
    expect([brokenExport.number, brokenExport.parentId, brokenExport.rowCount, brokenExport.split?.counts]).toEqual([2, history.id, 400, { train: 280, validation: 60, test: 60 }]);
    const intact = (await loadDatasetState(db, history.id)).rows;
    const broken = (await loadDatasetState(db, brokenExport.id)).rows;
    expect(intact.every((r) => typeof r.meta.subject === 'string' && r.text.startsWith(`${r.meta.subject}\n\n`))).toBe(true);
    expect(broken.every((r) => r.meta.subject === null && [...r.text].length <= BUG_BODY_CHARS && r.label !== null)).toBe(true);
    expect(broken[0].key).toBe('T-001201');
  });

  it('gathers the situation the template leaves, then each of the learner’s actions from its own store', async () => {
    const db = fresh();
    const { project, history, brokenExport } = await createDrillRegressionProject(db);
    const v1 = await version(db, history, 1);
    const v2 = await version(db, brokenExport, 2);
    const d1 = await deploy(db, { projectId: project.id, servedVersionId: v1.id, alias: 'champion', makeChampion: true, by: 'set-up', reason: 'v1' });
    await serve(db, project.id, d1.id, v1.id, 'steady', 10);
    const d2 = await deploy(db, { projectId: project.id, servedVersionId: v2.id, alias: 'champion', makeChampion: true, by: 'set-up', reason: 'v2' });
    await serve(db, project.id, d2.id, v2.id, 'pipeline-bug', 4);
    const start = { stableVersionId: v1.id, brokenVersionId: v2.id, stableDeploymentId: d1.id, brokenDeploymentId: d2.id };
    await beginMissionAttempt(db, { id: 'drill-regression', projectId: project.id, start });
    const gather = async () => gatherDrillRegressionFacts(db, (await getMission(db, 'drill-regression'))!);

    const before = await gather();
    expect(before).toMatchObject({
      stable: { id: v1.id, name: 'Ticket router v1', datasetVersionId: history.id, datasetNumber: 1 },
      broken: { id: v2.id, name: 'Ticket router v2', datasetVersionId: brokenExport.id, datasetNumber: 2 },
      brokenDeploymentId: d2.id,
      contract: null,
      canaryRule: { requireCanary: false },
      threshold: 0.8,
      quality: { before: { answered: 40, labelled: 32, correct: 28, automatic: 20 }, after: { answered: 40, labelled: 32, correct: 24, automatic: 20 }, sinceRollback: null },
    });
    expect(before.deployments.map((d) => [d.id, d.status])).toEqual([[d1.id, 'superseded'], [d2.id, 'active']]);
    expect([before.requestsBefore.length, before.requestsAfter.length]).toEqual([40, 40]);
    expect(before.requestsAfter.every((r) => !('subject' in r))).toBe(true);
    expect(checkMission({ mission: 'drill-regression', facts: before }).done).toBe(0);

    // The learner's work, each through its own store.
    await recordMissionEvent(db, { projectId: project.id }, { kind: ARTEFACT_VERDICT_EVENT, detail: { verdict: 'real', volume: 'ok', logging: 'ok', outcomes: 'ok' } });
    const d3 = await rollback(db, project.id, 'you', 'v2 routes worse');
    await serve(db, project.id, d3.id, v1.id, 'steady', 40);
    await recordMissionEvent(db, { projectId: project.id }, { kind: DATA_DIFF_EVENT, detail: { fromId: history.id, toId: brokenExport.id, summary: 'subject missing 0.0 % → 100.0 %' } });
    const { contract } = await suggestContractFromTraining(db, project.id);
    await setRequestContract(db, project.id, { ...contract, enabled: true }, Date.parse('2026-12-05T10:00:00Z'));
    await setCanaryRule(db, project.id, { requireCanary: true, maxFirstPercent: 10 }, 'you', '2026-12-05T10:01:00.000Z');
    await saveMissionNote(db, 'drill-regression', ROOT_CAUSE_KEY, 'An upstream change dropped the subject and cut the bodies; the scheduled retrain learnt from that export and went live at once, so quality fell until the rollback.');

    const after = await gather();
    expect(after.quality.sinceRollback).toEqual({ answered: 40, labelled: 32, correct: 31, automatic: 20 });
    expect(after.contract?.enabled).toBe(true);
    const progress = checkMission({ mission: 'drill-regression', facts: after });
    expect(progress.steps.filter((s) => !s.done).map((s) => [s.step.id, s.missing])).toEqual([]);
    expect(progress.complete).toBe(true);
  });

  it('says plainly when the project lost what the drill started from', async () => {
    const db = fresh();
    await beginMissionAttempt(db, { id: 'drill-regression', projectId: 'gone', start: { stableVersionId: 'x', brokenVersionId: 'y', stableDeploymentId: 'a', brokenDeploymentId: 'b' } });
    const facts = await gatherDrillRegressionFacts(db, (await getMission(db, 'drill-regression'))!);
    expect(facts).toMatchObject({ stable: null, broken: null, brokenDeploymentId: null, deployments: [], requestsBefore: [], requestsAfter: [] });
    expect(checkMission({ mission: 'drill-regression', facts }).steps[1].missing).toMatch(/start the drill over/);
  });
});
