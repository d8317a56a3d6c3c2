/**
 * Predictions with a stored run's model in the compute worker. Loaded models are kept (a few),
 * since the "try it" box asks again and again.
 */
import type * as tf from '@tensorflow/tfjs';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { deserializeModel } from '$lib/core/models/serialize';
import { predictOne } from '$lib/core/models/predict';
import { contributions } from '$lib/core/models/explain';
import { isLinearFamily } from '$lib/core/models/catalog';
import type { LifecycleDatabase } from '$lib/db/database';
import { getRun, getRunArtifact } from '$lib/db/runs';
import type { Prediction } from './computeProtocol';

export interface Loaded {
  model: tf.LayersModel;
  vectorizer: TfidfVectorizer;
  featureNames: string[];
  classes: string[];
  linear: boolean;
}

const cache = new Map<string, Promise<Loaded>>();
const MAX_MODELS = 3;

async function load(db: LifecycleDatabase, runId: string): Promise<Loaded> {
  const [run, artifact] = await Promise.all([getRun(db, runId), getRunArtifact(db, runId)]);
  if (!run || !artifact) throw new Error('That run or its model no longer exists.');
  const model = await deserializeModel({ format: 'layers-model', modelTopology: artifact.modelTopology, weightSpecs: artifact.weightSpecs, weightData: artifact.weightData });
  const vectorizer = TfidfVectorizer.fromJSON(artifact.vectorizer);
  return { model, vectorizer, featureNames: vectorizer.featureNames(), classes: run.classes ?? [], linear: isLinearFamily(run.family) };
}

/** A run's model and vectorizer, loaded once and kept with the few most recent. */
export function loaded(db: LifecycleDatabase, runId: string): Promise<Loaded> {
  let entry = cache.get(runId);
  if (!entry) {
    entry = load(db, runId);
    entry.catch(() => cache.delete(runId));
    cache.set(runId, entry);
    while (cache.size > MAX_MODELS) {
      const oldest = cache.keys().next().value!;
      void cache.get(oldest)!.then((m) => m.model.dispose(), () => undefined);
      cache.delete(oldest);
    }
  }
  return entry;
}

export async function predictRun(db: LifecycleDatabase, runId: string, text: string): Promise<Prediction> {
  const m = await loaded(db, runId);
  const started = performance.now();
  const x = m.vectorizer.transformOne(text);
  const probabilities = predictOne(m.model, x.indices, x.data, m.vectorizer.vocabularySize);
  const latencyMs = performance.now() - started;
  let best = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
  return {
    classes: m.classes,
    probabilities: Array.from(probabilities),
    label: m.classes[best],
    latencyMs,
    contributions: m.linear ? contributions(m.model, x, m.featureNames, best, 8).map((c) => ({ term: c.term, weight: c.contribution })) : [],
  };
}
