import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { RunEvaluation } from '$lib/core/models/runReport';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson } from '$lib/db/governancePeople';
import { grantWaiverFor, requestReviewFor } from '$lib/db/governance';
import { governanceOverviewOf } from '$lib/db/governanceOverview';
import { modelFacts } from '../governance/fixtures';
import { freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Governed' })).id;
});

const DAY = 86_400_000;

async function datasetVersion(n: number): Promise<string> {
  return (await createDatasetVersion(db, { projectId, source: { name: `v${n}.csv` }, message: 'x', schema: [], rows: makeRows(4 + n) })).id;
}

async function registered(runId: string, datasetVersionId: string): Promise<string> {
  const facts = modelFacts();
  const run = { id: runId, projectId, datasetVersionId, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: facts.metrics, curves: {}, timings: {}, appVersion: 'test', evaluation: facts.evaluation as RunEvaluation } as const;
  await saveRun(db, run as never, { modelTopology: {}, weightSpecs: [], weightData: new Float32Array([1]).buffer, vectorizer: {} });
  return (await registerRun(db, { runId, modelName: 'Router', by: 'Ana' })).id;
}

describe('governanceOverviewOf', () => {
  it('governs nothing before a policy is published', async () => {
    await datasetVersion(1);
    expect(await governanceOverviewOf(db, projectId)).toEqual({ policy: null, gates: [], blocked: [], waivers: [] });
  });

  it('judges the newest dataset version, those trained on or reviewed, and the model versions in use, with their roles', async () => {
    const dv1 = await datasetVersion(1);
    const dv2 = await datasetVersion(2);
    const dv3 = await datasetVersion(3);
    const dv4 = await datasetVersion(4);
    const mv1 = await registered('run-a', dv1);
    const mv2 = await registered('run-b', dv1);
    const mv3 = await registered('run-c', dv3);
    // The policy comes after the runs: training under it would need the Data Ethics Review.
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'Ana');
    const lee = await addPerson(db, { projectId, name: 'Lee', roles: ['ethics-reviewer'], by: 'Ana' });
    // Aliases and deployments are written directly: how they got there is not what is tested.
    await db.modelVersions.update(mv1, { aliases: ['champion'] });
    await db.modelVersions.update(mv3, { retired: { at: '2026-03-02T00:00:00.000Z', by: 'Ana', reason: 'old' } });
    await db.deployments.add({ id: 'dep', projectId, alias: 'champion', modelVersionId: mv1, createdAt: '2026-03-02T00:00:00.000Z', status: 'active', previousDeploymentId: null, traffic: [{ modelVersionId: mv1, percent: 90, mode: 'serve' }, { modelVersionId: mv2, percent: 10, mode: 'canary' }] });
    await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv2 }, personId: lee.id, note: '' });
    const expiresAt = new Date(Date.now() + 3 * DAY).toISOString();
    await grantWaiverFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv4 }, personId: lee.id, role: 'ethics-reviewer', reason: 'Pilot', owner: 'Lee', expiresAt });

    const o = await governanceOverviewOf(db, projectId, Date.now());
    expect(o.policy).toMatchObject({ name: 'Standard', version: 1 });
    const [ethics, sla] = o.gates;
    expect(ethics.objects.map((x) => [x.object.id, x.object.label, x.object.roles, x.state.status])).toEqual([
      [dv4, 'dataset v4', ['newest'], 'waived'],
      [dv2, 'dataset v2', [], 'pending'],
      [dv1, 'dataset v1', ['trained-on'], 'not-requested'],
    ]);
    expect(sla.objects.map((x) => [x.object.id, x.object.roles, x.state.status])).toEqual([
      [mv2, ['registered', 'challenger'], 'not-requested'],
      [mv1, ['registered', 'champion', 'served'], 'not-requested'],
    ]);
    expect(o.blocked.map((b) => [b.object.label, b.actions])).toEqual([
      ['dataset v2', ['train']],
      ['dataset v1', ['train']],
      ['Router v2', ['promote', 'deploy', 'canary']],
      ['Router v1', ['promote', 'deploy', 'canary']],
    ]);
    expect(o.waivers.map((w) => [w.gateName, w.label, w.daysLeft, w.expiringSoon, w.waiver.owner])).toEqual([['Data Ethics Review', 'dataset v4', 3, true, 'Lee']]);
  });
});
