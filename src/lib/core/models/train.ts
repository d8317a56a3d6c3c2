/**
 * The training loop: seeded mini-batch training of a model family on CSR features.
 *
 * - Each epoch visits the training rows in the order of a seeded permutation
 *   (`createRng(`${seed}:epoch:${e}`)`, a fresh permutation of 0…n−1 per epoch), never `Math.random`.
 * - Every step sees a dense batch of exactly `batchSize × cols`: the last batch of an epoch is
 *   padded with zero rows whose one-hot label is all zero. With the loss written as
 *   Σ −y·logSoftmax(z) / (real rows), padded rows add nothing to the loss or the gradient, so the
 *   last batch counts like any other; fixed shapes let WebGL reuse its shaders and textures.
 * - One step is `tf.variableGrads` of the mean cross-entropy over the model's own variables, then
 *   `optimizers.ts`'s update, which adds the L2 penalty's exact gradient (2·l2·w) — the same
 *   gradient as putting l2·Σw² into the loss, for a fraction of the ops. Not `trainOnBatch`: it
 *   cannot weight rows, has no seeded dropout, and measured slower (see the model report).
 *   Loss and accuracy are summed on the device and read once per epoch (and at yield points),
 *   so WebGL is not stalled after every step.
 * - Reported losses are the mean cross-entropy *without* the L2 penalty, so training and
 *   validation losses are comparable. Training loss and accuracy are measured during the epoch,
 *   in training mode (dropout on), as Keras does.
 * - Early stopping (validation set given and `patience` > 0) watches the validation loss; at the
 *   end the model holds the weights of the best epoch (`bestEpoch`), whether it stopped early or
 *   ran all epochs.
 * - The optimizer and every intermediate tensor are disposed, also on error and cancellation;
 *   the caller owns (and disposes) the model.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../random';
import { assertCsr, DenseBatch, type CsrMatrix } from './csr';
import type { TrainingParams } from './families';
import { planForward, type ForwardPlan } from './forward';
import { createStepOptimizer } from './optimizers';
import { seedFromUniform } from './seeds';

/** Features and integer class labels (0 … numClasses − 1), one per row. */
export interface LabelledCsr {
  x: CsrMatrix;
  y: Int32Array;
}

export interface BatchProgress {
  /** 0-based. */
  epoch: number;
  /** 0-based index of the batch just trained. */
  batch: number;
  batchesPerEpoch: number;
  /** Since the start of training. */
  elapsedMs: number;
}

export interface EpochProgress {
  /** 0-based. */
  epoch: number;
  /** The maximum number of epochs. */
  epochs: number;
  loss: number;
  accuracy: number;
  /** null without a validation set. */
  valLoss: number | null;
  valAccuracy: number | null;
  /** Whether this epoch is the best so far (lowest validation loss; always true without one). */
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
   * 'auto' (default): on the 'cpu' backend the zero-skipping input layer and the fused JavaScript
   * optimizer; 'tfjs': TF.js ops throughout, as on WebGL (tests and benchmarks).
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
  /** Per epoch, training steps plus validation. */
  epochMs: number[];
  /** Per epoch, validation only. */
  validationMs: number[];
  /** Total time spent scattering CSR rows into dense batches (included in epochMs). */
  batchFillMs: number;
  batchesPerEpoch: number;
  steps: number;
}

export interface TrainResult {
  history: TrainingHistory;
  /** 0-based epoch whose weights the model now holds. */
  bestEpoch: number;
  stoppedEarly: boolean;
  epochsRun: number;
  timings: TrainingTimings;
  /** `tf.getBackend()` during training. */
  backend: string;
}

export class TrainingCancelledError extends Error {
  constructor(readonly epochsCompleted: number) {
    super(`Training cancelled after ${epochsCompleted} complete epoch(s).`);
    this.name = 'TrainingCancelledError';
  }
}

function assertLabelled(data: LabelledCsr, numClasses: number, what: string): void {
  assertCsr(data.x, `${what} features`);
  if (data.y.length !== data.x.rows) throw new Error(`${what}: ${data.y.length} labels for ${data.x.rows} rows`);
  for (let i = 0; i < data.y.length; i++) {
    const label = data.y[i];
    if (label < 0 || label >= numClasses) throw new Error(`${what}: label ${label} at row ${i} is outside [0, ${numClasses})`);
  }
}

/**
 * Per trainable variable, the factor of its penalty gradient: 2·l2 for a kernel with an L2
 * regularizer, else 0. Other regularizers (L1, bias, activity) are not supported.
 */
