// The WebGL kernel's pure parts (Node has no WebGL: the shader itself runs in Chromium, through
// the bench's kernel.csr figures and the System page's kernel check).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CSR_MATMUL } from '$lib/core/models/sparseKernels';
import { CsrMatMulProgram, exactIntegerLimit, webglCsrRefusal } from '$lib/workers/sparseKernelsWebgl';

describe('the WebGL CsrMatMul kernel', () => {
  it('is registered for the webgl backend under the contract name on import', () => {
    expect(tf.getKernel(CSR_MATMUL, 'webgl')).toBeDefined();
  });

  it('refuses indices a float texture cannot hold exactly, with a clear reason', () => {
    expect(webglCsrRefusal(2 ** 24 - 1, 20_000, true)).toBeNull();
    expect(webglCsrRefusal(2 ** 24, 20_000, true)).toMatch(/16777216 stored values is too many .*float32.*fewer rows/);
    expect(webglCsrRefusal(10, 2 ** 24 + 1, true)).toMatch(/16777217 columns is too many/);
    expect(webglCsrRefusal(2048, 100, false)).toMatch(/half-float/);
    expect(webglCsrRefusal(2047, 2048, false)).toBeNull();
    expect(exactIntegerLimit(true)).toBe(16_777_216);
  });

  it('loops over a row with a dynamic bound on WebGL2 and a constant one with a break on WebGL1', () => {
    const webgl2 = new CsrMatMulProgram(5, 3, 2, exactIntegerLimit(true));
    expect(webgl2.outputShape).toEqual([5, 3]);
    expect(webgl2.variableNames).toEqual(['indptr', 'indices', 'values', 'b']);
    expect(webgl2.userCode).toContain('for (int p = start; p < end; p++)');
    const webgl1 = new CsrMatMulProgram(5, 3, 1, exactIntegerLimit(true));
    expect(webgl1.userCode).toContain('for (int i = 0; i < 16777216; i++) { int p = start + i; if (p >= end) break;');
    // The same code for every shape of data, so the compiled shader is reused.
    expect(new CsrMatMulProgram(7, 3, 1, exactIntegerLimit(true)).userCode).toBe(webgl1.userCode);
  });
});
