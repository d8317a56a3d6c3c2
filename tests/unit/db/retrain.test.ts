import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { RunRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun, setAlias } from '$lib/db/registry';
import { findChampion } from '$lib/db/retrain';
import { freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
let datasetVersionId: string;
const artifact = { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(4), vectorizer: {} };

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Champions' })).id;
  datasetVersionId = (await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) })).id;
});

async function championOf(modelName: string, runId: string, at: string) {
  vi.setSystemTime(Date.parse(at));
  const run: Omit<RunRecord, 'number'> = {
    id: runId, projectId, datasetVersionId, createdAt: at, status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test',
  };
  await saveRun(db, run, artifact);
  const version = await registerRun(db, { runId, modelName, by: 'test' });
  await setAlias(db, { projectId, modelName, alias: 'champion', versionId: version.id, by: 'test', reason: 'best so far' });
  return version;
}

describe('findChampion', () => {
  it('is null without a champion, and otherwise the version holding the alias with its run — the most recently registered when several models have one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(await findChampion(db, projectId)).toBeNull();
      const router = await championOf('Router', 'r1', '2026-03-01T00:00:00.000Z');
      expect(await findChampion(db, projectId)).toMatchObject({ version: { id: router.id, aliases: ['champion'] }, run: { id: 'r1' } });
      const triage = await championOf('Triage', 'r2', '2026-03-02T00:00:00.000Z');
      expect((await findChampion(db, projectId))?.version.id).toBe(triage.id);
    } finally {
      vi.useRealTimers();
    }
  });
});
