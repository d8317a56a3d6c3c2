/**
 * The project the snapshot benchmarks export and import: the sample project (1,200 tickets)
 * after a stratified split, one trained and registered logistic regression (TF.js CPU backend),
 * a deployment as champion and 10,000 logged predictions (a quarter with ground truth) spread
 * over a week, in a fake-indexeddb database in this Node process.
 */
import * as tf from '@tensorflow/tfjs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { LifecycleDatabase } from '$lib/db/database';
import { createSampleProject } from '$lib/db/sampleProject';
import { listDatasetVersions, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun, setAlias } from '$lib/db/registry';
import { deploy } from '$lib/db/deployments';
import { recordPredictions } from '$lib/db/monitoring';
import type { PredictionLogRecord } from '$lib/db/records';
import { splitCounts, stratifiedSplit } from '$lib/core/data/split';
import { runPipeline } from '$lib/core/models/pipeline';
import { serializeModel } from '$lib/core/models/serialize';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { flattenMeasured } from '$lib/core/lifecycle/measured';
import { createRng } from '$lib/core/random';

export const PREDICTIONS = 10_000;

/** A fresh in-memory database (fake-indexeddb, not the global one). */
export function benchDb(): LifecycleDatabase {
  return new LifecycleDatabase(`bench-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
}

export async function snapshotScenario(db: LifecycleDatabase): Promise<{ projectId: string }> {
  const project = (await createSampleProject(db))!;
  const [v1] = await listDatasetVersions(db, project.id);
  const state = await loadDatasetState(db, v1.id);
  const assignments = stratifiedSplit(state.rows, { seed: 'bench-split' });
  const version = await writeDerivedVersion(db, {
    parent: v1, state, message: 'Stratified split 70/15/15', change: 'split',
    delta: { upserts: state.rows.map((r, i) => ({ ...r, split: assignments[i] })), removedKeys: [] },
    split: { seed: 'bench-split', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts: splitCounts(assignments, state.rows.map((r) => r.label)).totals },
  });
  await tf.setBackend('cpu');
  const rows = state.rows.filter((r) => r.label !== null);
  const result = await runPipeline({
    train: rows.filter((r) => r.split === 'train'), validation: rows.filter((r) => r.split === 'validation'), test: rows.filter((r) => r.split === 'test'),
    family: 'softmax-regression', params: {}, vectorizer: DEFAULT_VECTORIZER, seed: 'bench', now: () => performance.now(), latencySamples: 50,
  });
  const model = await serializeModel(result.model);
  result.model.dispose();
  const run = await saveRun(
    db,
    {
      id: crypto.randomUUID(), projectId: project.id, datasetVersionId: version.id, datasetVersionNumber: version.number, createdAt: new Date().toISOString(),
      status: 'completed', family: 'softmax-regression', params: result.params as never, seed: 'bench', backend: 'cpu', fallbackReason: null,
      metrics: flattenMeasured(result.measured), curves: { ...result.curves }, timings: { ...result.timings }, appVersion: 'bench',
      classes: result.classes, vectorizer: { ...DEFAULT_VECTORIZER, vocabularySize: result.vectorizer.vocabularySize }, evaluation: result.evaluation, warnings: [],
    },
    { modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData, vectorizer: result.vectorizer.toJSON() },
  );
  const registered = await registerRun(db, { runId: run.id, modelName: 'ticket-router', by: 'bench' });
  await setAlias(db, { projectId: project.id, modelName: 'ticket-router', alias: 'champion', versionId: registered.id, by: 'bench', reason: 'first model' });
  const deployment = await deploy(db, { projectId: project.id, servedVersionId: registered.id, alias: 'champion', by: 'bench', reason: 'bench' });

  const rng = createRng('bench-predictions');
  const start = Date.parse('2026-03-02T00:00:00.000Z');
  const logs: PredictionLogRecord[] = Array.from({ length: PREDICTIONS }, (_, i) => {
    const label = result.classes[Math.floor(rng() * result.classes.length)];
    return {
      projectId: project.id, deploymentId: deployment.id, modelVersionId: deployment.modelVersionId, route: 'champion', at: new Date(start + Math.floor((i / PREDICTIONS) * 7 * 86_400_000)).toISOString(),
      inputHash: `h${i}`, inputLength: 200, label, confidence: 0.5 + rng() / 2, latencyMs: 1 + rng() * 10, status: rng() < 0.002 ? 500 : 200,
      ...(rng() < 0.25 ? { outcome: rng() < 0.9 ? label : result.classes[0] } : {}),
    };
  });
  // As the endpoint writes them: in small batches.
  for (let i = 0; i < logs.length; i += 100) await recordPredictions(db, logs.slice(i, i + 100));
  return { projectId: project.id };
}
