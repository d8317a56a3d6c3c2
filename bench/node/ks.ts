/**
 * ks.1m.ms — two-sample Kolmogorov–Smirnov test (statistic and scipy-matching p-value) of 1M
 * against 1M values, as the drift report runs it on a large monitoring window. The headline
 * figure is the slowest realistic case: a small shift (0.01 sd), whose p-value falls in the
 * range where scipy's asymptotic p-value sums the O(n) Smirnov series (2.2 ≤ N·D² < 370,
 * N = 500000). No shift and a large shift (fast p-value paths) are in env. Sample generation is
 * outside the timing; the test's copies and sorts are inside.
 */
import { ksTwoSample } from '$lib/core/drift/ks';
import { createRng } from '$lib/core/random';
import { defineBenchmark } from '../types';
import { median, round, summarize, timeRuns } from '../stats';

const N = 1_000_000;

/** Roughly normal values (sum of 12 uniforms − 6), shifted. */
function sample(seed: string, shift: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rng();
    out[i] = s - 6 + shift;
  }
  return out;
}

export default defineBenchmark({
  id: 'ks.1m.ms',
  where: 'node',
  description: 'Two-sample KS test (scipy-matching p-value) of 1M vs 1M values, small shift (O(n) p-value path)',
  async run(ctx) {
    const reference = sample('ks-bench-ref', 0);
    const cases = { noShift: sample('ks-bench-cur-0', 0), smallShift: sample('ks-bench-cur-1', 0.01), largeShift: sample('ks-bench-cur-2', 0.2) };
    const repetitions = ctx.pick(3, 7);
    const results: Record<string, { medianMs: number; statistic: number; pValue: number; method: string; samples: number[] }> = {};
    for (const [name, current] of Object.entries(cases)) {
      let result = ksTwoSample(reference, current);
      const samples = await timeRuns(
        () => {
          result = ksTwoSample(reference, current);
        },
        { warmup: 1, repetitions },
      );
      results[name] = { medianMs: round(median(samples)), statistic: result.statistic, pValue: result.pValue, method: result.method, samples };
    }
    const headline = results.smallShift;
    ctx.log(`ks.1m: ${Object.entries(results).map(([k, r]) => `${k} ${r.medianMs} ms (p = ${r.pValue.toExponential(3)})`).join(', ')}`);
    return [
      {
        id: 'ks.1m.ms',
        value: headline.medianMs,
        unit: 'ms',
        better: 'lower',
        env: {
          sizes: [N, N],
          shift: '0.01 sd',
          statistic: headline.statistic,
          pValue: headline.pValue,
          method: headline.method,
          repetitions,
          stats: summarize(headline.samples),
          noShift: { ms: results.noShift.medianMs, statistic: results.noShift.statistic, pValue: results.noShift.pValue },
          largeShift: { ms: results.largeShift.medianMs, statistic: results.largeShift.statistic, pValue: results.largeShift.pValue },
        },
      },
    ];
  },
});
