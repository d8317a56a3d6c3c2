import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { deleteRun, getRunArtifact, listRuns, saveRun } from '$lib/db/runs';
import type { RunRecord } from '$lib/db/records';
import { freshDb, makeRows } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let versionId: string;

const artifact = { modelTopology: { layers: 1 }, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }], weightData: new Float32Array([1, 2]).buffer, vectorizer: { kind: 'tfidf' } };

function run(id: string, overrides: Partial<RunRecord> = {}): Omit<RunRecord, 'number'> {
  return {
    id, projectId, datasetVersionId: versionId, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression',
    params: { epochs: 5 }, seed: 'seed-1', backend: 'cpu', metrics: { 'test.accuracy': 0.9 }, curves: { loss: [1, 0.5] }, timings: { trainMs: 10 }, appVersion: 'test',
    ...overrides,
  };
}

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Runs' })).id;
  versionId = (await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) })).id;
});

afterEach(async () => {
  await db.delete();
});

describe('runs', () => {
  it('stores a run with its model, numbered per project, newest first', async () => {
    const first = await saveRun(db, run('a'), artifact);
    const second = await saveRun(db, run('b'), artifact);
    expect([first.number, second.number]).toEqual([1, 2]);
    expect((await listRuns(db, projectId)).map((r) => r.id)).toEqual(['b', 'a']);
    const stored = await getRunArtifact(db, 'a');
    expect(Array.from(new Float32Array(stored!.weightData))).toEqual([1, 2]);
  });

  it('stores nothing when the run cannot be saved', async () => {
    await expect(saveRun(db, run('c', { datasetVersionId: 'gone' }), artifact)).rejects.toThrow(/dataset version/);
    expect(await db.runs.count()).toBe(0);
    expect(await db.runArtifacts.count()).toBe(0);
  });

  it('deletes a run and its model, but keeps a run a model version was registered from', async () => {
    const a = await saveRun(db, run('a'), artifact);
    const b = await saveRun(db, run('b'), artifact);
    await deleteRun(db, a);
    expect(await getRunArtifact(db, 'a')).toBeUndefined();
    await db.modelVersions.add({ id: 'mv', projectId, modelName: 'm', version: 1, runId: 'b', datasetVersionId: versionId, createdAt: '', description: '', tags: {}, aliases: [], archived: false, appVersion: 'test' });
    await expect(deleteRun(db, b)).rejects.toThrow(/registered/);
    expect((await listRuns(db, projectId)).map((r) => r.id)).toEqual(['b']);
  });
});
