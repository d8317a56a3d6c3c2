/**
 * The softmax cross-entropy of logits against integer labels, with its gradient, as one TF.js kernel:
 * on the CPU backend each small op of the composition (max, sub, exp, sum, log, mul, arg-max …)
 * loops over every element and allocates, and together they cost more than the sparse products.
 *
 * Kernel `SoftmaxCrossEntropyWithLogits` (name in `SOFTMAX_CROSS_ENTROPY`): inputs
 *   logits float32 [rows, classes]
 *   labels int32   [rows]   each in 0 … classes − 1, or −1 for a padding row (no loss, no gradient,
 *                           not counted); any other value throws, naming the row
 * no attributes; outputs
 *   loss    float32 []               Σ over labelled rows of −log softmax(logits)[label]
 *   dLogits float32 [rows, classes]  softmax(logits) − onehot(label) (zero on a padding row)
 *   correct float32 []               labelled rows whose arg-max (the first on ties) is the label
 * Each row is computed in float64 (shifted by its maximum, so ±80 logits stay finite), in one loop.
 * Registered for 'cpu'. Its gradient (dy · dLogits, from the saved output) makes it one node on
 * the tape. Other backends compose the same sums from TF.js ops (`batchStats` in trainShared.ts).
 */
import * as tf from '@tensorflow/tfjs';

export const SOFTMAX_CROSS_ENTROPY = 'SoftmaxCrossEntropyWithLogits';
/**
 * Kernel `ScaleByScalar`: x float32 (any shape) times s float32 [] — the gradient's dy · dLogits in
 * one loop, or x's own data when s is 1. TF.js's CPU multiply broadcasts a scalar by computing
 * every element's index, and that took a twentieth of the 10k training job in a browser profile.
 */
export const SCALE_BY_SCALAR = 'ScaleByScalar';

/** The part of a TF.js backend the CPU kernel uses (typed loosely: core does not import backend packages). */
interface KernelBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
  incRef(dataId: object): void;
}

export interface SoftmaxCrossEntropySums {
  loss: number;
  correct: number;
  /** softmax − onehot per row, row-major like the logits. */
  dLogits: Float32Array;
}

/** The kernel's arithmetic on plain arrays. */
export function softmaxCrossEntropySums(logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number): SoftmaxCrossEntropySums {
  const rows = labels.length;
  if (logits.length !== rows * classes) throw new Error(`${SOFTMAX_CROSS_ENTROPY}: ${logits.length} logits for ${rows} rows × ${classes} classes.`);
  const dLogits = new Float32Array(rows * classes);
  const e = new Float64Array(classes);
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (label === -1) continue;
    if (!(label >= 0 && label < classes)) {
      throw new Error(`${SOFTMAX_CROSS_ENTROPY}: label ${label} at row ${r} is outside 0…${classes - 1} (−1 marks a padding row).`);
    }
    const at = r * classes;
    let max = logits[at];
    let best = 0;
    for (let k = 1; k < classes; k++) {
      if (logits[at + k] > max) {
        max = logits[at + k];
        best = k;
      }
    }
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      e[k] = Math.exp(logits[at + k] - max);
      sum += e[k];
    }
    for (let k = 0; k < classes; k++) dLogits[at + k] = e[k] / sum;
    dLogits[at + label] -= 1;
    loss += Math.log(sum) - (logits[at + label] - max);
    if (best === label) correct++;
  }
  return { loss, correct, dLogits };
}

type KernelInputs = Record<'logits' | 'labels', tf.TensorInfo>;

