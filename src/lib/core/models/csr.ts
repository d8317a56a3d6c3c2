/**
 * Compressed sparse row (CSR) matrices — the TF-IDF vectorizer's output and the models' input,
 * which reaches TF.js through the `CsrMatMul` kernel (sparseKernels.ts), never densified.
 */

import type { CsrMatrix } from '../text/sparse';

/** The vectorizer's matrix type, defined once in text/sparse.ts. */
export type { CsrMatrix };

/** Throws a descriptive error if `x` is not a well-formed CSR matrix (O(nnz)). */
export function assertCsr(x: CsrMatrix, what = 'matrix'): void {
  const { rows, cols, indptr, indices, data } = x;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`${what}: rows must be a non-negative integer (got ${rows})`);
  if (!Number.isInteger(cols) || cols < 1) throw new Error(`${what}: cols must be a positive integer (got ${cols})`);
  if (indptr.length !== rows + 1) throw new Error(`${what}: indptr has ${indptr.length} entries, expected rows + 1 = ${rows + 1}`);
  if (indptr[0] !== 0) throw new Error(`${what}: indptr[0] must be 0 (got ${indptr[0]})`);
  const nnz = indptr[rows];
  if (indices.length < nnz || data.length < nnz) {
    throw new Error(`${what}: indptr ends at ${nnz} but indices has ${indices.length} and data ${data.length} entries`);
  }
  for (let i = 0; i < rows; i++) {
    const start = indptr[i];
    const end = indptr[i + 1];
    if (end < start) throw new Error(`${what}: indptr decreases at row ${i}`);
    for (let p = start; p < end; p++) {
      const j = indices[p];
      if (j < 0 || j >= cols) throw new Error(`${what}: row ${i} has column index ${j} outside [0, ${cols})`);
      if (p > start && j <= indices[p - 1]) throw new Error(`${what}: row ${i} column indices are not strictly ascending`);
    }
  }
}

/** Builds a CSR matrix from per-row sparse entries (tests, scripts, small conversions). */
export function csrFromRows(rows: readonly { indices: ArrayLike<number>; data: ArrayLike<number> }[], cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) indptr[i + 1] = indptr[i] + rows[i].indices.length;
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float32Array(indptr[rows.length]);
  rows.forEach((row, i) => {
    const order = Array.from(row.indices, (_, p) => p).sort((a, b) => row.indices[a] - row.indices[b]);
    order.forEach((p, q) => {
      indices[indptr[i] + q] = row.indices[p];
      data[indptr[i] + q] = row.data[p];
    });
  });
  return { rows: rows.length, cols, indptr, indices, data };
}
