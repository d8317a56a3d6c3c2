import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrFromRows, type CsrMatrix } from '../../../src/lib/core/models/csr';
import {
  CSR_MATMUL,
  CSR_TRANSPOSE_MATMUL,
  csrMatMul,
  csrTensors,
  csrTransposeMatMul,
  hasCsrKernel,
  hasCsrTransposeKernel,
  runCsrMatMul,
  transposeCsr,
} from '../../../src/lib/core/models/sparseKernels';
import { createRng } from '../../../src/lib/core/random';
import { checkCsrKernel } from '../../../src/lib/core/models/kernelCheck';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A random CSR matrix with about `density` of its cells set; every `emptyEvery`-th row empty. */
function randomCsr(seed: string, rows: number, cols: number, density: number, emptyEvery = 5): CsrMatrix {
  const rng = createRng(seed);
  return csrFromRows(
    Array.from({ length: rows }, (_, r) => {
      const indices: number[] = [];
      const data: number[] = [];
      if (r % emptyEvery !== emptyEvery - 1) {
        for (let c = 0; c < cols; c++) {
          if (rng() < density) {
            indices.push(c);
            data.push(rng() * 2 - 1);
          }
        }
      }
      return { indices, data };
    }),
    cols,
  );
}

function dense(x: CsrMatrix, rowStart = 0, rowEnd = x.rows): tf.Tensor2D {
  const out = new Float32Array((rowEnd - rowStart) * x.cols);
  for (let r = rowStart; r < rowEnd; r++) {
    for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) out[(r - rowStart) * x.cols + x.indices[p]] = x.data[p];
  }
  return tf.tensor2d(out, [rowEnd - rowStart, x.cols]);
}

