/**
 * A sparse × dense product as a TF.js kernel, so training and evaluation never densify TF-IDF rows.
 *
 * Kernel `CsrMatMul` (name in `CSR_MATMUL`): inputs
 *   indptr  int32   [rows + 1]   row starts into indices/values, indptr[0] = 0
 *   indices int32   [nnz]        column of each stored value (< b.shape[0])
 *   values  float32 [nnz]
 *   b       float32 [cols, units]
 * no attributes; output float32 [rows, units] = A·b. The 'cpu' kernel is registered here; the
 * 'webgl' one (a shader program) in workers/sparseKernelsWebgl.ts, under the same name and layout.
 *
 * The gradient of A·W with respect to W is Aᵀ·dy. On the CPU it is kernel `CsrTransposeMatMul`
 * (name in `CSR_TRANSPOSE_MATMUL`): the same inputs with b float32 [rows, units] and attribute
 * `cols`; output float32 [cols, units] = Aᵀ·b, each row's entries scattered into float64 sums. No
 * transpose is stored, which at a million rows saved its copy of the features (≈ 146 MB) and the
 * time to build it. Backends without that kernel (WebGL: a shader gathers, it cannot scatter) run
 * `CsrMatMul` on A's transpose, built once per row range by `csrTensors`, since a solver
 * evaluates the same rows many times.
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrix } from './csr';

export const CSR_MATMUL = 'CsrMatMul';
export const CSR_TRANSPOSE_MATMUL = 'CsrTransposeMatMul';

/** The four inputs of one `CsrMatMul` call for a sparse matrix with `rows` × `cols`. */
export interface CsrKernelInputs {
  rows: number;
  cols: number;
  indptr: tf.Tensor1D;
  indices: tf.Tensor1D;
  values: tf.Tensor1D;
  /**
   * The row of each stored value, only when the active backend has no `CsrMatMul` kernel: the
   * product is then composed of TF.js ops (`csrMatMulByOps`), still without densifying.
   */
  rowIds?: tf.Tensor1D;
}

/** A row range of a CSR matrix on the active backend, ready for gradients when asked. */
export interface CsrTensors extends CsrKernelInputs {
  /** Whether `csrMatMul` may be differentiated through these inputs. */
  gradients: boolean;
  /** The transpose, only for gradients on a backend without `CsrTransposeMatMul`. */
  transposed: CsrKernelInputs | null;
  /** Frees every tensor held here. */
  dispose(): void;
}

/** The part of a TF.js backend the CPU kernel uses (typed loosely: core does not import backend packages). */
interface KernelBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** A·b on plain arrays, accumulating each output entry in float64 before rounding to float32 once. */
export function csrTimesDense(
  rows: number,
  indptr: ArrayLike<number>,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  b: ArrayLike<number>,
  units: number,
): Float32Array {
  const out = new Float32Array(rows * units);
  if (units === 3) {
    // The common case (three classes), one pass over each row's entries with three accumulators.
    for (let r = 0; r < rows; r++) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) {
        const v = values[p];
        const at = indices[p] * 3;
        a0 += v * b[at];
        a1 += v * b[at + 1];
        a2 += v * b[at + 2];
      }
      out[r * 3] = a0;
      out[r * 3 + 1] = a1;
      out[r * 3 + 2] = a2;
    }
    return out;
  }
  // One pass over the row's entries per output unit with a scalar accumulator: the entries stay
  // in cache, and it measured ≈ 1.5–2× faster than an accumulator array for 3 units.
  for (let r = 0; r < rows; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    const outStart = r * units;
    for (let u = 0; u < units; u++) {
      let acc = 0;
      for (let p = start; p < end; p++) acc += values[p] * b[indices[p] * units + u];
      out[outStart + u] = acc;
    }
  }
  return out;
}

/** Float64 sums of the scatter, kept between calls: a solver asks for the same size every pass. */
let scatterSums = new Float64Array(0);

/**
 * Aᵀ·b on plain arrays (A given by rows, b [rows, units]) by scattering each row's entries into
 * float64 sums rounded to float32 once: the same sums, in the same order (rows ascending), as
 * `csrTimesDense` on A's transpose, so both gradient paths give the same bits.
 */
