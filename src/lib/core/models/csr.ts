/**
 * Compressed sparse row (CSR) matrices — the TF-IDF vectorizer's output and the models' input —
 * and the one routine that turns a few of their rows into a dense, fixed-shape mini-batch.
 *
 * TF.js has no sparse matmul, so every batch is densified into a reused `Float32Array`
 * (batchSize × cols). Keeping the shape fixed lets WebGL reuse its shaders and textures.
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

/**
 * A reused dense buffer of `batchSize × cols` floats that CSR rows are scattered into.
 *
 * `fill` clears only what the previous fill wrote (O(nnz), not O(batchSize × cols)). Rows past
 * the last real one stay zero (padding). On TF.js's CPU backend a tensor made from `values`
 * aliases the buffer, so dispose that tensor before the next `fill`.
 */
export class DenseBatch {
  /** Row-major batchSize × cols. */
  readonly values: Float32Array;
  private written: Int32Array;
  private writtenCount = 0;

  constructor(
    readonly batchSize: number,
    readonly cols: number,
  ) {
    this.values = new Float32Array(batchSize * cols);
    this.written = new Int32Array(64);
  }

  /**
   * Writes rows `order[start] …` (at most batchSize of them) of `x` into the buffer, in order.
   * Returns how many real rows were written; the rest of the batch is zero.
   */
  fill(x: CsrMatrix, order: ArrayLike<number>, start: number): number {
    const { values, cols } = this;
    for (let w = 0; w < this.writtenCount; w++) values[this.written[w]] = 0;
    this.writtenCount = 0;
    const count = Math.max(0, Math.min(this.batchSize, order.length - start));
    let needed = 0;
    for (let r = 0; r < count; r++) {
      const i = order[start + r];
      needed += x.indptr[i + 1] - x.indptr[i];
    }
    if (needed > this.written.length) this.written = new Int32Array(Math.max(needed, this.written.length * 2));
    for (let r = 0; r < count; r++) {
      const i = order[start + r];
      const offset = r * cols;
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
        const at = offset + x.indices[p];
        values[at] = x.data[p];
        this.written[this.writtenCount++] = at;
      }
    }
    return count;
  }
}