function penaltyFactors(model: tf.LayersModel, variables: readonly tf.Variable[]): number[] {
  const factors = new Map<tf.Variable, number>();
  for (const layer of model.layers) {
    const config = layer.getConfig();
    if (config.biasRegularizer || config.activityRegularizer) {
      throw new Error(`Layer ${layer.name}: only kernel L2 regularizers are supported by the training loop.`);
    }
    const regularizer = config.kernelRegularizer as { className?: string; config?: { l1?: number; l2?: number } } | null | undefined;
    if (!regularizer) continue;
    const { l1 = 0, l2 = 0 } = regularizer.config ?? {};
    if (regularizer.className !== 'L1L2' || l1 !== 0) {
      throw new Error(`Layer ${layer.name}: only kernel L2 regularizers are supported by the training loop.`);
    }
    const kernel = layer.trainableWeights.find((w) => w.originalName.endsWith('kernel'));
    if (kernel) factors.set(kernel.read() as tf.Variable, 2 * l2);
  }
  return variables.map((v) => factors.get(v) ?? 0);
}

/** Sum over rows of −y·logSoftmax(z), and the number of rows whose arg-max matches y. */
function batchStats(logits: tf.Tensor2D, oneHot: tf.Tensor2D): { crossEntropy: tf.Scalar; correct: tf.Scalar } {
  const crossEntropy = tf.neg<tf.Scalar>(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits))));
  const predicted = tf.oneHot(tf.argMax<tf.Tensor1D>(logits, 1), logits.shape[1]);
  const correct = tf.sum<tf.Scalar>(tf.mul(oneHot, predicted));
  return { crossEntropy, correct };
}

/** Writes the one-hot labels of rows `order[start …]` into `out` (batchSize × numClasses). */
function fillOneHot(out: Float32Array, y: Int32Array, order: ArrayLike<number>, start: number, count: number, numClasses: number): void {
  out.fill(0);
  for (let r = 0; r < count; r++) out[r * numClasses + y[order[start + r]]] = 1;
}

function addInto(total: tf.Tensor | null, next: tf.Tensor): tf.Tensor {
  if (total === null) return next;
  const sum = tf.add(total, next);
  total.dispose();
  next.dispose();
  return sum;
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Mean cross-entropy and accuracy of `model` on `data`, in fixed-size batches of `batchSize` rows
 * (zero-padded), inference mode.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  data: LabelledCsr,
  numClasses: number,
  batchSize: number,
  kernels: 'auto' | 'tfjs' = 'auto',
): Promise<{ loss: number; accuracy: number }> {
  assertLabelled(data, numClasses, 'evaluation');
  return evaluateWith(planForward(model, { kernels }), data, numClasses, batchSize);
}