function randomDense(seed: string, rows: number, cols: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng() * 2 - 1), [rows, cols]);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('CsrMatMul', () => {
  it('is registered for the cpu backend under its contract name', () => {
    expect(tf.getKernel(CSR_MATMUL, 'cpu')).toBeDefined();
  });

  it.each([
    ['wide and sparse', 40, 300, 0.02, 3],
    ['dense-ish', 17, 23, 0.6, 5],
    ['one column', 9, 1, 0.7, 2],
  ])('agrees with tf.matMul on the dense matrix to 1e-5 (%s)', (name, rows, cols, density, units) => {
    const x = randomCsr(`kernel:${name}`, rows, cols, density);
    const a = csrTensors(x, 0, rows, false);
    const w = randomDense(`w:${name}`, cols, units);
    const xd = dense(x);
    const sparse = runCsrMatMul(a, w);
    const reference = tf.matMul(xd, w);
    expect(sparse.shape).toEqual([rows, units]);
    expect(maxAbsDiff(sparse, reference)).toBeLessThan(1e-5);
    [a, w, xd, sparse, reference].forEach((t) => t.dispose());
  });

  it('handles a row range (indptr rebased) and a matrix with no stored value', () => {
    const x = randomCsr('range', 30, 50, 0.1);
    const a = csrTensors(x, 7, 19);
    const w = randomDense('w:range', 50, 4);
    const xd = dense(x, 7, 19);
    expect(maxAbsDiff(runCsrMatMul(a, w), tf.matMul(xd, w))).toBeLessThan(1e-5);
    const empty = csrTensors(csrFromRows([{ indices: [], data: [] }, { indices: [], data: [] }], 50));
    expect(Array.from(runCsrMatMul(empty, w).dataSync())).toEqual(new Array(8).fill(0));
    expect(() => csrTensors(x, 20, 10)).toThrow(/row range/);
    expect(() => runCsrMatMul(a, randomDense('w:bad', 49, 4))).toThrow(/50 columns.*49 rows/);
    a.dispose();
    empty.dispose();
  });

  it('gives the gradient of a loss with respect to w that tf.matMul gives, to 1e-5', () => {
    const x = randomCsr('grad', 64, 120, 0.05);
    const a = csrTensors(x);
    const xd = dense(x);
    const target = randomDense('target', 64, 3);
    const w = tf.variable(randomDense('w:grad', 120, 3));
    const loss = (logits: tf.Tensor2D) => tf.sum(tf.square(tf.sub(logits, target))) as tf.Scalar;
    const before = tf.memory().numTensors;
    const sparseGrad = tf.tidy(() => tf.variableGrads(() => loss(csrMatMul(a, w)), [w]).grads[w.name]);
    const denseGrad = tf.tidy(() => tf.variableGrads(() => loss(tf.matMul(xd, w)), [w]).grads[w.name]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(sparseGrad.shape).toEqual([120, 3]);
    expect(maxAbsDiff(sparseGrad, denseGrad)).toBeLessThan(1e-5);
    // The CPU scatters Aᵀ·dy: no transpose is kept, only indptr, indices and values.
    expect(a.transposed).toBeNull();
    a.dispose();
    expect(tf.memory().numTensors).toBe(before + 2 - 3);
  });

  it.each([
    ['wide and sparse', 40, 300, 0.02, 3],
    ['dense-ish', 17, 23, 0.6, 5],
    ['one column', 9, 1, 0.7, 2],
  ])('computes Aᵀ·dy as tf.matMul on the dense transpose does, to 1e-5, and bit for bit as CsrMatMul on the stored transpose (%s)', (name, rows, cols, density, units) => {
    expect(tf.getKernel(CSR_TRANSPOSE_MATMUL, 'cpu')).toBeDefined();
    const x = randomCsr(`transpose:${name}`, rows, cols, density);
    const a = csrTensors(x);
    const dy = randomDense(`dy:${name}`, rows, units);
    const xd = dense(x);
    const scattered = csrTransposeMatMul(a, dy);
    const reference = tf.matMul(xd, dy, true, false);
    const t = transposeCsr(rows, cols, x.indptr, x.indices, x.data);
    const stored = csrTensors({ rows: cols, cols: rows, indptr: t.indptr, indices: t.indices, data: t.values }, 0, cols, false);
    const gathered = runCsrMatMul(stored, dy);
    expect(scattered.shape).toEqual([cols, units]);
    expect(maxAbsDiff(scattered, reference)).toBeLessThan(1e-5);
    expect(Array.from(scattered.dataSync())).toEqual(Array.from(gathered.dataSync()));
    expect(() => csrTransposeMatMul(a, randomDense('dy:bad', rows + 1, units))).toThrow(/rows/);
    [a, stored, dy, xd, scattered, reference, gathered].forEach((t) => t.dispose());
  });

  it('builds and uses the transpose where the backend has no CsrTransposeMatMul (as on WebGL): the same gradient', () => {
    const kernel = tf.getKernel(CSR_TRANSPOSE_MATMUL, 'cpu')!;
    const x = randomCsr('no-scatter', 50, 80, 0.06);
    const w = tf.variable(randomDense('w:no-scatter', 80, 3));
    const loss = (logits: tf.Tensor2D) => tf.sum(tf.square(logits)) as tf.Scalar;
    const withScatter = csrTensors(x);
    const expected = tf.tidy(() => tf.variableGrads(() => loss(csrMatMul(withScatter, w)), [w]).grads[w.name]);
    tf.unregisterKernel(CSR_TRANSPOSE_MATMUL, 'cpu');
    try {
      expect(hasCsrTransposeKernel()).toBe(false);
      const a = csrTensors(x);
      expect(a.transposed).not.toBeNull();
      const grad = tf.tidy(() => tf.variableGrads(() => loss(csrMatMul(a, w)), [w]).grads[w.name]);
      expect(Array.from(grad.dataSync())).toEqual(Array.from(expected.dataSync()));
      [a, grad].forEach((t) => t.dispose());
    } finally {
      tf.registerKernel(kernel);
    }
    [withScatter, expected, w].forEach((t) => t.dispose());
  });

  it('falls back to TF.js ops (never dense) on a backend without the kernel: same product and gradient', () => {
    const kernels = [CSR_MATMUL, CSR_TRANSPOSE_MATMUL].map((name) => tf.getKernel(name, 'cpu')!);
    const x = randomCsr('fallback', 40, 90, 0.05);
    const xd = dense(x);
    const w = tf.variable(randomDense('w:fallback', 90, 3));
    const before = tf.memory().numTensors;
    kernels.forEach((k) => tf.unregisterKernel(k.kernelName, 'cpu'));
    try {
      expect(hasCsrKernel()).toBe(false);
      const a = csrTensors(x);
      const profile = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(csrMatMul(a, w))), [w]);
        const { value: reference, grads: referenceGrads } = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(xd, w))), [w]);
        return [Math.abs(value.dataSync()[0] - reference.dataSync()[0]) / reference.dataSync()[0], maxAbsDiff(grads[w.name], referenceGrads[w.name])];
      });
      expect(profile[0]).toBeLessThan(1e-5);
      expect(profile[1]).toBeLessThan(1e-4);
      a.dispose();
    } finally {
      kernels.forEach((k) => tf.registerKernel(k));
    }
    expect(hasCsrKernel()).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
    xd.dispose();
  });

  it('transposes a CSR matrix into one whose rows are the columns', () => {
    const x = csrFromRows([{ indices: [0, 2], data: [1, 2] }, { indices: [], data: [] }, { indices: [1, 2], data: [3, 4] }], 3);
    const t = transposeCsr(3, 3, x.indptr, x.indices, x.data);
    expect(Array.from(t.indptr)).toEqual([0, 1, 2, 4]);
    expect(Array.from(t.indices)).toEqual([0, 2, 0, 2]);
    expect(Array.from(t.values)).toEqual([1, 3, 2, 4]);
  });
});

describe('checkCsrKernel', () => {
  it('finds the CPU kernel in agreement with dense TF.js, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const check = await checkCsrKernel();
    expect(check.ok).toBe(true);
    expect(check.productError).toBeLessThan(1e-5);
    expect(check.gradientError).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });
});
