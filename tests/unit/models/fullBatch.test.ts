import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softmaxRegression, type SoftmaxRegressionParams } from '$lib/core/models/families';
import { csrFromRows } from '$lib/core/models/csr';
import { trainModel, TrainingCancelledError, type BatchProgress, type EpochProgress, type LabelledCsr } from '$lib/core/models/train';
import { TOY_CLASSES as K, TOY_COLS, toyData } from './toyData';
import { SOFTMAX_REGRESSION_LOSS_GRAD } from '$lib/core/models/softmaxRegressionKernel';
import { startCurvature } from '$lib/core/models/fullBatch';

const train = toyData(300, 'toy-train');
const validation = toyData(150, 'toy-validation');
const params: SoftmaxRegressionParams = { ...softmaxRegression.defaults };

/** The toy problem with every fifth label moved to the next class: not separable any more. */
const noisy = { x: train.x, y: train.y.map((c, i) => (i % 5 === 0 ? (c + 1) % K : c)) };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function fit(seed: string, data: LabelledCsr = train, extra: Partial<SoftmaxRegressionParams> = {}) {
  const model = softmaxRegression.build(TOY_COLS, K, { ...params, ...extra }, seed);
  const result = await trainModel({ model, train: data, validation, numClasses: K, params: { ...params, ...extra }, seed });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  return { model, result, weights };
}

