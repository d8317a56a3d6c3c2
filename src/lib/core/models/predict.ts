/**
 * Inference on CSR features: batch scoring and single-document prediction.
 *
 * Both hand the sparse rows to the model's first layer as `CsrMatMul` inputs (sparseKernels.ts)
 * and run the model inside `tf.tidy`, so nothing outlives a call. The forward pass is
 * `forward.ts`'s, so predictions match what training measured. Both read results synchronously
 * (`dataSync`): fine in a worker, in Node and on the CPU backend; on the main thread with WebGL
 * keep batches small.
 */
import * as tf from '@tensorflow/tfjs';
import { assertCsr, type CsrMatrix } from './csr';
import { probabilities } from './forward';
import { csrTensors, type CsrTensors } from './sparseKernels';

function outputClasses(model: tf.LayersModel): number {
  const k = model.outputs[0].shape[1];
  if (typeof k !== 'number') throw new Error('The model output must be [batch, classes].');
  return k;
}

function inputCols(model: tf.LayersModel): number {
  const cols = model.inputs[0].shape[1];
  if (typeof cols !== 'number') throw new Error('The model input must be [batch, features].');
  return cols;
}

/**
 * The probabilities of `inputs` read back, the tensor freed. Read outside `tf.tidy`: a tidy walks
 * what its function returns, and a typed array is walked entry by entry into a Set (a 10k run's
 * 1,500-row validation split: 8–15 ms a call, 2–3 ms read outside, in Node at load 8).
 */
function readProbabilities(model: tf.LayersModel, inputs: CsrTensors): Float32Array {
  const p = tf.tidy(() => probabilities(model, inputs));
  try {
    return p.dataSync() as Float32Array;
  } finally {
    p.dispose();
  }
}

/**
 * Class probabilities of every row of `x`: a row-major Float32Array of `x.rows × classes`.
 * Rows go through the model `batchSize` at a time, as sparse kernel inputs (never densified).
 */
export function predictProba(model: tf.LayersModel, x: CsrMatrix, batchSize = 4096): Float32Array {
  const cols = inputCols(model);
  if (x.cols !== cols) throw new Error(`model expects ${cols} input features, the data has ${x.cols}`);
  assertCsr(x, 'prediction features');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer (got ${batchSize})`);
  const k = outputClasses(model);
  const out = new Float32Array(x.rows * k);
  for (let start = 0; start < x.rows; start += batchSize) {
    const end = Math.min(x.rows, start + batchSize);
    const inputs = csrTensors(x, start, end, false);
    try {
      out.set(readProbabilities(model, inputs), start * k);
    } finally {
      inputs.dispose();
    }
  }
  return out;
}

/**
 * Class probabilities (length = classes) of one document given as sparse entries (column
 * `indices[p]` has value `data[p]`; a column given twice counts twice): the low-latency path of
 * the prediction endpoint.
 */
export function predictOne(model: tf.LayersModel, indices: ArrayLike<number>, data: ArrayLike<number>, cols: number): Float32Array {
  if (indices.length !== data.length) throw new Error(`predictOne: ${indices.length} indices but ${data.length} values`);
  const expected = inputCols(model);
  if (cols !== expected) throw new Error(`model expects ${expected} input features, got cols = ${cols}`);
  for (let p = 0; p < indices.length; p++) {
    const j = indices[p];
    if (!(j >= 0 && j < cols)) throw new Error(`predictOne: column index ${j} outside [0, ${cols})`);
  }
  const row: CsrMatrix = { rows: 1, cols, indptr: Int32Array.of(0, indices.length), indices: Int32Array.from(indices), data: Float32Array.from(data) };
  const inputs = csrTensors(row, 0, 1, false);
  try {
    return Float32Array.from(readProbabilities(model, inputs));
  } finally {
    inputs.dispose();
  }
}
