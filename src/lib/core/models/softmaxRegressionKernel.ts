/**
 * The loss and gradient of a softmax regression on sparse rows as ONE TF.js kernel, for the
 * full-batch solver on the CPU backend. Composed of kernels (CSR product, bias add, fused
 * cross-entropy, column sums, the scatter back), an evaluation cost five kernel calls, their
 * tensors and the tape per chunk: at 10k tickets (≈ 140k stored values) that overhead was most of
 * each ≈ 7 ms iteration. Here each row's entries are read once while in cache: logits, softmax,
 * loss, then the row's gradient scattered into float64 sums.
 *
 * Kernel `SoftmaxRegressionLossGrad` (name in `SOFTMAX_REGRESSION_LOSS_GRAD`): inputs
 *   indptr  int32   [rows + 1]   indices int32 [nnz]   values float32 [nnz]   (CSR rows, as CsrMatMul)
 *   labels  int32   [rows]       each in 0 … classes − 1, or −1 for a padding row; any other value
 *                                throws, naming the row
 *   kernel  float32 [cols, classes]   bias float32 [classes]
 * attribute `gradients` (boolean; false skips the scatter: evaluation only); outputs
 *   sums    float32 [2]               Σ −log softmax(xW + b)[label], and the rows whose arg-max
 *                                     (the first on ties) is the label
 *   dKernel float32 [cols, classes]   Σ xᵀ(softmax − onehot)   (zeros without `gradients`)
 *   dBias   float32 [classes]         Σ (softmax − onehot)
 * Sums, not means (the caller divides by all rows of all chunks). Registered for 'cpu' only;
 * other backends train through the composed kernels (fullBatch.ts chooses).
 */
import * as tf from '@tensorflow/tfjs';

export const SOFTMAX_REGRESSION_LOSS_GRAD = 'SoftmaxRegressionLossGrad';

interface KernelBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

export interface SoftmaxRegressionSums {
  loss: number;
  correct: number;
}

/** Float64 sums of the gradient, kept between calls: the solver asks for the same size every pass. */
let gradientSums = new Float64Array(0);

/**
 * The kernel's arithmetic on plain arrays: returns the loss and correct count, and (when `dKernel`
 * is given) writes the gradient sums, rounded once, into `dKernel` [cols × classes] and `dBias`.
 */
export function softmaxRegressionSums(
  rows: number,
  indptr: ArrayLike<number>,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  kernel: ArrayLike<number>,
  bias: ArrayLike<number>,
  classes: number,
  dKernel: Float32Array | null = null,
  dBias: Float32Array | null = null,
): SoftmaxRegressionSums {
  const size = kernel.length;
  const gradients = dKernel !== null;
  if (gradients) {
    if (gradientSums.length < size + classes) gradientSums = new Float64Array(size + classes);
    gradientSums.fill(0, 0, size + classes);
  }
  const g = gradientSums;
  const sums = classes === 3
    ? threeClassSums(rows, indptr, indices, values, labels, kernel, bias, gradients ? g : null)
    : anyClassSums(rows, indptr, indices, values, labels, kernel, bias, classes, gradients ? g : null);
  if (dKernel && dBias) {
    for (let i = 0; i < size; i++) dKernel[i] = g[i];
    for (let k = 0; k < classes; k++) dBias[k] = g[size + k];
  }
  return sums;
}

function badLabel(label: number, row: number, classes: number): Error {
  return new Error(`${SOFTMAX_REGRESSION_LOSS_GRAD}: label ${label} at row ${row} is outside 0…${classes - 1} (−1 marks a padding row).`);
}

/** Any number of classes; the gradient (when `g`) added into g[0 … size) and the bias part after it. */
function anyClassSums(
  rows: number, indptr: ArrayLike<number>, indices: ArrayLike<number>, values: ArrayLike<number>, labels: ArrayLike<number>,
  kernel: ArrayLike<number>, bias: ArrayLike<number>, classes: number, g: Float64Array | null,
): SoftmaxRegressionSums {
  const size = kernel.length;
  const z = new Float64Array(classes);
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (label === -1) continue;
    if (!(label >= 0 && label < classes)) throw badLabel(label, r, classes);
    const start = indptr[r];
    const end = indptr[r + 1];
    for (let k = 0; k < classes; k++) z[k] = bias[k];
    for (let p = start; p < end; p++) {
      const v = values[p];
      const at = indices[p] * classes;
      for (let k = 0; k < classes; k++) z[k] += v * kernel[at + k];
    }
    let max = z[0];
    let best = 0;
    for (let k = 1; k < classes; k++) {
      if (z[k] > max) {
        max = z[k];
        best = k;
      }
    }
    const shiftedLabel = z[label] - max;
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    loss += Math.log(sum) - shiftedLabel;
    if (best === label) correct++;
    if (!g) continue;
    // z becomes the row's gradient softmax − onehot, scattered by the row's entries.
    for (let k = 0; k < classes; k++) z[k] /= sum;
    z[label] -= 1;
    for (let k = 0; k < classes; k++) g[size + k] += z[k];
    for (let p = start; p < end; p++) {
      const v = values[p];
      const at = indices[p] * classes;
      for (let k = 0; k < classes; k++) g[at + k] += v * z[k];
    }
  }
  return { loss, correct };
}

/**
 * The same sums for three classes with scalar accumulators: about twice as fast as the loops over
 * a class array (the sample and many ticket projects have three classes).
 */
