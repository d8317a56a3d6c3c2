/**
 * What both training loops (mini-batch `train.ts`, full-batch L-BFGS `fullBatch.ts`) share: the
 * options and result types, cancellation, the per-row statistics, and evaluation on sparse rows
 * whose kernel inputs are built once and reused every epoch or iteration.
 */
import * as tf from '@tensorflow/tfjs';
import { assertCsr, type CsrMatrix } from './csr';
import type { TrainingParams } from './families';
import { spreadColumn, type ForwardPlan } from './forward';
import { csrTensors, type CsrTensors } from './sparseKernels';
import { hasSoftmaxCrossEntropyKernel, softmaxCrossEntropyWithLogits } from './lossKernel';
import type { LbfgsStop } from './lbfgs';
import type { WorkFacts } from './timeLeft';

/** Features and integer class labels (0 … numClasses − 1), one per row. */
export interface LabelledCsr {
  x: CsrMatrix;
  y: Int32Array;
}

import type { TrainingUnit } from './catalog';
export type { TrainingUnit };

export interface BatchProgress {
  unit: TrainingUnit;
  /** 0-based epoch (or iteration, for L-BFGS). */
  epoch: number;
  /** 0-based index of the batch just trained (L-BFGS: always 0 of 1). */
  batch: number;
  batchesPerEpoch: number;
  /** Since the start of training. */
  elapsedMs: number;
  /** What the time-left estimate (timeLeft.ts) reads. */
  work: WorkFacts;
}

export interface EpochProgress {
  unit: TrainingUnit;
  /** 0-based epoch (or iteration). */
  epoch: number;
  /** The maximum number of epochs (or iterations). */
  epochs: number;
  loss: number;
  accuracy: number;
  /** null without a validation set. */
  valLoss: number | null;
  valAccuracy: number | null;
  /**
   * Whether this epoch is the best so far (lowest validation loss; always true without one).
   * L-BFGS: always true (the objective only decreases and the model keeps the last iterate).
   */
  improved: boolean;
  elapsedMs: number;
}

export interface TrainOptions {
  model: tf.LayersModel;
  train: LabelledCsr;
  validation?: LabelledCsr;
  numClasses: number;
  /** The family's parameters (only the training-loop ones are read here). */
  params: TrainingParams;
  /** The run's seed: shuffling and dropout derive from it. */
  seed: string | number;
  onEpoch?: (progress: EpochProgress) => void;
  /** Called after every step; cheap, reads nothing from the device. */
  onBatch?: (progress: BatchProgress) => void;
  /** Polled before every step; returning true aborts with `TrainingCancelledError`. */
  shouldStop?: () => boolean;
  /**
   * Yield to the event loop (one macrotask) once at least this many ms have passed since the last
   * yield, so a worker can receive a cancel message; 0 = after every step, Infinity = never.
   * Default 50.
   */
  yieldEvery?: number;
  /** Clock in ms; default `performance.now`. */
  now?: () => number;
  /**
   * Adam / SGD only. 'auto' (default): on the 'cpu' backend the fused JavaScript optimizer;
   * 'tfjs': `tf.train`'s optimizers, as on WebGL (tests and benchmarks).
   */
  kernels?: 'auto' | 'tfjs';
}

export interface TrainingHistory {
  loss: number[];
  valLoss: number[];
  accuracy: number[];
  valAccuracy: number[];
}

export interface TrainingTimings {
  totalMs: number;
  /** Per epoch (or iteration), training steps plus validation. */
  epochMs: number[];
  /** Per epoch (or iteration), validation only. */
  validationMs: number[];
  /** Total time spent building the kernel inputs of batches or chunks (included in totalMs). */
  batchFillMs: number;
  batchesPerEpoch: number;
  /** Optimizer steps (L-BFGS: iterations). */
  steps: number;
  /** L-BFGS: evaluations of the loss and gradient over all rows (line-search trials included). */
  evaluations?: number;
}

export interface TrainResult {
  unit: TrainingUnit;
  history: TrainingHistory;
  /** 0-based epoch (or iteration) whose weights the model now holds. */
  bestEpoch: number;
  /** Early stopping on the validation loss ended the run (never for L-BFGS). */
  stoppedEarly: boolean;
  /** Epochs (or iterations) run. */
  epochsRun: number;
  /** L-BFGS: why it stopped ('gradient' and 'decrease' mean converged); null for mini-batch runs. */
  stopReason: LbfgsStop | null;
  timings: TrainingTimings;
  /** `tf.getBackend()` during training. */
  backend: string;
}

export class TrainingCancelledError extends Error {
  constructor(
    readonly epochsCompleted: number,
    unit: TrainingUnit = 'epoch',
  ) {
    super(`Training cancelled after ${epochsCompleted} complete ${unit}(s).`);
    this.name = 'TrainingCancelledError';
  }
}

export function assertLabelled(data: LabelledCsr, numClasses: number, what: string): void {
  assertCsr(data.x, `${what} features`);
  if (data.y.length !== data.x.rows) throw new Error(`${what}: ${data.y.length} labels for ${data.x.rows} rows`);
  for (let i = 0; i < data.y.length; i++) {
    const label = data.y[i];
    if (label < 0 || label >= numClasses) throw new Error(`${what}: label ${label} at row ${i} is outside [0, ${numClasses})`);
  }
}

/**
 * Σ over rows of −y·log softmax(z) = Σ y·(logsumexp(z) − z), as one op whose gradient is
 * Σ_k y_k · softmax(z) − y (= softmax(z) − y for a labelled row, 0 for a padding row whose y is
 * all zero). Autodiff through `logSoftmax` costs about three times as many element-wise ops,
 * which were most of the time of a full-batch evaluation on the CPU backend. Used where the
 * fused kernel (lossKernel.ts) is not registered, e.g. WebGL.
 */
