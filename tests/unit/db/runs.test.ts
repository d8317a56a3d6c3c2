import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { deleteRun, getRunArtifact, listRuns, saveRun, trainedRunRecord, type TrainingOutcome } from '$lib/db/runs';
import type { RunRecord } from '$lib/db/records';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { SOFTMAX_REGRESSION_INFO } from '$lib/core/models/catalog';
import { evaluation } from '../registry/fixtures';
import { freshDb, makeRows } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let versionId: string;

const artifact = { modelTopology: { layers: 1 }, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }], weightData: new Float32Array([1, 2]).buffer, vectorizer: { kind: 'tfidf' } };

const softmaxDefaults = SOFTMAX_REGRESSION_INFO.defaults;

function run(id: string, overrides: Partial<RunRecord> = {}): Omit<RunRecord, 'number'> {
  return {
    id, projectId, datasetVersionId: versionId, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression',
    params: { epochs: 5 }, seed: 'seed-1', backend: 'cpu', metrics: { 'test.accuracy': 0.9 }, curves: { loss: [1, 0.5], valLoss: [], accuracy: [], valAccuracy: [] }, timings: { trainMs: 10 }, appVersion: 'test',
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

  it('builds the record of a training run from what the pipeline returned and where it ran', async () => {
    const warned = { ...evaluation, baseline: { ...evaluation.baseline, warning: 'Barely above the baseline.' } };
    const outcome: TrainingOutcome = {
      params: { ...softmaxDefaults, epochs: 9 },
      measured: { test: { accuracy: 0.9365, latency_p99_ms: 3.75 }, validation: { accuracy: 0.915 } },
      evaluation: warned,
      curves: { loss: [0.9, 0.5], valLoss: [1, 0.6], accuracy: [0.6, 0.9], valAccuracy: [0.55, 0.88] },
      timings: { vectorizeMs: 5, trainMs: 40, evaluateMs: 3, latencyMs: 2 },
      training: { epochsRun: 2, bestEpoch: 1 },
      classes: evaluation.classes,
      vectorizer: { vocabularySize: 1234 },
    };
    const built = trainedRunRecord(outcome, {
      projectId, datasetVersion: { id: versionId, number: 1 }, family: 'softmax-regression', seed: 'seed-9', vectorizer: DEFAULT_VECTORIZER,
      backend: 'cpu', fallbackReason: 'No WebGL here.', createdAt: '2026-03-02T00:00:00.000Z', totalMs: 75, appVersion: 'test',
    });
    const stored = await saveRun(db, built, artifact);
    expect(stored).toMatchObject({
      number: 1, projectId, datasetVersionId: versionId, datasetVersionNumber: 1, status: 'completed', family: 'softmax-regression', seed: 'seed-9',
      backend: 'cpu', fallbackReason: 'No WebGL here.', params: { epochs: 9, l2: softmaxDefaults.l2 }, classes: evaluation.classes,
      curves: outcome.curves, evaluation: warned, warnings: ['Barely above the baseline.'],
      vectorizer: { ...DEFAULT_VECTORIZER, vocabularySize: 1234 },
      timings: { vectorizeMs: 5, trainMs: 40, evaluateMs: 3, latencyMs: 2, totalMs: 75, epochs: 2, bestEpoch: 2 },
    });
    expect(stored.metrics).toEqual({
      'test.accuracy': 0.9365, 'test.latency_p99_ms': 3.75, 'validation.accuracy': 0.915,
      'test.baseline_accuracy': 0.4, 'test.lift_pp': (evaluation.test.accuracy - 0.4) * 100,
    });
    expect((await listRuns(db, projectId))[0]).toEqual(stored);
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