async function evaluateWith(plan: ForwardPlan, data: LabelledCsr, numClasses: number, batchSize: number): Promise<{ loss: number; accuracy: number }> {
  const n = data.x.rows;
  if (n === 0) return { loss: NaN, accuracy: NaN };
  const size = Math.min(batchSize, n);
  const xBatch = new DenseBatch(size, data.x.cols);
  const yBatch = new Float32Array(size * numClasses);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let totals: tf.Tensor | null = null;
  try {
    for (let start = 0; start < n; start += size) {
      const count = xBatch.fill(data.x, order, start);
      fillOneHot(yBatch, data.y, order, start, count, numClasses);
      const stats = tf.tidy(() => {
        const logits = plan.logits(tf.tensor2d(xBatch.values, [size, data.x.cols]), null);
        const { crossEntropy, correct } = batchStats(logits, tf.tensor2d(yBatch, [size, numClasses]));
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

/** Trains `model` in place; see the module comment for the loop's contract. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { model, train, validation, numClasses, params, seed, onEpoch, onBatch, shouldStop } = options;
  const now = options.now ?? (() => performance.now());
  const yieldEvery = options.yieldEvery ?? 50;
  assertLabelled(train, numClasses, 'training');
  if (validation) {
    assertLabelled(validation, numClasses, 'validation');
    if (validation.x.cols !== train.x.cols) throw new Error(`validation has ${validation.x.cols} columns, training ${train.x.cols}`);
  }
  const n = train.x.rows;
  const cols = train.x.cols;
  if (n === 0) throw new Error('training: no rows');
  const inputShape = model.inputs[0].shape;
  const outputShape = model.outputs[0].shape;
  if (inputShape[1] !== cols) throw new Error(`model expects ${inputShape[1]} input features, the data has ${cols}`);
  if (outputShape[1] !== numClasses) throw new Error(`model outputs ${outputShape[1]} classes, numClasses is ${numClasses}`);

  const { batchSize, epochs } = params;
  const plan = planForward(model, { kernels: options.kernels });
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const decay = penaltyFactors(model, variables);
  const batchesPerEpoch = Math.ceil(n / batchSize);
  const xBatch = new DenseBatch(batchSize, cols);
  const yBatch = new Float32Array(batchSize * numClasses);
  const earlyStopping = validation !== undefined && params.patience > 0;

  const history: TrainingHistory = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
  const timings: TrainingTimings = { totalMs: 0, epochMs: [], validationMs: [], batchFillMs: 0, batchesPerEpoch, steps: 0 };
  const started = now();
  let lastYield = started;
  let bestEpoch = -1;
  let bestValLoss = Infinity;
  let bestWeights: tf.Tensor[] | null = null;
  let stoppedEarly = false;
  let epochTotals: tf.Tensor | null = null;
  const optimizer = createStepOptimizer(params, options.kernels);

  const step = (count: number, dropoutSeeds: number[]): tf.Tensor => {
    let stats: tf.Tensor | null = null;
    tf.tidy(() => {
      const xs = tf.tensor2d(xBatch.values, [batchSize, cols]);
      const ys = tf.tensor2d(yBatch, [batchSize, numClasses]);
      const { grads } = tf.variableGrads(() => {
        const { crossEntropy, correct } = batchStats(plan.logits(xs, dropoutSeeds), ys);
        stats = tf.keep(tf.stack([crossEntropy, correct]));
        return tf.div(crossEntropy, count);
      }, variables);
      optimizer.apply(
        variables,
        variables.map((v) => grads[v.name] ?? null),
        decay,
      );
    });
    return stats as unknown as tf.Tensor;
  };

  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const epochStart = now();
      const order = shuffleInPlace(createRng(`${seed}:epoch:${epoch}`), Array.from({ length: n }, (_, i) => i));
      const dropoutRng = createRng(`${seed}:dropout:${epoch}`);
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        if (shouldStop?.()) throw new TrainingCancelledError(epoch);
        const fillStart = now();
        const count = xBatch.fill(train.x, order, batch * batchSize);
        fillOneHot(yBatch, train.y, order, batch * batchSize, count, numClasses);
        timings.batchFillMs += now() - fillStart;
        const dropoutSeeds = Array.from({ length: plan.dropoutLayers }, () => seedFromUniform(dropoutRng()));
        epochTotals = addInto(epochTotals, step(count, dropoutSeeds));
        timings.steps++;
        onBatch?.({ epoch, batch, batchesPerEpoch, elapsedMs: now() - started });
        if (now() - lastYield >= yieldEvery) {
          await epochTotals.data(); // bounds the queue of pending GPU work
          await nextMacrotask();
          lastYield = now();
        }
      }
      const [crossEntropy, correct] = await (epochTotals as tf.Tensor).data();
      epochTotals?.dispose();
      epochTotals = null;
      history.loss.push(crossEntropy / n);
      history.accuracy.push(correct / n);

      let improved = true;
      const validationStart = now();
      if (validation) {
        if (shouldStop?.()) throw new TrainingCancelledError(epoch);
        const { loss, accuracy } = await evaluateWith(plan, validation, numClasses, batchSize);
        history.valLoss.push(loss);
        history.valAccuracy.push(accuracy);
        improved = loss < bestValLoss;
      }
      timings.validationMs.push(now() - validationStart);
      if (improved) {
        bestEpoch = epoch;
        bestValLoss = validation ? history.valLoss[epoch] : bestValLoss;
        if (earlyStopping) {
          bestWeights?.forEach((t) => t.dispose());
          bestWeights = variables.map((v) => tf.clone(v));
        }
      }
      timings.epochMs.push(now() - epochStart);
      onEpoch?.({
        epoch,
        epochs,
        loss: history.loss[epoch],
        accuracy: history.accuracy[epoch],
        valLoss: validation ? history.valLoss[epoch] : null,
        valAccuracy: validation ? history.valAccuracy[epoch] : null,
        improved,
        elapsedMs: now() - started,
      });
      if (earlyStopping && epoch - bestEpoch >= params.patience) {
        stoppedEarly = epoch < epochs - 1;
        break;
      }
    }
    if (bestWeights) {
      const restore = bestWeights;
      variables.forEach((v, i) => v.assign(restore[i]));
    }
    // Without early stopping — or if no validation loss was ever finite — the last epoch's weights stay.
    if (!earlyStopping || bestEpoch < 0) bestEpoch = history.loss.length - 1;
    timings.totalMs = now() - started;
    return { history, bestEpoch, stoppedEarly, epochsRun: history.loss.length, timings, backend: tf.getBackend() };
  } finally {
    (epochTotals as tf.Tensor | null)?.dispose();
    bestWeights?.forEach((t) => t.dispose());
    optimizer.dispose();
  }
}