describe('full-batch L-BFGS training', () => {
  it('matches scikit-learn LogisticRegression(C=1) multinomial coefficients on a tiny problem', async () => {
    const rows = [
      [1.0, 0.0, 0.5, 0.0], [0.9, 0.2, 0.0, 0.0], [0.0, 1.0, 0.0, 0.3], [0.1, 0.8, 0.0, 0.0],
      [0.0, 0.0, 1.0, 0.2], [0.0, 0.3, 0.9, 0.0], [0.7, 0.0, 0.0, 0.6], [0.0, 0.6, 0.0, 0.9],
      [0.2, 0.0, 0.8, 0.4], [0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.4, 1.0], [0.8, 0.1, 0.3, 0.0],
    ];
    const x = csrFromRows(rows.map((r) => ({ indices: r.flatMap((v, j) => (v ? [j] : [])), data: r.filter((v) => v) })), 4);
    const y = Int32Array.from([0, 0, 1, 1, 2, 2, 0, 1, 2, 1, 2, 0]);
    // /usr/bin/python3, scikit-learn 1.2.1: LogisticRegression(C=1.0, multi_class='multinomial', solver='lbfgs', tol=1e-10).fit(X, y)
    const coef = [
      [1.11036, -0.498222, -0.28603, -0.225992],
      [-0.428608, 0.969086, -0.70562, -0.019529],
      [-0.681752, -0.470864, 0.99165, 0.245521],
    ];
    const intercept = [-0.089076, 0.110189, -0.021113];
    const model = softmaxRegression.build(4, 3, params, 'sklearn');
    const result = await trainModel({ model, train: { x, y }, numClasses: 3, params, seed: 'sklearn' });
    expect(result.stopReason).toBe('gradient');
    const [kernel, bias] = model.getWeights().map((w) => w.dataSync());
    coef.forEach((row, k) => row.forEach((v, j) => expect(Math.abs(kernel[j * 3 + k] - v)).toBeLessThan(1e-3)));
    intercept.forEach((v, k) => expect(Math.abs(bias[k] - v)).toBeLessThan(1e-3));
    model.dispose();
  });

  it.each([
    ['separable', train, 0.95],
    ['noisy', noisy, 0.9],
  ] as const)('converges on a %s problem before the cap, per iteration curves included', async (_, data, minValAccuracy) => {
    const { model, result } = await fit('converge', data);
    expect(result.unit).toBe('iteration');
    expect(['gradient', 'decrease']).toContain(result.stopReason);
    expect(result.epochsRun).toBeLessThan(params.maxIterations);
    expect(result.history.loss).toHaveLength(result.epochsRun);
    expect(result.history.valAccuracy).toHaveLength(result.epochsRun);
    expect(result.bestEpoch).toBe(result.epochsRun - 1);
    expect(result.stoppedEarly).toBe(false);
    expect(result.history.loss[result.epochsRun - 1]).toBeLessThan(result.history.loss[0]);
    expect(result.history.valAccuracy[result.epochsRun - 1]).toBeGreaterThanOrEqual(minValAccuracy);
    model.dispose();
  });

  it('trains to the same weights and curves through the fused kernel as through the composed kernels (as on other backends)', async () => {
    const fused = await fit('paths', noisy);
    const kernel = tf.getKernel(SOFTMAX_REGRESSION_LOSS_GRAD, 'cpu')!;
    tf.unregisterKernel(SOFTMAX_REGRESSION_LOSS_GRAD, 'cpu');
    let composed: Awaited<ReturnType<typeof fit>>;
    try {
      composed = await fit('paths', noisy);
    } finally {
      tf.registerKernel(kernel);
    }
    expect(fused.result.epochsRun).toBe(composed.result.epochsRun);
    expect(fused.result.stopReason).toBe(composed.result.stopReason);
    fused.weights.forEach((w, i) => w.forEach((v, j) => expect(Math.abs(v - composed.weights[i][j])).toBeLessThan(1e-4)));
    fused.result.history.valLoss.forEach((v, i) => expect(Math.abs(v - composed.result.history.valLoss[i])).toBeLessThan(1e-5));
    expect(fused.result.history.valAccuracy).toEqual(composed.result.history.valAccuracy);
    fused.model.dispose();
    composed.model.dispose();
  });

  it('preconditions by the inverse Hessian diagonal at zero weights: (K−1)/K²·Σx²/N + λ per kernel entry, (K−1)/K² per bias', () => {
    // Two rows over three columns; column 2 never occurs (only λ then).
    const x = csrFromRows([{ indices: [0, 1], data: [0.6, 0.8] }, { indices: [0], data: [1] }], 3);
    const lambda = 0.25;
    const spread = 2 / 9; // K = 3
    const expected = [
      ...Array(3).fill(1 / ((spread * (0.36 + 1)) / 2 + lambda)),
      ...Array(3).fill(1 / ((spread * 0.64) / 2 + lambda)),
      ...Array(3).fill(1 / lambda),
      ...Array(3).fill(1 / spread),
    ];
    Array.from(startCurvature(x, 3, 9, lambda)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('regularizes by C as scikit-learn does: a smaller C gives smaller weights', async () => {
    const strong = await fit('c', train, { C: 0.01 });
    const weak = await fit('c', train, { C: 100 });
    const norm = (w: number[][]) => Math.hypot(...w[0]);
    expect(norm(strong.weights)).toBeLessThan(norm(weak.weights) / 5);
    strong.model.dispose();
    weak.model.dispose();
  });

  it('starts from zero weights: two runs with different seeds give byte-equal weights', async () => {
    const a = await fit('seed-a');
    const b = await fit('seed-b');
    const bytes = (w: number[][]) => Buffer.from(Float32Array.from(w.flat()).buffer);
    expect(bytes(b.weights).equals(bytes(a.weights))).toBe(true);
    expect(b.result.history).toEqual(a.result.history);
    a.model.dispose();
    b.model.dispose();
  });

  it('leaves no tensor behind across runs and reports each iteration with the facts for the time left', async () => {
    await fit('warm').then(({ model }) => model.dispose());
    const baseline = tf.memory().numTensors;
    const batches: BatchProgress[] = [];
    const epochs: EpochProgress[] = [];
    for (let run = 0; run < 2; run++) {
      const model = softmaxRegression.build(TOY_COLS, K, params, 'leak');
      await trainModel({ model, train, validation, numClasses: K, params, seed: 'leak', onBatch: (b) => batches.push(b), onEpoch: (e) => epochs.push(e) });
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(baseline);
    expect(batches.every((b) => b.unit === 'iteration' && b.batch === 0 && b.batchesPerEpoch === 1)).toBe(true);
    const last = batches[batches.length - 1];
    expect(last.work).toMatchObject({ unit: 'iteration', done: last.epoch + 1, maxIterations: 100, tolerance: 1e-4 });
    expect(last.work.unit === 'iteration' && last.work.gradMax).toHaveLength(last.epoch + 2);
    // Every iteration evaluates at least once, after the start's evaluation; the warm-up mark counts them too.
    expect(last.work.unit === 'iteration' && last.work.evaluations).toBeGreaterThanOrEqual(last.epoch + 2);
    expect(last.work.warmup).toMatchObject({ done: 1, evaluations: expect.any(Number) });
    expect(last.work.unit === 'iteration' && last.work.marks?.map((m) => m.done)).toEqual(Array.from({ length: last.epoch + 1 }, (_, i) => i + 1));
    expect(epochs[0]).toMatchObject({ unit: 'iteration', epoch: 0, epochs: 100, improved: true });
  });

  it('cancels mid-run with TrainingCancelledError, counting iterations, disposing everything it made', async () => {
    const baseline = tf.memory().numTensors;
    const model = softmaxRegression.build(TOY_COLS, K, params, 'cancel');
    let polls = 0;
    let iterations = 0;
    const training = trainModel({ model, train, validation, numClasses: K, params, seed: 1, onBatch: () => iterations++, shouldStop: () => ++polls > 6 });
    await expect(training).rejects.toThrow(TrainingCancelledError);
    await expect(training).rejects.toThrow(/iteration\(s\)/);
    expect(iterations).toBeGreaterThan(0);
    expect(iterations).toBeLessThan(6);
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('refuses parameters without a positive C or an iteration cap', async () => {
    const model = softmaxRegression.build(TOY_COLS, K, params, 'bad');
    const noC: SoftmaxRegressionParams = { ...params, C: 0 };
    const noCap: SoftmaxRegressionParams = { ...params, maxIterations: 0 };
    await expect(trainModel({ model, train, numClasses: K, params: noC, seed: 1 })).rejects.toThrow(/positive C/);
    await expect(trainModel({ model, train, numClasses: K, params: noCap, seed: 1 })).rejects.toThrow(/maxIterations/);
    model.dispose();
  });
});