export function csrTransposeTimesDense(
  rows: number,
  cols: number,
  indptr: ArrayLike<number>,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  b: ArrayLike<number>,
  units: number,
): Float32Array {
  const size = cols * units;
  if (scatterSums.length < size) scatterSums = new Float64Array(size);
  const sums = scatterSums;
  sums.fill(0, 0, size);
  if (units === 3) {
    for (let r = 0; r < rows; r++) {
      const b0 = b[r * 3];
      const b1 = b[r * 3 + 1];
      const b2 = b[r * 3 + 2];
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) {
        const v = values[p];
        const at = indices[p] * 3;
        sums[at] += v * b0;
        sums[at + 1] += v * b1;
        sums[at + 2] += v * b2;
      }
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const from = r * units;
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) {
        const v = values[p];
        const at = indices[p] * units;
        for (let u = 0; u < units; u++) sums[at + u] += v * b[from + u];
      }
    }
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = sums[i];
  return out;
}

type KernelInputs = Record<'indptr' | 'indices' | 'values' | 'b', tf.TensorInfo>;

/** The CPU backend's arrays behind a `CsrMatMul` / `CsrTransposeMatMul` call's inputs. */
function readInputs(inputs: KernelInputs, backend: unknown) {
  const { indptr, indices, values, b } = inputs;
  const cpu = backend as KernelBackend;
  return {
    cpu,
    rows: indptr.shape[0] - 1,
    bRows: b.shape[0],
    units: b.shape[1],
    indptr: cpu.readSync(indptr.dataId) as Int32Array,
    indices: cpu.readSync(indices.dataId) as Int32Array,
    values: cpu.readSync(values.dataId) as Float32Array,
    b: cpu.readSync(b.dataId) as Float32Array,
  };
}

function cpuCsrMatMul({ inputs, backend }: { inputs: KernelInputs; backend: unknown }): tf.TensorInfo {
  const a = readInputs(inputs, backend);
  const out = csrTimesDense(a.rows, a.indptr, a.indices, a.values, a.b, a.units);
  return a.cpu.makeTensorInfo([a.rows, a.units], 'float32', out);
}

function cpuCsrTransposeMatMul({ inputs, backend, attrs }: { inputs: KernelInputs; backend: unknown; attrs: { cols: number } }): tf.TensorInfo {
  const a = readInputs(inputs, backend);
  const { cols } = attrs;
  if (a.bRows !== a.rows) throw new Error(`${CSR_TRANSPOSE_MATMUL}: the sparse matrix has ${a.rows} rows, the dense one ${a.bRows}`);
  const out = csrTransposeTimesDense(a.rows, cols, a.indptr, a.indices, a.values, a.b, a.units);
  return a.cpu.makeTensorInfo([cols, a.units], 'float32', out);
}

