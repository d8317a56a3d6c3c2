import { describe, expect, it } from 'vitest';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { activeDeployments } from '$lib/db/deployments';
import { modelToServe, versionFiles } from '$lib/db/modelFiles';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DeploymentRecord } from '$lib/db/records';
import { freshDbsPerTest, makeRows } from './testDb';

const openDb = freshDbsPerTest();

/** A project with one trained run (`<name>-run`, classes a and b) registered twice. */
async function projectWithRun(db: LifecycleDatabase, name: string) {
  const projectId = (await createProject(db, { name })).id;
  const data = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  const runId = `${name}-run`;
  await saveRun(
    db,
    { id: runId, projectId, datasetVersionId: data.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes: ['a', 'b'] },
    { modelTopology: { runId }, weightSpecs: [], weightData: new Float32Array([1, 2]).buffer, vectorizer: { runId } },
  );
  const first = await registerRun(db, { runId, modelName: 'router', by: 'Ana' });
  const second = await registerRun(db, { runId, modelName: 'other', by: 'Ana' });
  return { runId, first, second };
}

describe('a model version’s files', () => {
  it('are its run’s, stored once for every version registered from the run', async () => {
    const db = openDb();
    const { runId, first, second } = await projectWithRun(db, 'one');
    expect(await db.runArtifacts.count()).toBe(1);
    expect((await versionFiles(db, first))?.modelTopology).toEqual({ runId });
    expect(await versionFiles(db, second)).toEqual(await versionFiles(db, first));
  });

  it('serve with the version record and the run’s classes, and not at all when the version or the files are gone', async () => {
    const db = openDb();
    const { runId, first } = await projectWithRun(db, 'one');
    const served = await modelToServe(db, first.id);
    expect(served).toMatchObject({ version: { id: first.id, modelName: 'router' }, files: { runId, vectorizer: { runId } }, classes: ['a', 'b'] });
    expect(await modelToServe(db, 'no-such-version')).toBeUndefined();
    await db.runArtifacts.delete(runId);
    expect(await modelToServe(db, first.id)).toBeUndefined();
  });
});

describe('active deployments', () => {
  it('are every project’s active one, the most recently activated first', async () => {
    const db = openDb();
    const deployment = (id: string, projectId: string, createdAt: string, status: DeploymentRecord['status']): DeploymentRecord => ({
      id, projectId, alias: 'prod', modelVersionId: 'v', createdAt, status, traffic: [{ modelVersionId: 'v', percent: 100, mode: 'serve' }], previousDeploymentId: null,
    });
    await db.deployments.bulkAdd([
      deployment('one-old', 'one', '2026-03-01T10:00:00.000Z', 'superseded'),
      deployment('two', 'two', '2026-03-02T10:00:00.000Z', 'active'),
      deployment('one-new', 'one', '2026-03-03T10:00:00.000Z', 'active'),
      deployment('three', 'three', '2026-03-01T12:00:00.000Z', 'active'),
      deployment('three-back', 'three', '2026-03-04T10:00:00.000Z', 'rolled-back'),
    ]);
    expect((await activeDeployments(db)).map((d) => d.id)).toEqual(['one-new', 'two', 'three']);
  });
});
