import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlp, softmaxRegression, type MlpParams, type SoftmaxRegressionParams } from '../../../src/lib/core/models/families';
import { predictProba } from '../../../src/lib/core/models/predict';
import { SOFTMAX_CROSS_ENTROPY } from '../../../src/lib/core/models/lossKernel';
import { evaluateModel, trainModel, TrainingCancelledError, type BatchProgress, type EpochProgress } from '../../../src/lib/core/models/train';
import { TOY_CLASSES, TOY_COLS, toyData } from './toyData';

const train = toyData(300, 'toy-train');
const validation = toyData(150, 'toy-validation');
const K = TOY_CLASSES;

/** Faster than the defaults (which are tuned for thousands of tickets), same shape of run. */
const lrParams: SoftmaxRegressionParams = { ...softmaxRegression.defaults, optimizer: 'adam', learningRate: 0.05, epochs: 12, batchSize: 64, patience: 0 };
const mlpParams: MlpParams = { ...mlp.defaults, learningRate: 0.01, epochs: 10, batchSize: 64, patience: 0, hiddenUnits: [16] };

function accuracy(probs: Float32Array, y: Int32Array): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    const row = probs.subarray(i * K, i * K + K);
    if (row.indexOf(Math.max(...row)) === y[i]) correct++;
  }
  return correct / y.length;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel', () => {
  it.each([
    ['softmax-regression', () => softmaxRegression.build(TOY_COLS, K, lrParams, 'toy'), lrParams],
    ['mlp', () => mlp.build(TOY_COLS, K, mlpParams, 'toy'), mlpParams],
  ] as const)('%s learns a separable problem, without leaking tensors', async (_, build, params) => {
    const baseline = tf.memory().numTensors;
    const model = build();
    const result = await trainModel({ model, train, validation, numClasses: K, params, seed: 'toy' });
    expect(result.epochsRun).toBe(params.epochs);
    expect(result.history.loss[result.epochsRun - 1]).toBeLessThan(result.history.loss[0] / 2);
    expect(result.history.valAccuracy[result.epochsRun - 1]).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(predictProba(model, validation.x, 64), validation.y)).toBeGreaterThanOrEqual(0.95);
    expect(result.backend).toBe('cpu');
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('is deterministic for a seed (shuffling, initialisation and dropout) and differs across seeds', async () => {
    const run = async (seed: string) => {
      const model = mlp.build(TOY_COLS, K, mlpParams, seed);
      const { history } = await trainModel({ model, train, validation, numClasses: K, params: { ...mlpParams, epochs: 3 }, seed });
      const probs = predictProba(model, validation.x, 64);
      model.dispose();
      return { history, probs };
    };
    const a = await run('seed-1');
    const b = await run('seed-1');
    const c = await run('seed-2');
    expect(b.history).toEqual(a.history);
    expect(Array.from(b.probs)).toEqual(Array.from(a.probs));
    expect(c.history.loss).not.toEqual(a.history.loss);
    expect(Array.from(c.probs)).not.toEqual(Array.from(a.probs));
  });

  it('stops early on validation loss and restores the best epoch, without leaking', async () => {
    // Validation labels rotated by one class: the better the model fits, the worse validation gets.
    const misleading = { x: validation.x, y: validation.y.map((c) => (c + 1) % K) };
    const baseline = tf.memory().numTensors;
    const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'es');
    const epochs: EpochProgress[] = [];
    const result = await trainModel({
      model,
      train,
      validation: misleading,
      numClasses: K,
      params: { ...lrParams, epochs: 30, patience: 2 },
      seed: 'es',
      onEpoch: (p) => epochs.push(p),
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochsRun).toBe(result.bestEpoch + 3);
    const { valLoss } = result.history;
    expect(valLoss[result.bestEpoch]).toBe(Math.min(...valLoss));
    expect(epochs.map((p) => p.improved)).toEqual(valLoss.map((v, i) => v === Math.min(...valLoss.slice(0, i + 1))));
    // The model now holds the best epoch's weights: evaluation reproduces its validation loss.
    const evaluated = await evaluateModel(model, misleading, K);
    expect(evaluated.loss).toBe(valLoss[result.bestEpoch]);
    expect(evaluated.loss).toBeLessThan(valLoss[result.epochsRun - 1]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('feeds every step exactly batchSize sparse rows (padded with empty rows) and never densifies the input', async () => {
    const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'shapes');
    const params = { ...lrParams, epochs: 2 }; // 300 = 4 × 64 + 44 training rows; 150 validation rows, one chunk
    for (const kernels of ['auto', 'tfjs'] as const) {
      const profile = await tf.profile(async () => {
        await trainModel({ model, train, validation, numClasses: K, params, seed: 1, kernels });
        return [];
      });
      // One fused loss per step (and per validation chunk), on the step's logits.
      const lossInputs = profile.kernels.filter((k) => k.name === SOFTMAX_CROSS_ENTROPY).map((k) => k.inputShapes[0]);
      expect(lossInputs).toEqual(Array.from({ length: params.epochs }, () => [...Array.from({ length: 5 }, () => [64, K]), [150, K]]).flat());
      // The input reaches the model only through the sparse kernel: [rows + 1] row starts, never rows × TOY_COLS.
      const products = profile.kernels.filter((k) => k.name === 'CsrMatMul');
      expect(products.length).toBeGreaterThan(0);
      expect(profile.kernels.some((k) => k.inputShapes.some((s) => s.length === 2 && s[1] === TOY_COLS && s[0] > 1 && k.name !== 'CsrMatMul'))).toBe(false);
    }
    model.dispose();
  });

  it('reports progress per batch and per epoch', async () => {
    const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'progress');
    const batches: BatchProgress[] = [];
    const epochs: EpochProgress[] = [];
    let clock = 0;
    const result = await trainModel({
      model,
      train,
      numClasses: K,
      params: { ...lrParams, epochs: 2 },
      seed: 1,
      now: () => (clock += 1),
      onBatch: (p) => batches.push(p),
      onEpoch: (p) => epochs.push(p),
    });
    expect(batches.every((b) => b.unit === 'epoch' && b.work.unit === 'epoch')).toBe(true);
    expect(batches.map((b) => `${b.epoch}:${b.batch}/${b.batchesPerEpoch}`)).toEqual(
      [0, 1].flatMap((e) => [0, 1, 2, 3, 4].map((b) => `${e}:${b}/5`)),
    );
    expect(batches.every((b, i) => i === 0 || b.elapsedMs > batches[i - 1].elapsedMs)).toBe(true);
    expect(epochs.map((e) => [e.epoch, e.epochs, e.valLoss, e.improved])).toEqual([
      [0, 2, null, true],
      [1, 2, null, true],
    ]);
    expect(epochs[1].loss).toBe(result.history.loss[1]);
    expect(result.history.valLoss).toEqual([]);
    expect(result.bestEpoch).toBe(1);
    expect(result.timings.steps).toBe(10);
    expect(result.timings.batchesPerEpoch).toBe(5);
    expect(result.timings.epochMs).toHaveLength(2);
    model.dispose();
  });

  it('cancels between batches with TrainingCancelledError, disposing everything it made', async () => {
    const baseline = tf.memory().numTensors;
    const model = mlp.build(TOY_COLS, K, mlpParams, 'cancel');
    let steps = 0;
    const training = trainModel({
      model,
      train,
      validation,
      numClasses: K,
      params: { ...mlpParams, epochs: 5, patience: 2 },
      seed: 1,
      onBatch: () => steps++,
      shouldStop: () => steps === 7,
    });
    await expect(training).rejects.toThrow(TrainingCancelledError);
    await expect(training).rejects.toMatchObject({ epochsCompleted: 1 });
    expect(steps).toBe(7);
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('yields to the event loop so a cancel message can arrive', async () => {
    const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'yield');
    let stop = false;
    setTimeout(() => (stop = true), 0);
    const training = trainModel({ model, train, numClasses: K, params: { ...lrParams, epochs: 1000 }, seed: 1, yieldEvery: 0, shouldStop: () => stop });
    await expect(training).rejects.toThrow(TrainingCancelledError);
    model.dispose();
  });

  it("gives the same run with TF.js kernels (WebGL's path) as with the CPU fast path", async () => {
    const run = async (kernels: 'auto' | 'tfjs') => {
      const model = mlp.build(TOY_COLS, K, mlpParams, 'kernels');
      const { history } = await trainModel({ model, train, validation, numClasses: K, params: { ...mlpParams, epochs: 3 }, seed: 1, kernels });
      model.dispose();
      return history;
    };
    const fast = await run('auto');
    const reference = await run('tfjs');
    fast.loss.forEach((loss, i) => expect(loss).toBeCloseTo(reference.loss[i], 4));
    fast.valLoss.forEach((loss, i) => expect(loss).toBeCloseTo(reference.valLoss[i], 4));
  });

  it('trains with SGD (with and without momentum)', async () => {
    for (const momentum of [0, 0.9]) {
      const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'sgd');
      const params = { ...lrParams, optimizer: 'sgd' as const, learningRate: 0.5, momentum, epochs: 8 };
      const result = await trainModel({ model, train, validation, numClasses: K, params, seed: 1 });
      expect(result.history.valAccuracy[7]).toBeGreaterThanOrEqual(0.95);
      model.dispose();
    }
  });

  it('rejects inconsistent inputs with clear messages', async () => {
    const model = softmaxRegression.build(TOY_COLS, K, lrParams, 'bad');
    const base = { model, numClasses: K, params: lrParams, seed: 1 };
    await expect(trainModel({ ...base, train: { x: train.x, y: train.y.subarray(1) } })).rejects.toThrow(/299 labels for 300 rows/);
    await expect(trainModel({ ...base, train: { x: train.x, y: train.y.map(() => 3) } })).rejects.toThrow(/label 3 at row 0 is outside \[0, 3\)/);
    await expect(trainModel({ ...base, train, numClasses: 4 })).rejects.toThrow(/model outputs 3 classes, numClasses is 4/);
    await expect(trainModel({ ...base, train: { x: { ...train.x, cols: TOY_COLS + 1 }, y: train.y } })).rejects.toThrow(`model expects ${TOY_COLS} input features`);
    model.dispose();
  });
});