/** Registers the CPU kernels once per global TF.js registry (tests and workers may load this module twice). */
function registerCpuKernels(): void {
  if (!tf.getKernel(CSR_MATMUL, 'cpu')) {
    tf.registerKernel({ kernelName: CSR_MATMUL, backendName: 'cpu', kernelFunc: cpuCsrMatMul as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel(CSR_TRANSPOSE_MATMUL, 'cpu')) {
    tf.registerKernel({ kernelName: CSR_TRANSPOSE_MATMUL, backendName: 'cpu', kernelFunc: cpuCsrTransposeMatMul as unknown as tf.KernelFunc });
  }
}
registerCpuKernels();

/**
 * Rows `rowStart … rowEnd − 1` of `x` as CSR arrays with indptr rebased to 0. Indices and values
 * are views, not copies (a tensor keeps the typed array it is given): at a million rows copying
 * them doubled the features' memory, and every copy's allocation pushed V8 into a full collection.
 */
function sliceRows(x: CsrMatrix, rowStart: number, rowEnd: number): { indptr: Int32Array; indices: Int32Array; values: Float32Array } {
  const base = x.indptr[rowStart];
  const end = x.indptr[rowEnd];
  const indptr = new Int32Array(rowEnd - rowStart + 1);
  for (let r = rowStart; r <= rowEnd; r++) indptr[r - rowStart] = x.indptr[r] - base;
  return { indptr, indices: x.indices.subarray(base, end), values: x.data.subarray(base, end) };
}

/** The transpose (cols × rows) of a CSR matrix given as arrays: counting sort by column, O(nnz + cols). */
export function transposeCsr(
  rows: number,
  cols: number,
  indptr: ArrayLike<number>,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
): { indptr: Int32Array; indices: Int32Array; values: Float32Array } {
  const nnz = indptr[rows];
  const tIndptr = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) tIndptr[indices[p] + 1]++;
  for (let c = 0; c < cols; c++) tIndptr[c + 1] += tIndptr[c];
  const next = tIndptr.slice(0, cols);
  const tIndices = new Int32Array(nnz);
  const tValues = new Float32Array(nnz);
  for (let r = 0; r < rows; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const at = next[indices[p]]++;
      tIndices[at] = r;
      tValues[at] = values[p];
    }
  }
  return { indptr: tIndptr, indices: tIndices, values: tValues };
}

/** Whether the active backend registers the `CsrMatMul` kernel. */
export function hasCsrKernel(): boolean {
  return tf.getKernel(CSR_MATMUL, tf.getBackend()) !== undefined;
}

/** Whether the active backend registers `CsrTransposeMatMul` (then no transpose is built). */
export function hasCsrTransposeKernel(): boolean {
  return tf.getKernel(CSR_TRANSPOSE_MATMUL, tf.getBackend()) !== undefined;
}

function kernelInputs(rows: number, cols: number, arrays: { indptr: Int32Array; indices: Int32Array; values: Float32Array }): CsrKernelInputs {
  const inputs: CsrKernelInputs = {
    rows,
    cols,
    indptr: tf.tensor1d(arrays.indptr, 'int32'),
    indices: tf.tensor1d(arrays.indices, 'int32'),
    values: tf.tensor1d(arrays.values, 'float32'),
  };
  if (!hasCsrKernel()) {
    const rowIds = new Int32Array(arrays.indices.length);
    for (let r = 0; r < rows; r++) rowIds.fill(r, arrays.indptr[r], arrays.indptr[r + 1]);
    inputs.rowIds = tf.tensor1d(rowIds, 'int32');
  }
  return inputs;
}

function keptTensors(rows: number, cols: number, arrays: { indptr: Int32Array; indices: Int32Array; values: Float32Array }, gradients: boolean): CsrTensors {
  const own = kernelInputs(rows, cols, arrays);
  const transposed = gradients && !hasCsrTransposeKernel() ? kernelInputs(cols, rows, transposeCsr(rows, cols, arrays.indptr, arrays.indices, arrays.values)) : null;
  const all = [own, transposed].flatMap((k) => (k ? [k.indptr, k.indices, k.values, ...(k.rowIds ? [k.rowIds] : [])] : []));
  all.forEach((t) => tf.keep(t));
  return { ...own, gradients, transposed, dispose: () => all.forEach((t) => t.dispose()) };
}

/**
 * Rows `rowStart … rowEnd − 1` of `x` as kernel inputs on the active backend; with
 * `gradients` (default true) ready for `csrMatMul`'s gradient (with their transpose where the
 * backend has no `CsrTransposeMatMul`).
 * The caller disposes the result (the tensors are kept outside any `tf.tidy`).
 */
export function csrTensors(x: CsrMatrix, rowStart = 0, rowEnd = x.rows, gradients = true): CsrTensors {
  if (!(rowStart >= 0 && rowStart <= rowEnd && rowEnd <= x.rows)) throw new Error(`row range ${rowStart}…${rowEnd} is outside 0…${x.rows}`);
  return keptTensors(rowEnd - rowStart, x.cols, sliceRows(x, rowStart, rowEnd), gradients);
}

