import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runPipeline, THROUGHPUT_TEXTS } from '$lib/core/models/pipeline';
import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import type { DataRow } from '$lib/core/data/dataset';
import { ticketRows } from '../../../bench/trainTask';

function rows(n: number): DataRow[] {
  const tickets = generateTickets({ count: n, seed: 'pipeline-test' });
  const all = tickets.map((t): DataRow => ({ key: t.id, text: `${t.subject}\n\n${t.body}`, label: t.label, meta: { channel: t.channel } }));
  const splits = stratifiedSplit(all, { seed: 's' });
  return all.map((r, i) => ({ ...r, split: splits[i] }));
}

const data = rows(600);
const input = (seed: string, params: Record<string, unknown> = { epochs: 8 }) => ({
  train: data.filter((r) => r.split === 'train'),
  validation: data.filter((r) => r.split === 'validation'),
  test: data.filter((r) => r.split === 'test'),
  family: 'softmax-regression',
  params,
  vectorizer: DEFAULT_VECTORIZER,
  seed,
  now: () => performance.now(),
  slices: [{ id: 'email', name: 'email', where: [{ column: 'channel', op: '=' as const, value: 'email' }] }],
  latencySamples: 20,
});

// The endpoint's predictor, watched: which model it serves and how often it is asked.
vi.mock('$lib/core/serving/inference', async (importOriginal) => {
  const actual = await importOriginal<typeof import('$lib/core/serving/inference')>();
  return {
    ...actual,
    createPredictor: vi.fn((input: Parameters<typeof actual.createPredictor>[0]) => {
      const predictor = actual.createPredictor(input);
      return { ...predictor, predict: vi.fn(predictor.predict) };
    }),
  };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('training pipeline', () => {
  it('learns the tickets well above the majority baseline, and reports every part of the evaluation', async () => {
    const works: unknown[] = [];
    const result = await runPipeline({ ...input('a'), onBatch: (b) => works.push(b.work) });
    try {
      // The time left covers the scoring after training: the facts name the rows trained on and kept aside.
      expect(works.at(-1)).toMatchObject({ rows: input('a').train.length, laterRows: input('a').validation.length + input('a').test.length });
      const { evaluation } = result;
      expect(evaluation.classes).toEqual(['Billing', 'General Inquiry', 'Technical Issue']);
      expect(evaluation.test.accuracy).toBeGreaterThan(0.8);
      expect(evaluation.baseline.verdict).toBe('better');
      expect(evaluation.test.accuracy - evaluation.baseline.accuracy).toBeGreaterThan(0.3);
      expect(evaluation.test.confusion.flat().reduce((s, n) => s + n, 0)).toBe(input('a').test.length);
      expect(evaluation.test.perSlice[0]).toMatchObject({ sliceId: 'email', name: 'email' });
      expect(evaluation.test.perSlice[0].n).toBe(input('a').test.filter((r) => r.meta.channel === 'email').length);
      expect(evaluation.topTerms?.map((t) => t.label)).toEqual(evaluation.classes);
      expect(evaluation.latency.samples).toBe(20);
      expect(result.measured.test?.accuracy).toBe(evaluation.test.accuracy);
      expect(result.measured.test?.latency_p99_ms).toBeGreaterThan(0);
      expect(result.curves.loss.length).toBe(result.training.epochsRun);
    } finally {
      result.model.dispose();
    }
  }, 60_000);

  it('gives the same metrics and curves for the same seed and data on the CPU, other numbers for another seed (Adam)', async () => {
    const adam = { optimizer: 'adam', epochs: 8 };
    const first = await runPipeline(input('same', adam));
    const second = await runPipeline(input('same', adam));
    const other = await runPipeline(input('other', adam));
    try {
      expect(second.curves).toEqual(first.curves);
      expect(second.evaluation.test.confusion).toEqual(first.evaluation.test.confusion);
      expect(second.measured).toEqual({ ...first.measured, test: { ...first.measured.test, latency_p50_ms: second.measured.test!.latency_p50_ms, latency_p95_ms: second.measured.test!.latency_p95_ms, latency_p99_ms: second.measured.test!.latency_p99_ms } });
      expect(other.curves.loss).not.toEqual(first.curves.loss);
    } finally {
      first.model.dispose();
      second.model.dispose();
      other.model.dispose();
    }
  }, 90_000);

  it('fits the default L-BFGS run from zero weights: byte-equal weights whatever the seed, curves per iteration', async () => {
    const first = await runPipeline(input('one', {}));
    const second = await runPipeline(input('two', {}));
    try {
      expect(first.params).toMatchObject({ optimizer: 'lbfgs', C: 1, maxIterations: 100 });
      expect(first.training.unit).toBe('iteration');
      expect(['gradient', 'decrease']).toContain(first.training.stopReason);
      expect(first.curves.loss).toHaveLength(first.training.epochsRun);
      expect(first.curves.valLoss).toHaveLength(first.training.epochsRun);
      expect(Buffer.from(second.serialized.weightData).equals(Buffer.from(first.serialized.weightData))).toBe(true);
      expect(second.curves).toEqual(first.curves);
    } finally {
      first.model.dispose();
      second.model.dispose();
    }
  }, 60_000);

  it('reaches the accuracy of the former defaults on 10k generated tickets (≥ 0.9163, was 0.9213 with Adam)', async () => {
    const tickets = ticketRows(10_000, 'bench-train');
    const result = await runPipeline({
      train: tickets.filter((r) => r.split === 'train'),
      validation: tickets.filter((r) => r.split === 'validation'),
      test: tickets.filter((r) => r.split === 'test'),
      family: 'softmax-regression',
      params: {},
      vectorizer: DEFAULT_VECTORIZER,
      seed: 'bench',
      now: () => performance.now(),
      latencySamples: 0,
    });
    try {
      expect(result.evaluation.test.accuracy).toBeGreaterThanOrEqual(0.9163);
      expect(result.training.epochsRun).toBeLessThan(100);
    } finally {
      result.model.dispose();
    }
  }, 60_000);

  it('reads every timing from the clock it is given', async () => {
    let ticks = 0;
    const result = await runPipeline({ ...input('clock'), now: () => ++ticks });
    try {
      // A clock that moves 1 ms per reading: each figure spans two consecutive readings.
      expect(result.evaluation.latency).toMatchObject({ p50: 1, p95: 1, p99: 1, mean: 1, samples: 20, batchPerSecond: input('clock').test.length * 1000 });
      expect(result.measured.test?.latency_p99_ms).toBe(1);
      expect(result.timings).toMatchObject({ vectorizeMs: 1, evaluateMs: 1 });
    } finally {
      result.model.dispose();
    }
  }, 60_000);

  it('times the endpoint\'s forward pass on the stored model: once per sample, then the whole test split', async () => {
    vi.mocked(createPredictor).mockClear();
    const result = await runPipeline(input('served'));
    try {
      expect(vi.mocked(createPredictor).mock.calls.map(([served]) => served.model)).toEqual([result.serialized]);
      const calls = vi.mocked<Predictor['predict']>(vi.mocked(createPredictor).mock.results[0].value.predict).mock.calls.map(([texts]) => texts.length);
      expect(calls).toEqual([...Array(20).fill(1), input('served').test.length]);
      expect(result.evaluation.latency.backend).toBe('js');
    } finally {
      result.model.dispose();
    }
  }, 60_000);

  it('times the batch throughput on the first THROUGHPUT_TEXTS test texts of a larger test split', async () => {
    vi.mocked(createPredictor).mockClear();
    const base = input('throughput');
    const test = Array.from({ length: THROUGHPUT_TEXTS + 150 }, (_, i) => base.test[i % base.test.length]);
    const result = await runPipeline({ ...base, test });
    try {
      const predict = vi.mocked<Predictor['predict']>(vi.mocked(createPredictor).mock.results[0].value.predict);
      const batch = predict.mock.calls.at(-1)![0];
      expect(batch).toEqual(test.slice(0, THROUGHPUT_TEXTS).map((r) => r.text));
      expect(result.evaluation.test.n).toBe(test.length);
    } finally {
      result.model.dispose();
    }
  }, 60_000);

  it('leaves no tensors behind once the model is disposed, also when training is cancelled', async () => {
    const before = tf.memory().numTensors;
    const result = await runPipeline(input('leak'));
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    let calls = 0;
    await expect(runPipeline({ ...input('cancel'), shouldStop: () => ++calls > 3 })).rejects.toThrow(/cancel/i);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