export function crossEntropySum(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  const units = logits.shape[1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    // No broadcasting ops (slow on the CPU backend, see forward.ts): columns are spread by products.
    const shifted = tf.sub(z, spreadColumn(tf.max(z, 1, true), units));
    const e = tf.exp(shifted);
    const sums = tf.sum(e, 1, true) as tf.Tensor2D;
    save([e, sums]);
    return {
      value: tf.sum<tf.Scalar>(tf.mul(oneHot, tf.sub(spreadColumn(tf.log(sums), units), shifted))),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const weights = tf.div(tf.sum(oneHot, 1, true), saved[1]) as tf.Tensor2D;
        return tf.mul(tf.sub(tf.mul(saved[0], spreadColumn(weights, units)), oneHot), dy);
      },
    };
  }) as (z: tf.Tensor2D) => tf.Scalar;
  return op(logits);
}

/** Labels of some rows as the loss and the accuracy read them; padding rows have no label. */
export interface LabelTensors {
  /** float32 [rows, classes]; all zero for a padding row. */
  oneHot: tf.Tensor2D;
  /** int32 [rows]; −1 for a padding row. */
  classes: tf.Tensor1D;
  dispose(): void;
}

/**
 * Sum over rows of −y·logSoftmax(z), and the number of rows whose arg-max is their label: one
 * fused kernel where the backend has it (lossKernel.ts), else TF.js ops.
 */
export function batchStats(logits: tf.Tensor2D, y: LabelTensors): { crossEntropy: tf.Scalar; correct: tf.Scalar } {
  if (hasSoftmaxCrossEntropyKernel()) return softmaxCrossEntropyWithLogits(logits, y.classes);
  const crossEntropy = crossEntropySum(logits, y.oneHot);
  // Compared per row (not as one-hot rows × classes): fewer element-wise ops on the CPU backend.
  const correct = tf.sum<tf.Scalar>(tf.cast(tf.equal(tf.argMax<tf.Tensor1D>(logits, 1), y.classes), 'float32'));
  return { crossEntropy, correct };
}

export function addInto(total: tf.Tensor | null, next: tf.Tensor): tf.Tensor {
  if (total === null) return next;
  const sum = tf.add(total, next);
  total.dispose();
  next.dispose();
  return sum;
}

/** Rows per chunk of kernel inputs: bounds the memory of a full-batch pass and of evaluation. */
export const CHUNK_ROWS = 16384;

/** One chunk of labelled rows as kernel inputs and one-hot labels, kept until `dispose`. */
export interface LabelledChunk {
  rows: number;
  x: CsrTensors;
  y: LabelTensors;
}

/** The labels of rows `ids` (then padding rows up to `padTo`), kept until `dispose`. */
export function labelTensors(y: Int32Array, ids: ArrayLike<number>, numClasses: number, padTo = ids.length): LabelTensors {
  const rows = Math.max(padTo, ids.length);
  const oneHot = new Float32Array(rows * numClasses);
  const classes = new Int32Array(rows).fill(-1);
  for (let r = 0; r < ids.length; r++) {
    oneHot[r * numClasses + y[ids[r]]] = 1;
    classes[r] = y[ids[r]];
  }
  const tensors = { oneHot: tf.keep(tf.tensor2d(oneHot, [rows, numClasses])), classes: tf.keep(tf.tensor1d(classes, 'int32')) };
  return { ...tensors, dispose: () => Object.values(tensors).forEach((t) => t.dispose()) };
}

/** `data` cut into chunks of at most `chunkRows` rows, as kernel inputs (with transposes when `gradients`). */
export function labelledChunks(data: LabelledCsr, numClasses: number, gradients: boolean, chunkRows = CHUNK_ROWS): LabelledChunk[] {
  const chunks: LabelledChunk[] = [];
  try {
    for (let start = 0; start < data.x.rows; start += chunkRows) {
      const end = Math.min(data.x.rows, start + chunkRows);
      const x = csrTensors(data.x, start, end, gradients);
      const ids = Int32Array.from({ length: end - start }, (_, i) => start + i);
      chunks.push({ rows: end - start, x, y: labelTensors(data.y, ids, numClasses) });
    }
    return chunks;
  } catch (error) {
    disposeChunks(chunks);
    throw error;
  }
}

export function disposeChunks(chunks: readonly LabelledChunk[]): void {
  for (const c of chunks) {
    c.x.dispose();
    c.y.dispose();
  }
}

/** Mean cross-entropy and accuracy of the plan's model on chunks, in inference mode. */
export async function evaluateChunks(plan: ForwardPlan, chunks: readonly LabelledChunk[]): Promise<{ loss: number; accuracy: number }> {
  const n = chunks.reduce((sum, c) => sum + c.rows, 0);
  if (n === 0) return { loss: NaN, accuracy: NaN };
  let totals: tf.Tensor | null = null;
  try {
    for (const chunk of chunks) {
      const stats = tf.tidy(() => {
        const { crossEntropy, correct } = batchStats(plan.logits(chunk.x, null), chunk.y);
        return tf.stack([crossEntropy, correct]);
      });
      totals = addInto(totals, stats);
    }
    const [crossEntropy, correct] = await (totals as tf.Tensor).data();
    return { loss: crossEntropy / n, accuracy: correct / n };
  } finally {
    totals?.dispose();
  }
}
