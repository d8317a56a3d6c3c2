/**
 * The training benchmark task, the same in Node and in the bench page: n seeded tickets, a
 * stratified 70/15/15 split, and the app's own pipeline (TF-IDF + model + evaluation + latency).
 */
import * as tf from '@tensorflow/tfjs';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import type { DataRow } from '$lib/core/data/dataset';
import { runPipeline } from '$lib/core/models/pipeline';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { getModelFamily } from '$lib/core/models/families';

export interface TrainTaskResult {
  rows: number;
  family: string;
  backend: string;
  /** vectorize + train + evaluate, ms (latency timing excluded). */
  trainEvaluateMs: number;
  vectorizeMs: number;
  trainMs: number;
  evaluateMs: number;
  epochs: number;
  vocabulary: number;
  testAccuracy: number;
  p50: number;
  p99: number;
  batchPerSecond: number;
}

export function ticketRows(n: number, seed: string | number): DataRow[] {
  const tickets = generateTickets({ count: n, seed });
  const rows: DataRow[] = tickets.map((t) => ({ key: t.id, text: `${t.subject}\n\n${t.body}`, label: t.label, timestamp: t.createdAt, meta: { channel: t.channel, tier: t.tier } }));
  const splits = stratifiedSplit(rows, { seed: 'split-1' });
  return rows.map((r, i) => ({ ...r, split: splits[i] }));
}

export async function trainTask(rows: readonly DataRow[], family = 'softmax-regression', overrides: Record<string, unknown> = {}, latencySamples = 300): Promise<TrainTaskResult> {
  const result = await runPipeline({
    train: rows.filter((r) => r.split === 'train'),
    validation: rows.filter((r) => r.split === 'validation'),
    test: rows.filter((r) => r.split === 'test'),
    family,
    params: { ...getModelFamily(family).defaults, ...overrides },
    vectorizer: DEFAULT_VECTORIZER,
    seed: 'bench',
    now: () => performance.now(),
    latencySamples,
  });
  result.model.dispose();
  const { vectorizeMs, trainMs, evaluateMs } = result.timings;
  return {
    rows: rows.length,
    family,
    backend: tf.getBackend(),
    trainEvaluateMs: vectorizeMs + trainMs + evaluateMs,
    vectorizeMs,
    trainMs,
    evaluateMs,
    epochs: result.training.epochsRun,
    vocabulary: result.vectorizer.vocabularySize,
    testAccuracy: result.evaluation.test.accuracy,
    p50: result.evaluation.latency.p50,
    p99: result.evaluation.latency.p99,
    batchPerSecond: result.evaluation.latency.batchPerSecond,
  };
}

/** Tensors alive after `cycles` small train + predict cycles, minus before. */
export async function tensorGrowth(cycles: number): Promise<{ before: number; after: number; growth: number }> {
  const rows = ticketRows(300, 'leak-check');
  await trainTask(rows, 'softmax-regression', { epochs: 2 }, 5); // warm-up: backend programs, caches
  const before = tf.memory().numTensors;
  for (let i = 0; i < cycles; i++) await trainTask(rows, i % 2 ? 'mlp' : 'softmax-regression', { epochs: 2 }, 5);
  const after = tf.memory().numTensors;
  return { before, after, growth: after - before };
}
