/**
 * Full-batch L-BFGS training (`optimizer: 'lbfgs'`, the default of the convex softmax regression),
 * computed with TF.js ops and `csrMatMul`, so it runs on every backend that has the kernel.
 *
 * - The objective is scikit-learn's (`LogisticRegression`, multinomial, lbfgs): the mean
 *   cross-entropy over all training rows plus ‖W‖² / (2·C·N) on the kernels (biases are not
 *   penalized). C = 1 by default, as there. (The mini-batch `l2` run to convergence over-fits:
 *   early stopping was its real regularizer.)
 * - The rows are cut into chunks of at most `CHUNK_ROWS` whose kernel inputs (with transposes) are
 *   built once and reused by every evaluation, so memory stays bounded at a million rows.
 * - Weights start at zero: the run is deterministic and the seed does not matter for it.
 * - A softmax regression is preconditioned by its objective's curvature at that start
 *   (`startCurvature`): L-BFGS's initial inverse Hessian is shaped by the inverse of the Hessian's
 *   diagonal there, (K−1)/K² · Σᵢ xᵢⱼ² / N + 1/(C·N) per kernel entry (j, k) and (K−1)/K² per bias.
 *   A TF-IDF column's weight ranges over orders of magnitude between common and rare terms, and
 *   γI treats them alike. Same objective, optimum and stopping rules, fewer evaluations
 *   (10k tickets: 25 instead of 43; 1k: 17 instead of 32; 100k: 50 instead of 58).
 * - Stopping as scikit-learn: max |g| ≤ 1e-4, or a relative decrease of the objective below
 *   1e-9, or `maxIterations`. The model holds the last iterate (the objective only decreases).
 * - History is per iteration: the training loss and accuracy (without the penalty) at the
 *   accepted point, the validation loss and accuracy evaluated after each iteration.
 * - Cancel is checked before every chunk; the loop yields to the event loop between chunks.
 * - A softmax regression on the CPU backend: one kernel call per chunk, `SoftmaxRegressionLossGrad`
 *   (softmaxRegressionKernel.ts: loss, gradients and correct count, each row's entries read once),
 *   at float32 copies of the point; the model's variables are assigned once, at the end. The
 *   validation pass is the same kernel without gradients.
 * - Other models (an MLP) and backends: the composed kernels through the tape — `CsrMatMul`,
 *   `AddRowVector`, the fused cross-entropy, `ColumnSums` and the scatter back on the CPU; TF.js
 *   ops elsewhere. Per evaluation the weights are copied to float32 once and the gradients back
 *   to float64 once.
 */
import * as tf from '@tensorflow/tfjs';
import type { SoftmaxRegressionParams } from './catalog';
import { planForward } from './forward';
import { maxAbs, minimizeLbfgs } from './lbfgs';
import { hasSoftmaxRegressionKernel, softmaxRegressionLossGrad } from './softmaxRegressionKernel';
import type { WarmupMark } from './timeLeft';
import { nextMacrotask } from '../eventLoop';
import {
  batchStats,
  disposeChunks,
  evaluateChunks,
  labelledChunks,
  TrainingCancelledError,
  type LabelledChunk,
  type LabelledCsr,
  type TrainingHistory,
  type TrainingTimings,
  type TrainOptions,
  type TrainResult,
} from './trainShared';

/** scikit-learn's default `tol`: stop when max |g| of the mean objective is at most this. */
export const LBFGS_TOLERANCE = 1e-4;
const RELATIVE_DECREASE = 1e-9;
/**
 * Pairs kept by L-BFGS (scikit-learn's scipy keeps 10). On the ticket data 20 took 58 instead of
 * 95 evaluations at 100k rows (test accuracy 0.9324; 0.9325 before), the same 43 at 10k; an
 * evaluation costs far more than the longer two-loop recursion.
 */
const MEMORY = 20;