function cpuSoftmaxCrossEntropy({ inputs, backend }: { inputs: KernelInputs; backend: unknown }): tf.TensorInfo[] {
  const { logits, labels } = inputs;
  const cpu = backend as KernelBackend;
  if (logits.shape.length !== 2 || labels.shape.length !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new Error(`${SOFTMAX_CROSS_ENTROPY}: expected logits [rows, classes] and labels [rows]; got [${logits.shape}] and [${labels.shape}].`);
  }
  const sums = softmaxCrossEntropySums(cpu.readSync(logits.dataId) as Float32Array, cpu.readSync(labels.dataId) as Int32Array, logits.shape[1]);
  return [
    cpu.makeTensorInfo([], 'float32', Float32Array.of(sums.loss)),
    cpu.makeTensorInfo(logits.shape, 'float32', sums.dLogits),
    cpu.makeTensorInfo([], 'float32', Float32Array.of(sums.correct)),
  ];
}

function cpuScaleByScalar({ inputs, backend }: { inputs: Record<'x' | 's', tf.TensorInfo>; backend: unknown }): tf.TensorInfo {
  const { x, s } = inputs;
  if (s.shape.length !== 0) throw new Error(`${SCALE_BY_SCALAR}: expected a scalar factor; got shape [${s.shape}].`);
  const cpu = backend as KernelBackend;
  const factor = (cpu.readSync(s.dataId) as Float32Array)[0];
  if (factor === 1) {
    // The full-batch loss's dy is exactly 1: share x's data, as TF.js's own Reshape does (tensor
    // data is never written in place), instead of allocating a copy per chunk and evaluation.
    cpu.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }
  const xs = cpu.readSync(x.dataId) as Float32Array;
  const out = new Float32Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i] * factor;
  return cpu.makeTensorInfo(x.shape, 'float32', out);
}

/** x · s for a scalar s: the kernel where the backend has it, else TF.js's multiply. */
function scaleByScalar(x: tf.Tensor, s: tf.Tensor): tf.Tensor {
  if (s.rank === 0 && tf.getKernel(SCALE_BY_SCALAR, tf.getBackend())) return tf.engine().runKernel(SCALE_BY_SCALAR, { x, s }, {}) as tf.Tensor;
  return tf.mul(x, s);
}

/** Registers the kernels and the gradient once per global TF.js registry (a module may load twice). */
function register(): void {
  if (!tf.getKernel(SOFTMAX_CROSS_ENTROPY, 'cpu')) {
    tf.registerKernel({ kernelName: SOFTMAX_CROSS_ENTROPY, backendName: 'cpu', kernelFunc: cpuSoftmaxCrossEntropy as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel(SCALE_BY_SCALAR, 'cpu')) {
    tf.registerKernel({ kernelName: SCALE_BY_SCALAR, backendName: 'cpu', kernelFunc: cpuScaleByScalar as unknown as tf.KernelFunc });
  }
  if (!tf.getGradient(SOFTMAX_CROSS_ENTROPY)) {
    tf.registerGradient({
      kernelName: SOFTMAX_CROSS_ENTROPY,
      outputsToSave: [false, true, false],
      // Only the loss carries a gradient; dy of the other outputs is ignored.
      gradFunc: (dy, saved) => ({ logits: () => scaleByScalar(saved[0], (dy as tf.Tensor[])[0]) }),
    });
  }
}
register();

/** Whether the active backend registers `SoftmaxCrossEntropyWithLogits`. */
export function hasSoftmaxCrossEntropyKernel(): boolean {
  return tf.getKernel(SOFTMAX_CROSS_ENTROPY, tf.getBackend()) !== undefined;
}

/**
 * The summed cross-entropy (differentiable with respect to the logits) and the number of correct
 * rows, by the kernel. Only where `hasSoftmaxCrossEntropyKernel()`; call inside `tf.tidy`.
 */
export function softmaxCrossEntropyWithLogits(logits: tf.Tensor2D, labels: tf.Tensor1D): { crossEntropy: tf.Scalar; correct: tf.Scalar } {
  const [crossEntropy, , correct] = tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY, { logits, labels }, {}) as tf.Tensor[];
  return { crossEntropy: crossEntropy as tf.Scalar, correct: correct as tf.Scalar };
}
