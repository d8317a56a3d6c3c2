import { describe, expect, it } from 'vitest';
import { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { nextNumber } from '$lib/db/nextNumber';
import type { RunRecord } from '$lib/db/records';
import { freshDbsPerTest, makeRows } from './testDb';

const freshDb = freshDbsPerTest();
const artifact = { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(0), vectorizer: {} };

function run(projectId: string, datasetVersionId: string, id: string): Omit<RunRecord, 'number'> {
  return {
    id, projectId, datasetVersionId, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression',
    params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test',
  };
}

describe('nextNumber', () => {
  it('counts from 1 and refuses to number outside a write transaction', async () => {
    const db = freshDb();
    const projectId = (await createProject(db, { name: 'P' })).id;
    const versions = () => db.datasetVersions.where('projectId').equals(projectId);
    expect(await db.transaction('rw', db.datasetVersions, () => nextNumber(versions(), (v) => v.number))).toBe(1);
    await expect(nextNumber(versions(), (v) => v.number)).rejects.toThrow(/inside the write transaction/);
    await expect(db.transaction('r', db.datasetVersions, () => nextNumber(versions(), (v) => v.number))).rejects.toThrow(/inside the write transaction/);
  });

  it('gives two writers in two tabs (connections) at once distinct numbers for versions, runs and model versions', async () => {
    const tabA = freshDb();
    const tabB = new LifecycleDatabase(tabA.name);
    const projectId = (await createProject(tabA, { name: 'P' })).id;
    const rows = makeRows(3);
    const dataset = (db: LifecycleDatabase, i: number) => createDatasetVersion(db, { projectId, source: { name: `${i}.csv` }, message: `${i}`, schema: [], rows });
    const versions = await Promise.all([dataset(tabA, 1), dataset(tabB, 2), dataset(tabA, 3), dataset(tabB, 4)]);
    expect(versions.map((v) => v.number).sort()).toEqual([1, 2, 3, 4]);

    const save = (db: LifecycleDatabase, id: string) => saveRun(db, run(projectId, versions[0].id, id), artifact);
    const runs = await Promise.all([save(tabA, 'a'), save(tabB, 'b'), save(tabA, 'c'), save(tabB, 'd')]);
    expect(runs.map((r) => r.number).sort()).toEqual([1, 2, 3, 4]);

    const register = (db: LifecycleDatabase, runId: string) => registerRun(db, { runId, modelName: 'router', by: 'Ana' });
    const registered = await Promise.all([register(tabA, 'a'), register(tabB, 'b'), register(tabA, 'c'), register(tabB, 'd')]);
    expect(registered.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
    tabB.close();
  });
});
