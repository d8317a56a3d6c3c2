import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DataRow as NewRow } from '$lib/core/data/dataset';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { confirmLabel } from '$lib/db/labelReview';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { buildModel } from '$lib/core/models/families';
import { serializeModel } from '$lib/core/models/serialize';
import { predictProba } from '$lib/core/models/predict';
import { orderQueue, rowScore } from '$lib/core/loop/labelOrder';
import { scoreRows } from '$lib/workers/scoreRowsJob';
import type { ScoreProgress } from '$lib/workers/computeProtocol';
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import { freshDb } from '../db/testDb';

const classes = ['Billing', 'Technical Issue'];
const words = ['refund invoice', 'charge twice', 'app crashes', 'login error', 'password reset', 'card declined'];
let db: LifecycleDatabase;
let projectId: string;
let versionId: string;
let model: tf.LayersModel;
let vectorizer: TfidfVectorizer;

/** 300 rows: every third labelled from feedback (production rows), every third unlabelled, the rest labelled as imported. */
function rows(): NewRow[] {
  return Array.from({ length: 300 }, (_, i): NewRow => {
    const text = `${words[i % words.length]} ${words[(i * 7) % words.length]} number ${i}`;
    if (i % 3 === 0) return { key: `p${i}`, text, label: classes[i % 2], meta: { source: 'feedback', prediction_id: `p${i}`, served_version: 'Router v1', predicted_label: classes[i % 2], confidence: 0.7 } };
    if (i % 3 === 1) return { key: `u${i}`, text, label: null, meta: {} };
    return { key: `l${i}`, text, label: classes[i % 2], meta: {} };
  });
}

function context(cancelAfter = Infinity): RpcContext<ScoreProgress> & { steps: string[] } {
  const steps: string[] = [];
  let cancelled = false;
  return {
    steps,
    progress(p) {
      steps.push(`${p.done}/${p.total}`);
      if (p.done >= cancelAfter) cancelled = true;
    },
    get cancelled() {
      return cancelled;
    },
    throwIfCancelled() {
      if (cancelled) throw new CancelledError();
    },
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Queue' })).id;
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: rows() });
  versionId = version.id;
  vectorizer = new TfidfVectorizer().fit(words);
  model = buildModel('softmax-regression', vectorizer.vocabularySize, 2, {}, 'queue-test').model;
  const serialized = await serializeModel(model);
  await saveRun(
    db,
    { id: 'run', projectId, datasetVersionId: version.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes },
    { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer: vectorizer.toJSON() },
  );
});

afterEach(async () => {
  model.dispose();
  await db.delete();
});

describe('scoreRows (the compute worker’s job for the labelling queue)', () => {
  it('scores the unlabelled and feedback rows with the run’s model in steps with progress, and marks rows a person re-checked', async () => {
    await confirmLabel(db, { projectId, datasetVersionId: versionId, rowKey: 'p3', label: 'Technical Issue', by: 'Ana' });
    const ctx = context();
    const result = await scoreRows(db, { type: 'scoreRows', runId: 'run', datasetVersionId: versionId }, ctx);
    expect(result.classes).toEqual(classes);
    expect(result.candidates).toHaveLength(200);
    expect(result.candidates.filter((c) => c.label === null)).toHaveLength(100);
    expect(result.candidates.find((c) => c.key === 'p3')).toEqual({ key: 'p3', label: 'Technical Issue', source: 'feedback', reviewed: true });
    expect(result.candidates.find((c) => c.key === 'p6')).toMatchObject({ reviewed: false });
    expect(result.candidates.some((c) => c.key.startsWith('l'))).toBe(false);
    expect(ctx.steps).toEqual(['0/200', '200/200']);
    // What the model itself gives for these texts.
    const all = rows().filter((r) => !r.key.startsWith('l'));
    const expected = predictProba(model, vectorizer.transform(all.map((r) => r.text)));
    all.forEach((r, i) => {
      const s = rowScore(classes, expected.subarray(i * 2, i * 2 + 2));
      expect(result.scores.get(r.key)!.predicted).toBe(s.predicted);
      expect(result.scores.get(r.key)!.margin).toBeCloseTo(s.margin, 5);
    });
    const uncertain = orderQueue('uncertain', result.candidates, result.scores);
    expect(uncertain).toHaveLength(100);
    expect(result.scores.get(uncertain[0])!.margin).toBeLessThanOrEqual(result.scores.get(uncertain[99])!.margin);
  });

  it('stops between steps when cancelled', async () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ key: `m${i}`, text: `${words[i % words.length]} ${i}`, label: null, meta: {} }));
    const big = await createDatasetVersion(db, { projectId, source: { name: 'y.csv' }, message: 'y', schema: [], rows: many });
    const ctx = context(256);
    await expect(scoreRows(db, { type: 'scoreRows', runId: 'run', datasetVersionId: big.id }, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(ctx.steps).toEqual(['0/600', '256/600']);
  });

  it('says so when the run’s model is gone', async () => {
    await expect(scoreRows(db, { type: 'scoreRows', runId: 'nope', datasetVersionId: versionId }, context())).rejects.toThrow('That run or its model no longer exists.');
  });
});
