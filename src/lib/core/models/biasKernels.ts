/**
 * A bias added to every row, and its gradient, as TF.js kernels for the CPU backend, whose
 * broadcasting add computes every element's position with allocations (the [rows, 1] × [1, units]
 * product used instead still cost a product and an add per pass, and another product back).
 *
 * Kernel `AddRowVector` (name in `ADD_ROW_VECTOR`): inputs
 *   x float32 [rows, units], v float32 [units]
 * no attributes; output float32 [rows, units]: x[r, u] + v[u].
 * Kernel `ColumnSums` (name in `COLUMN_SUMS`): input x float32 [rows, units]; output float32
 * [units]: Σ_r x[r, u], accumulated in float64.
 * Both registered for 'cpu'. The gradient of `AddRowVector` is dy for x and `ColumnSums(dy)` for v.
 * Other backends (WebGL broadcasts in a shader) use TF.js ops: `addRowVector` chooses.
 */
import * as tf from '@tensorflow/tfjs';

export const ADD_ROW_VECTOR = 'AddRowVector';
export const COLUMN_SUMS = 'ColumnSums';

interface KernelBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

function checkMatrix(x: tf.TensorInfo, kernel: string): void {
  if (x.shape.length !== 2) throw new Error(`${kernel}: expected a matrix [rows, units]; got [${x.shape}].`);
}

function cpuAddRowVector({ inputs, backend }: { inputs: Record<'x' | 'v', tf.TensorInfo>; backend: unknown }): tf.TensorInfo {
  const { x, v } = inputs;
  checkMatrix(x, ADD_ROW_VECTOR);
  const [rows, units] = x.shape;
  if (v.shape.length !== 1 || v.shape[0] !== units) throw new Error(`${ADD_ROW_VECTOR}: the vector has shape [${v.shape}], the rows ${units} units.`);
  const cpu = backend as KernelBackend;
  const xs = cpu.readSync(x.dataId) as Float32Array;
  const vs = cpu.readSync(v.dataId) as Float32Array;
  const out = new Float32Array(rows * units);
  for (let r = 0, at = 0; r < rows; r++) for (let u = 0; u < units; u++, at++) out[at] = xs[at] + vs[u];
  return cpu.makeTensorInfo([rows, units], 'float32', out);
}

function cpuColumnSums({ inputs, backend }: { inputs: Record<'x', tf.TensorInfo>; backend: unknown }): tf.TensorInfo {
  const { x } = inputs;
  checkMatrix(x, COLUMN_SUMS);
  const [rows, units] = x.shape;
  const cpu = backend as KernelBackend;
  const xs = cpu.readSync(x.dataId) as Float32Array;
  const sums = new Float64Array(units);
  for (let r = 0, at = 0; r < rows; r++) for (let u = 0; u < units; u++, at++) sums[u] += xs[at];
  return cpu.makeTensorInfo([units], 'float32', Float32Array.from(sums));
}

function register(): void {
  if (!tf.getKernel(ADD_ROW_VECTOR, 'cpu')) {
    tf.registerKernel({ kernelName: ADD_ROW_VECTOR, backendName: 'cpu', kernelFunc: cpuAddRowVector as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel(COLUMN_SUMS, 'cpu')) {
    tf.registerKernel({ kernelName: COLUMN_SUMS, backendName: 'cpu', kernelFunc: cpuColumnSums as unknown as tf.KernelFunc });
  }
  if (!tf.getGradient(ADD_ROW_VECTOR)) {
    tf.registerGradient({
      kernelName: ADD_ROW_VECTOR,
      gradFunc: (dy) => ({ x: () => dy as tf.Tensor, v: () => tf.engine().runKernel(COLUMN_SUMS, { x: dy as tf.Tensor }, {}) as tf.Tensor }),
    });
  }
}
register();

/** Whether the active backend registers both kernels. */
export function hasBiasKernels(): boolean {
  const backend = tf.getBackend();
  return tf.getKernel(ADD_ROW_VECTOR, backend) !== undefined && tf.getKernel(COLUMN_SUMS, backend) !== undefined;
}

/**
 * Each row of `z` [rows, units] plus the vector `v` [units], differentiable in both. Without the
 * kernels: z + 1·vᵀ, a [rows, 1] × [1, units] product and a same-shape add (no broadcasting op).
 */
export function addRowVector(z: tf.Tensor2D, v: tf.Tensor): tf.Tensor2D {
  const [rows, units] = z.shape;
  if (hasBiasKernels()) return tf.engine().runKernel(ADD_ROW_VECTOR, { x: z, v: v.rank === 1 ? v : tf.reshape(v, [units]) }, {}) as tf.Tensor2D;
  return tf.add(z, tf.matMul(tf.ones([rows, 1]), tf.reshape(v, [1, units])));
}
