/**
 * The training loop: seeded mini-batch training of a model family on CSR features, or full-batch
 * L-BFGS (`fullBatch.ts`) when the parameters say `optimizer: 'lbfgs'`.
 *
 * - Each epoch visits the training rows in the order of a seeded permutation
 *   (`createRng(`${seed}:epoch:${e}`)`, a fresh permutation of 0…n−1 per epoch), never `Math.random`.
 * - A batch is a row selection of that order handed to the first layer as sparse kernel inputs
 *   (`csrRowTensors`, never densified), padded with empty rows to exactly `batchSize` rows whose
 *   one-hot label is all zero. With the loss written as Σ −y·logSoftmax(z) / (real rows), padded
 *   rows add nothing to the loss or the gradient, so the last batch counts like any other; fixed
 *   shapes let WebGL reuse its shaders and textures.
 * - One step is `tf.variableGrads` of the mean cross-entropy over the model's own variables, then
 *   `optimizers.ts`'s update, which adds the L2 penalty's exact gradient (2·l2·w) — the same
 *   gradient as putting l2·Σw² into the loss, for a fraction of the ops. Not `trainOnBatch`: it
 *   cannot weight rows, has no seeded dropout, and measured slower (see the model report).
 *   Loss and accuracy are summed on the device and read once per epoch (and at yield points),
 *   so WebGL is not stalled after every step.
 * - Reported losses are the mean cross-entropy *without* the L2 penalty, so training and
 *   validation losses are comparable. Training loss and accuracy are measured during the epoch,
 *   in training mode (dropout on), as Keras does. Validation runs on chunks whose kernel inputs
 *   are built once for the whole run.
 * - Early stopping (validation set given and `patience` > 0) watches the validation loss; at the
 *   end the model holds the weights of the best epoch (`bestEpoch`), whether it stopped early or
 *   ran all epochs.
 * - The optimizer and every intermediate tensor are disposed, also on error and cancellation;
 *   the caller owns (and disposes) the model.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../random';
import { planForward } from './forward';
import { trainFullBatch } from './fullBatch';
import { createStepOptimizer } from './optimizers';
import { seedFromUniform } from './seeds';
import type { WarmupMark } from './timeLeft';
import { csrRowTensors } from './sparseKernels';
import { nextMacrotask } from '../eventLoop';
import {
  addInto,
  assertLabelled,
  batchStats,
  disposeChunks,
  evaluateChunks,
  labelledChunks,
  labelTensors,
  TrainingCancelledError,
  type LabelledChunk,
  type LabelledCsr,
  type TrainingHistory,
  type TrainingTimings,
  type TrainOptions,
  type TrainResult,
} from './trainShared';

export {
  TrainingCancelledError,
  type BatchProgress,
  type EpochProgress,
  type LabelledCsr,
  type TrainingHistory,
  type TrainingTimings,
  type TrainingUnit,
  type TrainOptions,
  type TrainResult,
} from './trainShared';

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

/**
 * Mean cross-entropy and accuracy of `model` on `data`, in chunks of sparse rows, inference mode.
 */
export async function evaluateModel(model: tf.LayersModel, data: LabelledCsr, numClasses: number): Promise<{ loss: number; accuracy: number }> {
  assertLabelled(data, numClasses, 'evaluation');
  const chunks = labelledChunks(data, numClasses, false);
  try {
    return await evaluateChunks(planForward(model), chunks);
  } finally {
    disposeChunks(chunks);
  }
}

/** Checks the inputs against each other and the model; throws a clear message. */
function assertInputs(options: TrainOptions): void {
  const { model, train, validation, numClasses } = options;
  assertLabelled(train, numClasses, 'training');
  if (validation) {
    assertLabelled(validation, numClasses, 'validation');
    if (validation.x.cols !== train.x.cols) throw new Error(`validation has ${validation.x.cols} columns, training ${train.x.cols}`);
  }
  if (train.x.rows === 0) throw new Error('training: no rows');
  const inputShape = model.inputs[0].shape;
  const outputShape = model.outputs[0].shape;
  if (inputShape[1] !== train.x.cols) throw new Error(`model expects ${inputShape[1]} input features, the data has ${train.x.cols}`);
  if (outputShape[1] !== numClasses) throw new Error(`model outputs ${outputShape[1]} classes, numClasses is ${numClasses}`);
}