function threeClassSums(
  rows: number, indptr: ArrayLike<number>, indices: ArrayLike<number>, values: ArrayLike<number>, labels: ArrayLike<number>,
  kernel: ArrayLike<number>, bias: ArrayLike<number>, g: Float64Array | null,
): SoftmaxRegressionSums {
  const size = kernel.length;
  const b0 = bias[0];
  const b1 = bias[1];
  const b2 = bias[2];
  let loss = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const label = labels[r];
    if (label === -1) continue;
    if (!(label >= 0 && label < 3)) throw badLabel(label, r, 3);
    const start = indptr[r];
    const end = indptr[r + 1];
    let z0 = b0;
    let z1 = b1;
    let z2 = b2;
    for (let p = start; p < end; p++) {
      const v = values[p];
      const at = indices[p] * 3;
      z0 += v * kernel[at];
      z1 += v * kernel[at + 1];
      z2 += v * kernel[at + 2];
    }
    let max = z0;
    let best = 0;
    if (z1 > max) {
      max = z1;
      best = 1;
    }
    if (z2 > max) {
      max = z2;
      best = 2;
    }
    const e0 = Math.exp(z0 - max);
    const e1 = Math.exp(z1 - max);
    const e2 = Math.exp(z2 - max);
    const sum = e0 + e1 + e2;
    loss += Math.log(sum) - ((label === 0 ? z0 : label === 1 ? z1 : z2) - max);
    if (best === label) correct++;
    if (!g) continue;
    const d0 = e0 / sum - (label === 0 ? 1 : 0);
    const d1 = e1 / sum - (label === 1 ? 1 : 0);
    const d2 = e2 / sum - (label === 2 ? 1 : 0);
    g[size] += d0;
    g[size + 1] += d1;
    g[size + 2] += d2;
    for (let p = start; p < end; p++) {
      const v = values[p];
      const at = indices[p] * 3;
      g[at] += v * d0;
      g[at + 1] += v * d1;
      g[at + 2] += v * d2;
    }
  }
  return { loss, correct };
}

type KernelInputs = Record<'indptr' | 'indices' | 'values' | 'labels' | 'kernel' | 'bias', tf.TensorInfo>;

function cpuSoftmaxRegressionLossGrad({ inputs, backend, attrs }: { inputs: KernelInputs; backend: unknown; attrs: { gradients: boolean } }): tf.TensorInfo[] {
  const { indptr, labels, kernel, bias } = inputs;
  const rows = indptr.shape[0] - 1;
  const [cols, classes] = kernel.shape;
  if (kernel.shape.length !== 2 || bias.shape.length !== 1 || bias.shape[0] !== classes || labels.shape[0] !== rows) {
    throw new Error(
      `${SOFTMAX_REGRESSION_LOSS_GRAD}: expected labels [rows], kernel [cols, classes] and bias [classes]; got ${rows} rows, labels [${labels.shape}], kernel [${kernel.shape}], bias [${bias.shape}].`,
    );
  }
  const cpu = backend as KernelBackend;
  const read = (t: tf.TensorInfo) => cpu.readSync(t.dataId) as Float32Array | Int32Array;
  const dKernel = new Float32Array(cols * classes);
  const dBias = new Float32Array(classes);
  const sums = softmaxRegressionSums(
    rows, read(indptr), read(inputs.indices), read(inputs.values), read(labels), read(kernel), read(bias), classes,
    attrs.gradients ? dKernel : null, attrs.gradients ? dBias : null,
  );
  return [
    cpu.makeTensorInfo([2], 'float32', Float32Array.of(sums.loss, sums.correct)),
    cpu.makeTensorInfo([cols, classes], 'float32', dKernel),
    cpu.makeTensorInfo([classes], 'float32', dBias),
  ];
}

if (!tf.getKernel(SOFTMAX_REGRESSION_LOSS_GRAD, 'cpu')) {
  tf.registerKernel({ kernelName: SOFTMAX_REGRESSION_LOSS_GRAD, backendName: 'cpu', kernelFunc: cpuSoftmaxRegressionLossGrad as unknown as tf.KernelFunc });
}

/** Whether the active backend registers `SoftmaxRegressionLossGrad`. */
export function hasSoftmaxRegressionKernel(): boolean {
  return tf.getKernel(SOFTMAX_REGRESSION_LOSS_GRAD, tf.getBackend()) !== undefined;
}

/** The kernel's inputs that stay the same across evaluations: one chunk of rows and its labels. */
export interface SoftmaxRegressionRows {
  indptr: tf.Tensor1D;
  indices: tf.Tensor1D;
  values: tf.Tensor1D;
  labels: tf.Tensor1D;
}

/**
 * One kernel call: the summed loss and correct count of `rows` under `kernel` and `bias`, plus
 * the summed gradients when `gradients`. The caller disposes the returned tensors.
 */
export function softmaxRegressionLossGrad(
  rows: SoftmaxRegressionRows,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  gradients: boolean,
): { sums: tf.Tensor1D; dKernel: tf.Tensor2D; dBias: tf.Tensor1D } {
  const [sums, dKernel, dBias] = tf.engine().runKernel(SOFTMAX_REGRESSION_LOSS_GRAD, { ...rows, kernel, bias }, { gradients }) as tf.Tensor[];
  return { sums: sums as tf.Tensor1D, dKernel: dKernel as tf.Tensor2D, dBias: dBias as tf.Tensor1D };
}