/**
 * The rows `ids[0]`, `ids[1]`, … of `x` (a mini-batch of a shuffled order) as kernel inputs, then
 * empty rows up to `padTo` (so every batch has the same number of rows); with `gradients` ready
 * for the gradient. The caller disposes the result.
 */
export function csrRowTensors(x: CsrMatrix, ids: ArrayLike<number>, gradients = true, padTo = ids.length): CsrTensors {
  const rows = Math.max(padTo, ids.length);
  const indptr = new Int32Array(rows + 1);
  for (let r = 0; r < ids.length; r++) {
    const i = ids[r];
    if (!(i >= 0 && i < x.rows)) throw new Error(`row ${i} is outside 0…${x.rows}`);
    indptr[r + 1] = indptr[r] + x.indptr[i + 1] - x.indptr[i];
  }
  indptr.fill(indptr[ids.length], ids.length + 1);
  const indices = new Int32Array(indptr[rows]);
  const values = new Float32Array(indptr[rows]);
  for (let r = 0; r < ids.length; r++) {
    const start = x.indptr[ids[r]];
    const end = x.indptr[ids[r] + 1];
    indices.set(x.indices.subarray(start, end), indptr[r]);
    values.set(x.data.subarray(start, end), indptr[r]);
  }
  return keptTensors(rows, x.cols, { indptr, indices, values }, gradients);
}

/**
 * A·b from TF.js ops — the rows of b gathered per stored value, scaled, summed per row — for a
 * backend without the kernel (e.g. WebGL until its shader program is registered): slower, never dense.
 */
function csrMatMulByOps(a: CsrKernelInputs, b: tf.Tensor2D): tf.Tensor2D {
  if (!a.rowIds) throw new Error(`CsrMatMul: the ${tf.getBackend()} backend has no kernel and the inputs were built for one.`);
  const rowIds = a.rowIds;
  return tf.tidy(() => tf.unsortedSegmentSum(tf.mul(tf.gather(b, a.indices), tf.reshape(a.values, [-1, 1])), rowIds, a.rows));
}

/** One `CsrMatMul` call: A·b for `a` given as kernel inputs. */
export function runCsrMatMul(a: CsrKernelInputs, b: tf.Tensor2D): tf.Tensor2D {
  if (b.shape[0] !== a.cols) throw new Error(`CsrMatMul: the sparse matrix has ${a.cols} columns, the dense one ${b.shape[0]} rows`);
  if (!hasCsrKernel()) return csrMatMulByOps(a, b);
  return tf.engine().runKernel(CSR_MATMUL, { indptr: a.indptr, indices: a.indices, values: a.values, b }, {}) as tf.Tensor2D;
}

/** Aᵀ·dy for `a` built with `gradients`: the scatter kernel, or `CsrMatMul` on the stored transpose. */
export function csrTransposeMatMul(a: CsrTensors, dy: tf.Tensor2D): tf.Tensor2D {
  if (dy.shape[0] !== a.rows) throw new Error(`CsrTransposeMatMul: the sparse matrix has ${a.rows} rows, the dense one ${dy.shape[0]}`);
  if (a.transposed) return runCsrMatMul(a.transposed, dy);
  if (!a.gradients || !hasCsrTransposeKernel()) throw new Error(`CsrTransposeMatMul: these inputs were built without gradients for the ${tf.getBackend()} backend.`);
  return tf.engine().runKernel(CSR_TRANSPOSE_MATMUL, { indptr: a.indptr, indices: a.indices, values: a.values, b: dy }, { cols: a.cols }) as tf.Tensor2D;
}

/**
 * A·w, differentiable with respect to w (dL/dw = Aᵀ·dy, `csrTransposeMatMul`). Built without
 * `gradients`, the product has no gradient: inference only.
 */
export function csrMatMul(a: CsrTensors, w: tf.Tensor2D): tf.Tensor2D {
  if (!a.gradients) return runCsrMatMul(a, w);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: runCsrMatMul(a, args[0] as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor) => csrTransposeMatMul(a, dy as tf.Tensor2D),
  })) as (kernel: tf.Tensor2D) => tf.Tensor2D;
  return op(w);
}
