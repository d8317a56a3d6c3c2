import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSoftmaxRegressionKernel, SOFTMAX_REGRESSION_LOSS_GRAD, softmaxRegressionLossGrad } from '$lib/core/models/softmaxRegressionKernel';
import { csrFromRows, type CsrMatrix } from '$lib/core/models/csr';
import { createRng } from '$lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Seeded random sparse rows (≈ 8 % dense, some rows empty), labels (−1 on every ninth row: padding) and weights. */
function problem(seed: string, rows: number, cols: number, classes: number, scale: number) {
  const rng = createRng(seed);
  const x = csrFromRows(
    Array.from({ length: rows }, (_, r) => {
      const indices: number[] = [];
      const data: number[] = [];
      if (r % 11 === 5) return { indices, data };
      for (let c = 0; c < cols; c++) {
        if (rng() < 0.08) {
          indices.push(c);
          data.push(rng());
        }
      }
      return { indices, data };
    }),
    cols,
  );
  const labels = Int32Array.from({ length: rows }, (_, r) => (r % 9 === 4 ? -1 : Math.floor(rng() * classes)));
  const kernel = Float32Array.from({ length: cols * classes }, () => (rng() * 2 - 1) * scale);
  const bias = Float32Array.from({ length: classes }, () => rng() * 2 - 1);
  return { x, labels, kernel, bias };
}

function dense(x: CsrMatrix): Float32Array {
  const out = new Float32Array(x.rows * x.cols);
  for (let r = 0; r < x.rows; r++) for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) out[r * x.cols + x.indices[p]] = x.data[p];
  return out;
}

/** The same sums by dense TF.js ops and autodiff: Σ −y·logSoftmax(XW + b) over labelled rows, its gradients, the arg-max hits. */
function byDenseOps(p: ReturnType<typeof problem>, classes: number) {
  return tf.tidy(() => {
    const x = tf.tensor2d(dense(p.x), [p.x.rows, p.x.cols]);
    const labelled = tf.tensor1d(Float32Array.from(p.labels, (l) => (l >= 0 ? 1 : 0)));
    const oneHot = tf.mul(tf.oneHot(tf.tensor1d(Int32Array.from(p.labels, (l) => Math.max(l, 0)), 'int32'), classes), labelled.reshape([-1, 1]));
    const w = tf.tensor2d(p.kernel, [p.x.cols, classes]);
    const b = tf.tensor1d(p.bias);
    const loss = (w: tf.Tensor, b: tf.Tensor) => tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(tf.add(tf.matMul(x, w), b))))) as tf.Scalar;
    const { value, grads } = tf.valueAndGrads(loss)([w, b]);
    const hits = tf.sum(tf.mul(labelled, tf.cast(tf.equal(tf.argMax(tf.add(tf.matMul(x, w), b), 1), tf.tensor1d(p.labels, 'int32')), 'float32')));
    return { loss: value.dataSync()[0], dKernel: grads[0].dataSync(), dBias: grads[1].dataSync(), correct: hits.dataSync()[0] };
  });
}

function byKernel(p: ReturnType<typeof problem>, classes: number, gradients: boolean) {
  return tf.tidy(() => {
    const rows = {
      indptr: tf.tensor1d(p.x.indptr, 'int32'),
      indices: tf.tensor1d(p.x.indices, 'int32'),
      values: tf.tensor1d(p.x.data, 'float32'),
      labels: tf.tensor1d(p.labels, 'int32'),
    };
    const out = softmaxRegressionLossGrad(rows, tf.tensor2d(p.kernel, [p.x.cols, classes]), tf.tensor1d(p.bias), gradients);
    const [loss, correct] = out.sums.dataSync();
    return { loss, correct, dKernel: out.dKernel.dataSync(), dBias: out.dBias.dataSync() };
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('SoftmaxRegressionLossGrad', () => {
  it('is registered for the cpu backend under its contract name', () => {
    expect(tf.getKernel(SOFTMAX_REGRESSION_LOSS_GRAD, 'cpu')).toBeDefined();
    expect(hasSoftmaxRegressionKernel()).toBe(true);
  });

  it.each([
    ['three classes (the unrolled loop)', 3, 1],
    ['two classes', 2, 1],
    ['five classes, large weights', 5, 20],
  ])('gives the loss, gradients and correct count of dense TF.js ops to 1e-5 on random rows (%s)', (name, classes, scale) => {
    const p = problem(name, 120, 40, classes, scale);
    const before = tf.memory().numTensors;
    const fused = byKernel(p, classes, true);
    const ops = byDenseOps(p, classes);
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(fused.loss)).toBe(true);
    expect(Math.abs(fused.loss - ops.loss) / Math.max(1, Math.abs(ops.loss))).toBeLessThan(1e-5);
    expect(maxAbsDiff(fused.dKernel, ops.dKernel)).toBeLessThan(1e-5 * Math.max(1, scale));
    expect(maxAbsDiff(fused.dBias, ops.dBias)).toBeLessThan(1e-5 * Math.max(1, scale));
    expect(fused.correct).toBe(ops.correct);
  });

  it('without gradients gives the same loss and count and zero gradients', () => {
    const p = problem('forward', 60, 30, 3, 1);
    const withGradients = byKernel(p, 3, true);
    const forward = byKernel(p, 3, false);
    expect(forward.loss).toBe(withGradients.loss);
    expect(forward.correct).toBe(withGradients.correct);
    expect(forward.dKernel.every((v) => v === 0)).toBe(true);
    expect(withGradients.dKernel.some((v) => v !== 0)).toBe(true);
  });

  it('refuses a label outside the classes, naming the row, and mismatched shapes', () => {
    const p = problem('bad', 10, 8, 3, 1);
    p.labels[6] = 3;
    expect(() => byKernel(p, 3, true)).toThrow(/label 3 at row 6 is outside 0…2/);
    const q = problem('bad-4', 10, 8, 4, 1);
    q.labels[2] = -2;
    expect(() => byKernel(q, 4, false)).toThrow(/label -2 at row 2 is outside 0…3/);
    expect(() =>
      tf.tidy(() =>
        softmaxRegressionLossGrad(
          { indptr: tf.tensor1d(p.x.indptr, 'int32'), indices: tf.tensor1d(p.x.indices, 'int32'), values: tf.tensor1d(p.x.data), labels: tf.tensor1d([0, 1], 'int32') },
          tf.zeros([8, 3]),
          tf.zeros([3]),
          true,
        ),
      ),
    ).toThrow(/expected labels \[rows\]/);
  });
});
