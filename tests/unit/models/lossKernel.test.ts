import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSoftmaxCrossEntropyKernel, SCALE_BY_SCALAR, SOFTMAX_CROSS_ENTROPY, softmaxCrossEntropyWithLogits } from '../../../src/lib/core/models/lossKernel';
import { ADD_ROW_VECTOR, addRowVector, COLUMN_SUMS, hasBiasKernels } from '../../../src/lib/core/models/biasKernels';
import { batchStats, labelTensors } from '../../../src/lib/core/models/trainShared';
import { createRng } from '../../../src/lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random logits in ±scale, with some rows pushed to ±80 (extreme, but finite in float32 exp of differences). */
function randomLogits(seed: string, rows: number, classes: number, scale = 5): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: rows * classes }, (_, i) => (i % 7 === 0 ? (rng() < 0.5 ? -80 : 80) : (rng() * 2 - 1) * scale));
}

function randomLabels(seed: string, rows: number, classes: number): Int32Array {
  const rng = createRng(seed);
  return Int32Array.from({ length: rows }, () => Math.floor(rng() * classes));
}

/** The loss, d loss / d logits and the correct count through `batchStats`, with or without the kernel. */
function stats(logits: Float32Array, labels: Int32Array, classes: number, withKernel: boolean) {
  const kernel = tf.getKernel(SOFTMAX_CROSS_ENTROPY, 'cpu')!;
  if (!withKernel) tf.unregisterKernel(SOFTMAX_CROSS_ENTROPY, 'cpu');
  try {
    expect(hasSoftmaxCrossEntropyKernel()).toBe(withKernel);
    const y = labelTensors(labels, Array.from(labels.keys()), classes);
    const initial = tf.tensor2d(logits, [labels.length, classes]);
    const z = tf.variable(initial);
    initial.dispose();
    let correct = NaN;
    const { value, grads } = tf.variableGrads(() => {
      const s = batchStats(z, y);
      correct = s.correct.dataSync()[0];
      return s.crossEntropy;
    }, [z]);
    const out = { loss: value.dataSync()[0], grad: grads[z.name].dataSync() as Float32Array, correct };
    value.dispose();
    grads[z.name].dispose();
    z.dispose();
    y.dispose();
    return out;
  } finally {
    if (!withKernel) tf.registerKernel(kernel);
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('SoftmaxCrossEntropyWithLogits', () => {
  it('is registered for the cpu backend under its contract name', () => {
    expect(tf.getKernel(SOFTMAX_CROSS_ENTROPY, 'cpu')).toBeDefined();
    expect(tf.getGradient(SOFTMAX_CROSS_ENTROPY)).toBeDefined();
  });

  it.each([
    ['three classes', 200, 3, 5],
    ['two classes', 51, 2, 20],
    ['seven classes, large logits', 97, 7, 60],
  ])('gives the loss, gradient and correct count of the TF.js-op composition to 1e-5, finite at ±80 (%s)', (name, rows, classes, scale) => {
    const logits = randomLogits(`logits:${name}`, rows, classes, scale);
    const labels = randomLabels(`labels:${name}`, rows, classes);
    const before = tf.memory().numTensors;
    const fused = stats(logits, labels, classes, true);
    const ops = stats(logits, labels, classes, false);
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(fused.loss)).toBe(true);
    expect(fused.grad.every(Number.isFinite)).toBe(true);
    expect(Math.abs(fused.loss - ops.loss) / Math.max(1, Math.abs(ops.loss))).toBeLessThan(1e-5);
    expect(maxAbsDiff(fused.grad, ops.grad)).toBeLessThan(1e-5);
    expect(fused.correct).toBe(ops.correct);
  });

  it('scales the gradient by dy (a mean over the batch) with ScaleByScalar, as TF.js\'s multiply does', () => {
    expect(tf.getKernel(SCALE_BY_SCALAR, 'cpu')).toBeDefined();
    const rows = 50;
    const labels = randomLabels('labels:scaled', rows, 3);
    const y = labelTensors(labels, Array.from(labels.keys()), 3);
    const z = tf.variable(tf.tensor2d(randomLogits('logits:scaled', rows, 3), [rows, 3]));
    const before = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const gradient = (factor: number) =>
      tf.tidy(() => Array.from(tf.variableGrads(() => tf.mul(batchStats(z, y).crossEntropy, factor) as tf.Scalar, [z]).grads[z.name].dataSync()));
    const whole = gradient(1);
    const quarter = gradient(0.25);
    const kernel = tf.getKernel(SCALE_BY_SCALAR, 'cpu')!;
    tf.unregisterKernel(SCALE_BY_SCALAR, 'cpu');
    let byMultiply: number[];
    try {
      byMultiply = gradient(0.25);
    } finally {
      tf.registerKernel(kernel);
    }
    expect(quarter).toEqual(whole.map((g) => Math.fround(g * 0.25)));
    expect(quarter).toEqual(byMultiply);
    expect(quarter.some((g) => g !== 0)).toBe(true);
    // A factor of 1 shares dLogits' data instead of copying it; nothing outlives the tidy either way.
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytes);
    z.dispose();
    y.dispose();
  });

  it('gives nothing for a padding row (label −1) and refuses a label outside the classes, naming the row', () => {
    const logits = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    tf.tidy(() => {
      const padded = softmaxCrossEntropyWithLogits(logits, tf.tensor1d([-1, 2], 'int32'));
      const alone = softmaxCrossEntropyWithLogits(tf.slice(logits, [1, 0], [1, 3]), tf.tensor1d([2], 'int32'));
      expect(padded.crossEntropy.dataSync()[0]).toBeCloseTo(alone.crossEntropy.dataSync()[0], 6);
      expect(padded.correct.dataSync()[0]).toBe(1);
    });
    const before = tf.memory().numTensors;
    for (const bad of [3, -2]) {
      expect(() => tf.tidy(() => softmaxCrossEntropyWithLogits(logits, tf.tensor1d([0, bad], 'int32')))).toThrow(
        new RegExp(`label ${bad} at row 1 is outside 0…2`),
      );
    }
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });
});

describe('AddRowVector and ColumnSums', () => {
  it('add a bias to every row with the gradients of the TF.js-op composition, which runs without the kernels', () => {
    const rng = createRng('bias');
    const z = tf.variable(tf.tensor2d(Float32Array.from({ length: 40 * 3 }, () => rng() * 2 - 1), [40, 3]));
    const v = tf.variable(tf.tensor1d([0.5, -1, 2]));
    const weights = tf.tensor2d(Float32Array.from({ length: 40 * 3 }, () => rng()), [40, 3]);
    const run = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(addRowVector(z, v), weights)), [z, v]);
      const out = { value: value.dataSync()[0], dz: grads[z.name].dataSync(), dv: grads[v.name].dataSync() };
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    expect(hasBiasKernels()).toBe(true);
    const fused = run();
    const kernels = [tf.getKernel(ADD_ROW_VECTOR, 'cpu')!, tf.getKernel(COLUMN_SUMS, 'cpu')!];
    kernels.forEach((k) => tf.unregisterKernel(k.kernelName, 'cpu'));
    let ops: typeof fused;
    try {
      expect(hasBiasKernels()).toBe(false);
      ops = run();
    } finally {
      kernels.forEach((k) => tf.registerKernel(k));
    }
    expect(Math.abs(fused.value - ops.value)).toBeLessThan(1e-4);
    expect(maxAbsDiff(fused.dz, ops.dz)).toBeLessThan(1e-6);
    expect(maxAbsDiff(fused.dv, ops.dv)).toBeLessThan(1e-5);
    tf.dispose([z, v, weights]);
  });
});
