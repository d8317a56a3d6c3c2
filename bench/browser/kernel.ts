/**
 * The sparse kernel `CsrMatMul` on each TF.js backend in Chromium (bench/browser/kernelTask.ts):
 *   kernel.csr.webgl.max_error — `checkCsrKernel()` on WebGL: the largest difference of the product
 *     from dense TF.js, in millionths (goal < 10, i.e. 1e-5); the gradient's in `env`;
 *   kernel.csr.cpu.ms, kernel.csr.webgl.ms — one A·W over 10k tickets' TF-IDF rows (× 3 units),
 *     read back; `env.transposedMs` is the gradient's Aᵀ·dy on the same data.
 */
import { defineBenchmark, type FigureInput } from '../types';
import { median, round, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { KernelBenchResult } from './pageApi';

const ROWS = 10_000;

export default defineBenchmark({
  id: 'kernel.csr.webgl.max_error',
  figures: ['kernel.csr.cpu.ms', 'kernel.csr.webgl.ms'],
  where: 'browser',
  description: 'CsrMatMul checked against dense TF.js on WebGL, and one product over 10k TF-IDF rows timed on CPU and WebGL',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'kernel');
    try {
      const repetitions = ctx.pick(5, 15);
      const figures: FigureInput[] = [];
      for (const backend of ['cpu', 'webgl'] as const) {
        const r = (await bench.page.evaluate(`window.__bench.kernel(${JSON.stringify(backend)}, ${ROWS}, ${repetitions})`)) as KernelBenchResult;
        const value = round(median(r.productMs));
        ctx.log(`kernel.csr.${backend}: check ${r.check.ok ? 'ok' : 'FAILED'} (product error ${r.check.productError}, gradient ${r.check.gradientError}); A·W ${value} ms, Aᵀ·dy ${round(median(r.transposedMs))} ms`);
        const env = {
          ...bench.env,
          backend: r.backend,
          rows: r.rows,
          cols: r.cols,
          nnz: r.nnz,
          units: r.units,
          check: r.check,
          transposedMs: round(median(r.transposedMs)),
          tensorsLeaked: r.tensorsLeaked,
          repetitions,
          note: 'one CsrMatMul A·W (data() read back) after one untimed warm-up; the matrix is the TF-IDF of 10k seeded tickets (seed "bench-train", min_df 2, sublinear tf)',
        };
        figures.push({ id: `kernel.csr.${backend}.ms`, value, unit: 'ms', better: 'lower', env: { ...env, stats: summarize(r.productMs) } });
        if (backend === 'webgl') {
          figures.unshift({
            id: 'kernel.csr.webgl.max_error',
            // In millionths: the harness rounds values to 3 decimals, which would show 2e-7 as 0.
            value: r.check.productError * 1e6,
            unit: '1e-6 abs',
            better: 'lower',
            env: { ...env, productError: r.check.productError, gradientError: r.check.gradientError, ok: r.check.ok, note: 'checkCsrKernel(): 96 × 257 seeded matrix at ≈ 5 % density, 3 units, against tf.matMul on the same backend' },
          });
        }
      }
      return figures;
    } finally {
      await bench.close();
    }
  },
});