function lbfgsSettings(params: TrainOptions['params']): { C: number; maxIterations: number } {
  const { C, maxIterations } = params as Partial<SoftmaxRegressionParams>;
  if (!(typeof C === 'number' && C > 0)) throw new Error(`L-BFGS needs a positive C (inverse regularization strength); got ${C}.`);
  if (!(Number.isInteger(maxIterations) && maxIterations! >= 1)) throw new Error(`L-BFGS needs maxIterations ≥ 1; got ${maxIterations}.`);
  return { C, maxIterations: maxIterations! };
}

export async function trainFullBatch(options: TrainOptions): Promise<TrainResult> {
  const { model, train, validation, numClasses, params, onEpoch, onBatch, shouldStop } = options;
  const { C, maxIterations } = lbfgsSettings(params);
  const now = options.now ?? (() => performance.now());
  const yieldEvery = options.yieldEvery ?? 50;
  const n = train.x.rows;
  const plan = planForward(model);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const penalized = model.trainableWeights.map((w) => w.originalName.endsWith('kernel'));
  const offsets: number[] = [];
  let size = 0;
  for (const v of variables) {
    offsets.push(size);
    size += v.size;
  }
  const lambda = 1 / (C * n);
  /** One dense softmax layer (a kernel and a bias): the fused kernel and the start's curvature apply. */
  const softmaxRegression = model.layers.length === 1 && variables.length === 2;

  const history: TrainingHistory = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
  const timings: TrainingTimings = { totalMs: 0, epochMs: [], validationMs: [], batchFillMs: 0, batchesPerEpoch: 1, steps: 0, evaluations: 0 };
  const started = now();
  let lastYield = started;
  let iterationStart = started;
  const gradMax: number[] = [];
  let warmup: WarmupMark | null = null;
  const marks: WarmupMark[] = [];
  let last = { loss: NaN, accuracy: NaN };
  let trainChunks: LabelledChunk[] = [];
  let validationChunks: LabelledChunk[] = [];

  const setWeights = (w: Float64Array) =>
    tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(new Float32Array(w.subarray(offsets[i], offsets[i] + v.size)), v.shape, 'float32'))));

  // A softmax regression on a backend with the fused kernel: one kernel call per chunk at float32
  // copies of the point (the variables are assigned once, at the end). Otherwise the composed
  // kernels through the tape, at the variables.
  const fused = softmaxRegression && hasSoftmaxRegressionKernel();
  let point: { kernel: tf.Tensor2D; bias: tf.Tensor1D } | null = null;
  const setPoint = (w: Float64Array) => {
    disposePoint();
    point = {
      kernel: tf.tensor2d(new Float32Array(w.subarray(0, offsets[1])), variables[0].shape as [number, number]),
      bias: tf.tensor1d(new Float32Array(w.subarray(offsets[1], size))),
    };
  };
  const disposePoint = () => {
    point?.kernel.dispose();
    point?.bias.dispose();
    point = null;
  };

  /** Summed cross-entropy and correct rows of `chunks` at the last point set, adding the summed gradient into `g` when given. */
  const fusedSums = async (chunks: readonly LabelledChunk[], g: Float64Array | null) => {
    const at = point!;
    let crossEntropy = 0;
    let correct = 0;
    for (const chunk of chunks) {
      if (shouldStop?.()) throw new TrainingCancelledError(timings.steps, 'iteration');
      const { indptr, indices, values } = chunk.x;
      const out = softmaxRegressionLossGrad({ indptr, indices, values, labels: chunk.y.classes }, at.kernel, at.bias, g !== null);
      try {
        const sums = out.sums.dataSync();
        crossEntropy += sums[0];
        correct += sums[1];
        if (g) {
          addAt(g, 0, out.dKernel.dataSync());
          addAt(g, offsets[1], out.dBias.dataSync());
        }
      } finally {
        out.sums.dispose();
        out.dKernel.dispose();
        out.dBias.dispose();
      }
      if (now() - lastYield >= yieldEvery) {
        await nextMacrotask();
        lastYield = now();
      }
    }
    return { crossEntropy, correct };
  };

  /** Summed cross-entropy and correct training rows at `w`, the summed gradient into `g` (zeroed first). */
  const composedSums = async (w: Float64Array, g: Float64Array) => {
    setWeights(w);
    g.fill(0);
    let crossEntropy = 0;
    let correct = 0;
    for (const chunk of trainChunks) {
      if (shouldStop?.()) throw new TrainingCancelledError(timings.steps, 'iteration');
      let chunkCorrect: tf.Scalar | null = null;
      const { value, grads } = tf.tidy(() =>
        tf.variableGrads(() => {
          const stats = batchStats(plan.logits(chunk.x, null), chunk.y);
          chunkCorrect = tf.keep(stats.correct);
          return stats.crossEntropy;
        }, variables),
      );
      const kept = chunkCorrect as unknown as tf.Scalar;
      try {
        const parts = await Promise.all(variables.map((v) => grads[v.name]?.data() ?? Promise.resolve(null)));
        crossEntropy += (await value.data())[0];
        correct += (await kept.data())[0];
        parts.forEach((part, i) => part && addAt(g, offsets[i], part));
      } finally {
        value.dispose();
        kept.dispose();
        Object.values(grads).forEach((t) => t.dispose());
      }
      if (now() - lastYield >= yieldEvery) {
        await nextMacrotask();
        lastYield = now();
      }
    }
    return { crossEntropy, correct };
  };

  const objective = async (w: Float64Array, g: Float64Array): Promise<number> => {
    let sums: { crossEntropy: number; correct: number };
    if (fused) {
      setPoint(w);
      g.fill(0);
      sums = await fusedSums(trainChunks, g);
    } else {
      sums = await composedSums(w, g);
    }
    const { crossEntropy, correct } = sums;
    timings.evaluations!++;
    divide(g, n);
    let penalty = 0;
    variables.forEach((v, i) => {
      if (penalized[i]) penalty += addPenalty(g, w, offsets[i], offsets[i] + v.size, lambda);
    });
    last = { loss: crossEntropy / n, accuracy: correct / n };
    return last.loss + (lambda / 2) * penalty;
  };

  /** Mean loss and accuracy of the validation rows at the last point evaluated. */
  const evaluateValidation = async (): Promise<{ loss: number; accuracy: number }> => {
    if (!fused) return evaluateChunks(plan, validationChunks);
    const rows = validation!.x.rows;
    const { crossEntropy, correct } = await fusedSums(validationChunks, null);
    return { loss: crossEntropy / rows, accuracy: correct / rows };
  };

  try {
    const fillStart = now();
    trainChunks = labelledChunks(train, numClasses, true);
    if (validation) validationChunks = labelledChunks(validation, numClasses, false);
    timings.batchFillMs = now() - fillStart;
    const scaling = softmaxRegression ? startCurvature(train.x, numClasses, offsets[1], lambda) : undefined;
    const result = await minimizeLbfgs(
      async (w, g) => {
        const value = await objective(w, g);
        if (gradMax.length === 0) gradMax.push(maxAbs(g));
        return value;
      },
      new Float64Array(size),
      {
        maxIterations,
        memory: MEMORY,
        scaling,
        gradientTolerance: LBFGS_TOLERANCE,
        relativeDecrease: RELATIVE_DECREASE,
        onIteration: async (state) => {
          const iteration = state.iteration - 1;
          timings.steps = state.iteration;
          gradMax.push(state.gradMax);
          history.loss.push(last.loss);
          history.accuracy.push(last.accuracy);
          const validationStart = now();
          if (validation) {
            if (shouldStop?.()) throw new TrainingCancelledError(state.iteration, 'iteration');
            const v = await evaluateValidation();
            history.valLoss.push(v.loss);
            history.valAccuracy.push(v.accuracy);
          }
          const end = now();
          timings.validationMs.push(end - validationStart);
          timings.epochMs.push(end - iterationStart);
          iterationStart = end;
          marks.push({ done: state.iteration, elapsedMs: end - started, evaluations: state.evaluations });
          onBatch?.({
            unit: 'iteration',
            epoch: iteration,
            batch: 0,
            batchesPerEpoch: 1,
            elapsedMs: end - started,
            work: { unit: 'iteration', done: state.iteration, warmup, maxIterations, gradMax, tolerance: LBFGS_TOLERANCE, rows: n, evaluations: state.evaluations, marks },
          });
          // The first iteration also paid for building the chunks: the pace is measured after it.
          if (state.iteration === 1) warmup = { done: 1, elapsedMs: end - started, evaluations: state.evaluations };
          onEpoch?.({
            unit: 'iteration',
            epoch: iteration,
            epochs: maxIterations,
            loss: last.loss,
            accuracy: last.accuracy,
            valLoss: validation ? history.valLoss[iteration] : null,
            valAccuracy: validation ? history.valAccuracy[iteration] : null,
            improved: true,
            elapsedMs: end - started,
          });
        },
      },
    );
    if (history.loss.length === 0) {
      // Optimal at the start (max |g| already under the tolerance): record that one point.
      history.loss.push(last.loss);
      history.accuracy.push(last.accuracy);
      if (validation) {
        const v = await evaluateValidation();
        history.valLoss.push(v.loss);
        history.valAccuracy.push(v.accuracy);
      }
    }
    // The variables hold the last point evaluated; the result is the accepted one (the same
    // after a successful line search, the previous point after a failed one).
    setWeights(result.w);
    timings.totalMs = now() - started;
    return {
      unit: 'iteration',
      history,
      bestEpoch: history.loss.length - 1,
      stoppedEarly: false,
      epochsRun: history.loss.length,
      stopReason: result.stop,
      timings,
      backend: tf.getBackend(),
    };
  } finally {
    disposePoint();
    disposeChunks(trainChunks);
    disposeChunks(validationChunks);
  }
}

