import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { importModelVersion, listModelVersions, registerRun } from '$lib/db/registry';
import { listRuns, saveRun } from '$lib/db/runs';
import { versionFiles } from '$lib/db/modelFiles';
import { createDatasetVersion } from '$lib/db/datasets';
import { listAudit } from '$lib/db/audit';
import { packModel, unpackModel } from '$lib/core/registry/modelPackage';
import { createPredictor } from '$lib/core/serving/inference';
import { packageInput, realModel, texts } from '../registry/fixtures';
import { freshDb, makeRows } from './testDb';

let db: LifecycleDatabase;
let projectId: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Import target' })).id;
});
afterEach(async () => {
  await db.delete();
});

async function unpackedPackage() {
  const { model, params, vectorizer, serialized } = await realModel();
  model.dispose();
  const unpacked = unpackModel(packModel(packageInput(serialized, vectorizer, params)));
  if (!unpacked.ok) throw new Error(unpacked.errors.join('\n'));
  return { unpacked: unpacked.value, serialized, vectorizer };
}

describe('importing a model package into the registry', () => {
  it('registers it as the next version with an imported run, and it predicts exactly as before export', async () => {
    const { unpacked, serialized, vectorizer } = await unpackedPackage();
    const version = await importModelVersion(db, { projectId, unpacked, fileName: 'ticket-router-v3.zip', by: 'Ben' });
    expect(version).toMatchObject({ modelName: 'ticket-router', version: 1, aliases: [], archived: false, tags: { team: 'support', imported: 'ticket-router-v3.zip' } });
    const [run] = await listRuns(db, projectId);
    expect(run).toMatchObject({ number: 1, family: 'softmax-regression', datasetVersionId: '', importedFrom: { fileName: 'ticket-router-v3.zip', exportedBy: 'Ada', lineage: { runNumber: 7 } } });
    // The fixture's evaluation: test accuracy 59/63, validation 0.915, p99 3.75 ms.
    expect(run.metrics).toMatchObject({ 'test.accuracy': 0.9365079365079365, 'validation.accuracy': 0.915, 'test.latency_p99_ms': 3.75 });
    expect(run.evaluation).toBeUndefined();

    const artifact = (await versionFiles(db, version))!;
    const before = createPredictor({ model: serialized, vectorizer: vectorizer.toJSON(), classes: unpacked.classes });
    const after = createPredictor({ model: artifact as never, vectorizer: artifact.vectorizer, classes: run.classes! });
    expect(after.predict(texts.slice(0, 40))).toEqual(before.predict(texts.slice(0, 40)));
    expect((await listAudit(db, projectId))[0]).toMatchObject({ action: 'registry.import', actor: 'Ben' });
  });

  it('numbers after the versions already registered under that name', async () => {
    const data = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
    await saveRun(
      db,
      { id: 'run-a', projectId, datasetVersionId: data.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test' },
      { modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(4), vectorizer: {} },
    );
    await registerRun(db, { runId: 'run-a', modelName: 'ticket-router', by: 'Ana' });
    const { unpacked } = await unpackedPackage();
    const imported = await importModelVersion(db, { projectId, unpacked, fileName: 'x.zip', by: 'Ana' });
    expect(imported.version).toBe(2);
    expect((await listRuns(db, projectId)).map((r) => r.number)).toEqual([2, 1]);
  });

  it('writes nothing when the project is gone', async () => {
    const { unpacked } = await unpackedPackage();
    await expect(importModelVersion(db, { projectId: 'missing', unpacked, fileName: 'x.zip', by: 'Ana' })).rejects.toThrow(/no longer exists/);
    expect(await db.runs.count()).toBe(0);
    expect(await listModelVersions(db, 'missing')).toEqual([]);
  });
});