/** Trains `model` in place; see the module comment for the loop's contract. */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  assertInputs(options);
  if (options.params.optimizer === 'lbfgs') return trainFullBatch(options);
  return trainMiniBatch(options);
}

async function trainMiniBatch(options: TrainOptions): Promise<TrainResult> {
  const { model, train, validation, numClasses, params, seed, onEpoch, onBatch, shouldStop } = options;
  const now = options.now ?? (() => performance.now());
  const yieldEvery = options.yieldEvery ?? 50;
  const n = train.x.rows;
  const { batchSize, epochs } = params;
  const plan = planForward(model);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const decay = penaltyFactors(model, variables);
  const batchesPerEpoch = Math.ceil(n / batchSize);
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
  let validationChunks: LabelledChunk[] = [];
  // The time-left estimate measures the pace after the first tenth of the first epoch (timeLeft.ts).
  const warmupBatches = Math.ceil(batchesPerEpoch / 10);
  let warmup: WarmupMark | null = null;
  const optimizer = createStepOptimizer(params, options.kernels);

  const step = (ids: Int32Array, dropoutSeeds: number[]): tf.Tensor => {
    const fillStart = now();
    const xs = csrRowTensors(train.x, ids, true, batchSize);
    const ys = labelTensors(train.y, ids, numClasses, batchSize);
    timings.batchFillMs += now() - fillStart;
    let stats: tf.Tensor | null = null;
    try {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const { crossEntropy, correct } = batchStats(plan.logits(xs, dropoutSeeds), ys);
          stats = tf.keep(tf.stack([crossEntropy, correct]));
          return tf.div(crossEntropy, ids.length);
        }, variables);
        optimizer.apply(
          variables,
          variables.map((v) => grads[v.name] ?? null),
          decay,
        );
      });
    } finally {
      xs.dispose();
      ys.dispose();
    }
    return stats as unknown as tf.Tensor;
  };

  try {
    if (validation) validationChunks = labelledChunks(validation, numClasses, false);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const epochStart = now();
      const order = Int32Array.from(shuffleInPlace(createRng(`${seed}:epoch:${epoch}`), Array.from({ length: n }, (_, i) => i)));
      const dropoutRng = createRng(`${seed}:dropout:${epoch}`);
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        if (shouldStop?.()) throw new TrainingCancelledError(epoch);
        const ids = order.subarray(batch * batchSize, Math.min(n, (batch + 1) * batchSize));
        const dropoutSeeds = Array.from({ length: plan.dropoutLayers }, () => seedFromUniform(dropoutRng()));
        epochTotals = addInto(epochTotals, step(ids, dropoutSeeds));
        timings.steps++;
        onBatch?.({
          unit: 'epoch',
          epoch,
          batch,
          batchesPerEpoch,
          elapsedMs: now() - started,
          work: { unit: 'epoch', done: epoch + (batch + 1) / batchesPerEpoch, warmup, maxEpochs: epochs, patience: earlyStopping ? params.patience : 0, valLoss: history.valLoss },
        });
        if (epoch === 0 && batch + 1 === warmupBatches) warmup = { done: warmupBatches / batchesPerEpoch, elapsedMs: now() - started };
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
        const { loss, accuracy } = await evaluateChunks(plan, validationChunks);
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
        unit: 'epoch',
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
    return { unit: 'epoch', history, bestEpoch, stoppedEarly, epochsRun: history.loss.length, stopReason: null, timings, backend: tf.getBackend() };
  } finally {
    (epochTotals as tf.Tensor | null)?.dispose();
    bestWeights?.forEach((t) => t.dispose());
    disposeChunks(validationChunks);
    optimizer.dispose();
  }
}
