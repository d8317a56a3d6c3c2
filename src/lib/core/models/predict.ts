/**
 * Inference on CSR features: batch scoring and single-document prediction.
 *
 * Both densify rows into reused buffers (TF.js has no sparse matmul) and run the model inside
 * `tf.tidy`, so nothing outlives a call. The forward pass is `forward.ts`'s (on the CPU backend the
 * first layer skips the zeros of the input), so predictions match what training measured. Both read results synchronously (`dataSync`): fine in a
 * worker, in Node and on the CPU backend; on the main thread with WebGL keep batches small.
 */
import * as tf from '@tensorflow/tfjs';
import { assertCsr, DenseBatch, type CsrMatrix } from './csr';
import { probabilities } from './forward';

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
 * Class probabilities of every row of `x`: a row-major Float32Array of `x.rows × classes`.
 * Rows go through the model `batchSize` at a time (the last batch zero-padded, so every call of
 * the model sees the same shape; a matrix smaller than one batch uses one batch of its own size).
 */
export function predictProba(model: tf.LayersModel, x: CsrMatrix, batchSize = 256): Float32Array {
  const cols = inputCols(model);
  if (x.cols !== cols) throw new Error(`model expects ${cols} input features, the data has ${x.cols}`);
  assertCsr(x, 'prediction features');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer (got ${batchSize})`);
  const k = outputClasses(model);
  const out = new Float32Array(x.rows * k);
  if (x.rows === 0) return out;
  const size = Math.min(batchSize, x.rows);
  const batch = new DenseBatch(size, cols);
  const order = Int32Array.from({ length: x.rows }, (_, i) => i);
  for (let start = 0; start < x.rows; start += size) {
    const count = batch.fill(x, order, start);
    const probs = tf.tidy(() => probabilities(model, tf.tensor2d(batch.values, [size, cols])).dataSync());
    out.set(probs.subarray(0, count * k), start * k);
  }
  return out;
}

let oneRow: Float32Array = new Float32Array(0);

/**
 * Class probabilities (length = classes) of one document given as sparse entries (column
 * `indices[p]` has value `data[p]`): the low-latency path of the prediction endpoint. The dense
 * 1 × cols input buffer is shared between calls and cleared after each.
 */
export function predictOne(model: tf.LayersModel, indices: ArrayLike<number>, data: ArrayLike<number>, cols: number): Float32Array {
  if (indices.length !== data.length) throw new Error(`predictOne: ${indices.length} indices but ${data.length} values`);
  const expected = inputCols(model);
  if (cols !== expected) throw new Error(`model expects ${expected} input features, got cols = ${cols}`);
  if (oneRow.length !== cols) oneRow = new Float32Array(cols);
  const row = oneRow;
  try {
    for (let p = 0; p < indices.length; p++) {
      const j = indices[p];
      if (!(j >= 0 && j < cols)) throw new Error(`predictOne: column index ${j} outside [0, ${cols})`);
      row[j] += data[p];
    }
    const probs = tf.tidy(() => probabilities(model, tf.tensor2d(row, [1, cols])).dataSync());
    return Float32Array.from(probs);
  } finally {
    for (let p = 0; p < indices.length; p++) {
      const j = indices[p];
      if (j >= 0 && j < cols) row[j] = 0;
    }
  }
}
