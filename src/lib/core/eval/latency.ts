/**
 * Latency summaries in milliseconds. Percentiles use linear interpolation between order
 * statistics, numpy's default (`np.percentile(x, q)`, method 'linear', type 7 of Hyndman & Fan):
 * on the ascending samples x[0…n−1], position h = (q / 100)·(n − 1), and the value is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]), computed the way numpy's `_lerp` does so results agree
 * to the last bit. With few samples p99 is therefore between the two largest samples, not the
 * maximum (nearest-rank would give the maximum).
 */

export interface LatencySummary {
  /** Number of samples. */
  n: number;
  /** Median, ms. */
  p50: number;
  /** 95th percentile, ms. */
  p95: number;
  /** 99th percentile, ms. */
  p99: number;
  /** Arithmetic mean, ms. */
  mean: number;
  /** Fastest sample, ms. */
  min: number;
  /** Slowest sample, ms. */
  max: number;
}

/** numpy's `_lerp`: a + (b − a)·t, computed from b for t ≥ 0.5 (monotone and exact at the ends). */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * The q-th percentile (q in [0, 100]) of samples already sorted ascending, by linear
 * interpolation (see the file comment). NaN for no samples.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`Percentile must be in [0, 100], got ${q}.`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (q / 100) * (n - 1);
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return lerp(sorted[lo], sorted[lo + 1], h - lo);
}

/**
 * p50, p95, p99, mean, min and max of latency samples in ms; null for no samples. Throws a
 * RangeError for a negative or non-finite sample (a clock bug, not a latency).
 */
export function percentiles(samplesMs: ArrayLike<number>): LatencySummary | null {
  const n = samplesMs.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(samplesMs);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i];
    if (!(v >= 0 && v < Infinity)) throw new RangeError(`Latency sample ${i} is ${v}, not a duration ≥ 0 ms.`);
    sum += v;
  }
  sorted.sort();
  return {
    n,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    mean: sum / n,
    min: sorted[0],
    max: sorted[n - 1],
  };
}

/**
 * Throughput in items per second: `count` items processed in `elapsedMs` milliseconds of wall
 * time. Null when the elapsed time is 0 or less (a coarse browser clock can report 0 ms for
 * a fast batch); throws a RangeError for a negative or non-finite count.
 */
export function throughput(count: number, elapsedMs: number): number | null {
  if (!(count >= 0 && count < Infinity)) throw new RangeError(`Item count must be ≥ 0, got ${count}.`);
  if (!(elapsedMs > 0 && elapsedMs < Infinity)) return null;
  return (count * 1000) / elapsedMs;
}

/** Single predictions are timed in blocks of this many; the stop rule looks after each block. */
export const LATENCY_BLOCK = 50;
/** Never fewer than this many: below it p99 rests on one or two calls. */
export const LATENCY_MIN_SAMPLES = 100;
/** p50 and p99 each within this fraction of their value one block earlier: the sample has settled. */
export const LATENCY_SETTLED = 0.1;

/**
 * Whether timing more single predictions would still change the reported figures: false until
 * `LATENCY_MIN_SAMPLES` are in, then true once neither p50 nor p99 moved by more than
 * `LATENCY_SETTLED` (relative) over the last `LATENCY_BLOCK` samples. A steady predictor stops
 * early; a noisy one (a GC pause in the last block) keeps going up to the caller's cap.
 */
export function latencySettled(samplesMs: readonly number[]): boolean {
  const n = samplesMs.length;
  if (n < LATENCY_MIN_SAMPLES) return false;
  const before = percentiles(samplesMs.slice(0, n - LATENCY_BLOCK))!;
  const after = percentiles(samplesMs)!;
  const near = (a: number, b: number) => Math.abs(b - a) <= LATENCY_SETTLED * Math.abs(a);
  return near(before.p50, after.p50) && near(before.p99, after.p99);
}
