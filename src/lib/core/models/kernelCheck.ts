/**
 * A self-check of the sparse kernel on whatever backend is active: `CsrMatMul` and its gradient
 * against TF.js's own dense `matMul` on a seeded random matrix. Run where a backend is measured,
 * so a kernel that computes wrong numbers on some device is caught before it trains anything.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { csrFromRows } from './csr';
import { csrMatMul, csrTensors } from './sparseKernels';

export interface KernelCheck {
  /** Largest |A·W − dense(A)·W| over the product. */
  productError: number;
  /** Largest difference of the gradient of Σ(A·W)² with respect to W. */
  gradientError: number;
  /** Whether both are within the tolerance. */
  ok: boolean;
}

/** Agreement required: float32 sums of ≈ 30 terms of magnitude ≤ 1. */
export const KERNEL_TOLERANCE = 1e-4;

/** Compares the kernel with dense TF.js on `rows` × `cols` at ≈ 5 % density (seeded), on the active backend. */
export async function checkCsrKernel(rows = 96, cols = 257, units = 3): Promise<KernelCheck> {
  const rng = createRng('csr-kernel-check');
  const sparseRows = Array.from({ length: rows }, (_, r) => {
    const indices: number[] = [];
    const data: number[] = [];
    if (r % 7 === 3) return { indices, data };
    for (let c = 0; c < cols; c++) {
      if (rng() < 0.05) {
        indices.push(c);
        data.push(rng() * 2 - 1);
      }
    }
    return { indices, data };
  });
  const x = csrFromRows(sparseRows, cols);
  const denseX = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) denseX[r * cols + x.indices[p]] = x.data[p];
  const a = csrTensors(x);
  const w = tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from({ length: cols * units }, () => rng() * 2 - 1), [cols, units])));
  try {
    const errors = tf.tidy(() => {
      const xd = tf.tensor2d(denseX, [rows, cols]);
      const sparse = tf.variableGrads(() => tf.sum(tf.square(csrMatMul(a, w))) as tf.Scalar, [w]);
      const dense = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(xd, w))) as tf.Scalar, [w]);
      const product = tf.max(tf.abs(tf.sub(csrMatMul(a, w), tf.matMul(xd, w))));
      const gradient = tf.max(tf.abs(tf.sub(sparse.grads[w.name], dense.grads[w.name])));
      return tf.stack([product, gradient]);
    });
    const [productError, gradientError] = await errors.data();
    errors.dispose();
    return { productError, gradientError, ok: productError <= KERNEL_TOLERANCE && gradientError <= KERNEL_TOLERANCE * 10 };
  } finally {
    a.dispose();
    w.dispose();
  }
}
