/**
 * The 'webgl' kernel of `CsrMatMul` (contract in core/models/sparseKernels.ts): a shader program
 * where each output cell (r, u) sums values[p] · b[indices[p], u] over its row's stored entries
 * p = indptr[r] … indptr[r+1] − 1. Registered once on import; the compute worker and the bench
 * page import this module for its side effect (core cannot: it does not import the WebGL backend).
 *
 * TF.js keeps int32 tensors in float textures on WebGL, so indptr and indices are exact only
 * below 2^24 (2^11 where the device only has half-float textures). Both limits follow from the
 * shapes (indptr ≤ nnz, indices < b's rows), so larger inputs are refused before anything runs;
 * the trainer multiplies in row chunks that stay below them.
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { CSR_MATMUL } from '$lib/core/models/sparseKernels';

/** Largest integer a WebGL texture holds exactly: float32 (24-bit mantissa) or half float (11). */
export function exactIntegerLimit(float32Textures: boolean): number {
  return float32Textures ? 2 ** 24 : 2 ** 11;
}

/** Why `CsrMatMul` cannot run exactly on WebGL for these shapes, or null when it can. */
export function webglCsrRefusal(nnz: number, bRows: number, float32Textures: boolean): string | null {
  const limit = exactIntegerLimit(float32Textures);
  const what = float32Textures ? 'float32' : 'half-float';
  if (nnz >= limit) return `CsrMatMul on WebGL: ${nnz} stored values is too many for exact indices in ${what} textures (limit ${limit - 1}); multiply fewer rows at a time.`;
  if (bRows > limit) return `CsrMatMul on WebGL: ${bRows} columns is too many for exact indices in ${what} textures (limit ${limit}).`;
  return null;
}

/** The shader: one output cell per fragment, a loop over its row's stored entries. */
export class CsrMatMulProgram implements GPGPUProgram {
  variableNames = ['indptr', 'indices', 'values', 'b'];
  outputShape: number[];
  userCode: string;

  constructor(rows: number, units: number, webglVersion: number, maxRowLength: number) {
    this.outputShape = [rows, units];
    // WebGL1 shaders need a constant loop bound: one no row can reach, with a break at the row's end
    // (a constant rather than this call's nnz, so the compiled shader is reused across calls).
    const loopHead = webglVersion === 2
      ? 'for (int p = start; p < end; p++) {'
      : `for (int i = 0; i < ${maxRowLength}; i++) { int p = start + i; if (p >= end) break;`;
    this.userCode = `
      void main() {
        ivec2 rc = getOutputCoords();
        int start = int(getIndptr(rc.x) + 0.5);
        int end = int(getIndptr(rc.x + 1) + 0.5);
        float sum = 0.0;
        ${loopHead}
          int column = int(getIndices(p) + 0.5);
          sum += getValues(p) * getB(column, rc.y);
        }
        setOutput(sum);
      }
    `;
  }
}

type KernelInputs = Record<'indptr' | 'indices' | 'values' | 'b', tf.TensorInfo>;

function webglCsrMatMul({ inputs, backend }: { inputs: KernelInputs; backend: unknown }): tf.TensorInfo {
  const { indptr, indices, values, b } = inputs;
  const webgl = backend as MathBackendWebGL;
  const float32Textures = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  const refusal = webglCsrRefusal(indices.shape[0], b.shape[0], float32Textures);
  if (refusal) throw new Error(refusal);
  const rows = indptr.shape[0] - 1;
  const units = b.shape[1];
  // No stored values (or no rows): all zeros, without empty textures.
  if (indices.shape[0] === 0 || rows === 0 || units === 0) return webgl.makeTensorInfo([rows, units], 'float32', new Float32Array(rows * units));
  const program = new CsrMatMulProgram(rows, units, tf.env().getNumber('WEBGL_VERSION'), exactIntegerLimit(float32Textures));
  return webgl.runWebGLProgram(program, [indptr, indices, values, b], 'float32');
}

if (!tf.getKernel(CSR_MATMUL, 'webgl')) {
  tf.registerKernel({ kernelName: CSR_MATMUL, backendName: 'webgl', kernelFunc: webglCsrMatMul as unknown as tf.KernelFunc });
}
