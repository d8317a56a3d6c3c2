/**
 * Parameter updates for the training loop: Adam, SGD with momentum, plain SGD, each with an
 * L2 penalty applied as its exact gradient (2·l2·w added to the kernel's gradient).
 *
 * Two implementations with the same arithmetic as `tf.train.adam` / `tf.train.momentum` /
 * `tf.train.sgd` (including Adam's bias correction and epsilon = the backend's epsilon):
 * - on the 'cpu' backend, one JavaScript loop per variable over the backend's own arrays. TF.js's
 *   CPU element-wise kernels cost ≈ 15–20 ns per element per op, and Adam plus an autodiffed L2
 *   penalty is ≈ 17 such ops per step over every parameter (several hundred ms per step for a
 *   20k × 64 MLP kernel); one fused loop costs a few ms.
 * - elsewhere (WebGL), `tf.train.*`'s `applyGradients`, the penalty gradient added with two ops.
 *
 * Either way the caller disposes the optimizer (`tf.train` optimizers hold variables that
 * `model.dispose()` does not free).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingParams } from './families';

const BETA1 = 0.9;
const BETA2 = 0.999;

export interface StepOptimizer {
  /**
   * Updates `variables[i]` from `grads[i]` (null = no gradient, skipped); `decay[i]` is the
   * penalty gradient factor (2·l2 for a regularised kernel, else 0). Call inside `tf.tidy`.
   */
  apply(variables: readonly tf.Variable[], grads: readonly (tf.Tensor | null)[], decay: readonly number[]): void;
  dispose(): void;
}

/**
 * The optimizer for `params`. `kernels` 'auto' (default) picks the JavaScript loop on the 'cpu'
 * backend and `tf.train` elsewhere; 'tfjs' forces `tf.train` (tests, benchmarks).
 */
export function createStepOptimizer(
  params: Pick<TrainingParams, 'optimizer' | 'learningRate' | 'momentum'>,
  kernels: 'auto' | 'tfjs' = 'auto',
): StepOptimizer {
  return kernels === 'auto' && tf.getBackend() === 'cpu' ? new JsOptimizer(params) : new TfOptimizer(params);
}

/** `tf.train.*` plus the penalty gradient: for backends where data lives on a GPU. */
class TfOptimizer implements StepOptimizer {
  private readonly optimizer: tf.Optimizer;
  private readonly isMomentum: boolean;

  constructor(params: Pick<TrainingParams, 'optimizer' | 'learningRate' | 'momentum'>) {
    const { optimizer, learningRate, momentum } = params;
    this.isMomentum = optimizer === 'sgd' && momentum > 0;
    if (optimizer === 'adam') this.optimizer = tf.train.adam(learningRate, BETA1, BETA2);
    else this.optimizer = this.isMomentum ? tf.train.momentum(learningRate, momentum) : tf.train.sgd(learningRate);
  }

  apply(variables: readonly tf.Variable[], grads: readonly (tf.Tensor | null)[], decay: readonly number[]): void {
    const named: tf.NamedTensorMap = {};
    variables.forEach((v, i) => {
      const g = grads[i];
      if (g) named[v.name] = decay[i] > 0 ? tf.add(g, tf.mul(v, decay[i])) : g;
    });
    this.optimizer.applyGradients(named);
  }

  dispose(): void {
    this.optimizer.dispose();
    // MomentumOptimizer.dispose() forgets its SGD parent's learning-rate scalar (still so in
    // 4.22; tensorflow/tfjs#4647): dispose that too. (`instanceof` cannot tell: TF.js optimizers
    // answer it by duck typing.)
    if (this.isMomentum) tf.SGDOptimizer.prototype.dispose.call(this.optimizer);
  }
}

/** The same updates as one loop over plain arrays: for the CPU backend. */
class JsOptimizer implements StepOptimizer {
  private readonly first: (Float32Array | null)[] = [];
  private readonly second: (Float32Array | null)[] = [];
  /** β^t of Adam's bias correction, as `tf.train.adam` keeps them (starting at β). */
  private accBeta1 = BETA1;
  private accBeta2 = BETA2;
  private readonly epsilon = tf.backend().epsilon();

  constructor(private readonly params: Pick<TrainingParams, 'optimizer' | 'learningRate' | 'momentum'>) {}

  apply(variables: readonly tf.Variable[], grads: readonly (tf.Tensor | null)[], decay: readonly number[]): void {
    const { optimizer, learningRate: lr, momentum } = this.params;
    const correction1 = 1 - this.accBeta1;
    const correction2 = 1 - this.accBeta2;
    variables.forEach((variable, i) => {
      const grad = grads[i];
      if (!grad) return;
      const w = variable.dataSync() as Float32Array;
      const g = grad.dataSync() as Float32Array;
      const d = decay[i];
      const size = w.length;
      const next = new Float32Array(size);
      if (optimizer === 'adam') {
        const m = (this.first[i] ??= new Float32Array(size));
        const v = (this.second[i] ??= new Float32Array(size));
        for (let k = 0; k < size; k++) {
          const gk = g[k] + d * w[k];
          m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
          v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
          next[k] = w[k] - (lr * (m[k] / correction1)) / (Math.sqrt(v[k] / correction2) + this.epsilon);
        }
      } else if (momentum > 0) {
        const acc = (this.first[i] ??= new Float32Array(size));
        for (let k = 0; k < size; k++) {
          acc[k] = momentum * acc[k] + g[k] + d * w[k];
          next[k] = w[k] - lr * acc[k];
        }
      } else {
        for (let k = 0; k < size; k++) next[k] = w[k] - lr * (g[k] + d * w[k]);
      }
      // A new array every step: tensors cloned from the variable (best-epoch snapshots) keep theirs.
      variable.assign(tf.tensor(next, variable.shape, 'float32'));
    });
    this.accBeta1 *= BETA1;
    this.accBeta2 *= BETA2;
  }

  dispose(): void {
    this.first.length = 0;
    this.second.length = 0;
  }
}