/**
 * The inverse of the diagonal of the softmax regression's objective Hessian at zero weights, in
 * the solver's layout (kernel [cols, classes] row-major, then the bias from `biasOffset`): at
 * w = 0 every row's softmax is 1/K, so the cross-entropy's diagonal is (K−1)/K² · Σᵢ xᵢⱼ² / N for
 * every class k of column j, plus λ on the kernel (the bias is not penalized).
 */
export function startCurvature(x: LabelledCsr['x'], classes: number, biasOffset: number, lambda: number): Float64Array {
  const spread = (classes - 1) / (classes * classes);
  const squares = new Float64Array(x.cols);
  const nnz = x.indptr[x.rows];
  for (let p = 0; p < nnz; p++) squares[x.indices[p]] += x.data[p] * x.data[p];
  const inverse = new Float64Array(biasOffset + classes);
  for (let j = 0; j < x.cols; j++) {
    const d = 1 / ((spread * squares[j]) / x.rows + lambda);
    for (let k = 0; k < classes; k++) inverse[j * classes + k] = d;
  }
  inverse.fill(1 / spread, biasOffset);
  return inverse;
}

// The loops over parameters live in plain functions, not inline in the async objective: V8 does
// not optimize a running async function's loops (see lbfgs.ts), and each objective call is one.

/** target[offset + k] += part[k]. */
function addAt(target: Float64Array, offset: number, part: ArrayLike<number>): void {
  for (let k = 0; k < part.length; k++) target[offset + k] += part[k];
}

function divide(a: Float64Array, divisor: number): void {
  for (let k = 0; k < a.length; k++) a[k] /= divisor;
}

/** Adds the L2 penalty's gradient λ·w to g over [from, to) and returns Σ w² there. */
function addPenalty(g: Float64Array, w: Float64Array, from: number, to: number, lambda: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) {
    sum += w[k] * w[k];
    g[k] += lambda * w[k];
  }
  return sum;
}
