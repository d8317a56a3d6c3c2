/**
 * Statistics over timing samples. Percentiles interpolate linearly between closest ranks
 * (the common "type 7" definition), so p50 equals the median; with few samples p95/p99 sit
 * close to the maximum — read them as "the slow end", not as precise tails.
 */

import { percentileOfSorted } from '$lib/core/eval/latency';

/** The p-th percentile (0 ≤ p ≤ 100) of the samples (the app's own definition, eval/latency.ts). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  return percentileOfSorted([...samples].sort((a, b) => a - b), p);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('mean of no samples');
  return samples.reduce((s, x) => s + x, 0) / samples.length;
}

/** Sample standard deviation (n − 1); 0 for a single sample. */
export function stdev(samples: readonly number[]): number {
  if (samples.length < 2) return 0;
  const m = mean(samples);
  return Math.sqrt(samples.reduce((s, x) => s + (x - m) ** 2, 0) / (samples.length - 1));
}

export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  stdev: number;
  median: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Rounds to `digits` decimals (timings to the microsecond by default). */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Summary statistics, rounded, for a figure's `env.stats`. */
export function summarize(samples: readonly number[], digits = 3): Summary {
  const r = (x: number) => round(x, digits);
  return {
    n: samples.length,
    min: r(Math.min(...samples)),
    max: r(Math.max(...samples)),
    mean: r(mean(samples)),
    stdev: r(stdev(samples)),
    median: r(median(samples)),
    p50: r(percentile(samples, 50)),
    p95: r(percentile(samples, 95)),
    p99: r(percentile(samples, 99)),
  };
}

/**
 * Runs `fn` `warmup` times unmeasured, then `repetitions` times measured (wall clock,
 * `performance.now()`), and returns the measured durations in milliseconds.
 */
export async function timeRuns(
  fn: () => unknown,
  options: { warmup: number; repetitions: number },
): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.repetitions; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
