/**
 * Compressed sparse row (CSR) matrices: the output format of the TF-IDF vectorizer, laid out like
 * scipy's `csr_matrix` so rows can be handed to a worker as three transferable typed arrays.
 */

/** Compressed sparse rows: row i's entries are indices/data[indptr[i] .. indptr[i+1]), indices ascending. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Length `rows + 1`; `indptr[0] === 0`, `indptr[rows] === nnz`. */
  indptr: Int32Array;
  /** Column of each stored entry, length nnz. */
  indices: Int32Array;
  /** Value of each stored entry, length nnz. */
  data: Float32Array;
}

/** One row of a CSR matrix as views (no copy) into its arrays. */
export function csrRow(matrix: CsrMatrix, row: number): { indices: Int32Array; data: Float32Array } {
  if (!Number.isInteger(row) || row < 0 || row >= matrix.rows) {
    throw new RangeError(`csrRow: row ${row} is outside 0..${matrix.rows - 1}`);
  }
  const start = matrix.indptr[row];
  const end = matrix.indptr[row + 1];
  return { indices: matrix.indices.subarray(start, end), data: matrix.data.subarray(start, end) };
}

/** Dense row-major copy (`rows` arrays of `cols` numbers): for tests and small explanations only. */
export function csrToDense(matrix: CsrMatrix): number[][] {
  const dense: number[][] = [];
  for (let r = 0; r < matrix.rows; r++) {
    const row = new Array<number>(matrix.cols).fill(0);
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) row[matrix.indices[k]] = matrix.data[k];
    dense.push(row);
  }
  return dense;
}

/**
 * Builds a CSR matrix row by row (`pushRow`, one call per row: the vectorizer writes millions of
 * entries). Storage grows by doubling; `finish` trims it to the number of stored entries.
 */
export class CsrBuilder {
  readonly indptr: Int32Array;
  private indices: Int32Array;
  private data: Float32Array;
  private nnz = 0;
  private row = 0;

  constructor(
    readonly rows: number,
    readonly cols: number,
    initialCapacity = 1024,
  ) {
    this.indptr = new Int32Array(rows + 1);
    const capacity = Math.max(16, initialCapacity);
    this.indices = new Int32Array(capacity);
    this.data = new Float32Array(capacity);
  }

  /** Appends a row: the first `k` entries of `columns` (ascending) and `values`. */
  pushRow(columns: Int32Array, values: Float64Array, k: number): void {
    if (this.row >= this.rows) throw new RangeError(`CsrBuilder: more than ${this.rows} rows`);
    while (this.nnz + k > this.indices.length) this.grow();
    const { indices, data } = this;
    const at = this.nnz;
    for (let j = 0; j < k; j++) {
      indices[at + j] = columns[j];
      data[at + j] = values[j];
    }
    this.nnz = at + k;
    this.indptr[++this.row] = this.nnz;
  }

  finish(): CsrMatrix {
    if (this.row !== this.rows) throw new Error(`CsrBuilder: ${this.row} of ${this.rows} rows written`);
    return {
      rows: this.rows,
      cols: this.cols,
      indptr: this.indptr,
      indices: this.indices.slice(0, this.nnz),
      data: this.data.slice(0, this.nnz),
    };
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    this.indices = indices;
    const data = new Float32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
}
