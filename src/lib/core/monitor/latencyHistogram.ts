/**
 * A fixed log-spaced latency histogram, the part of a monitoring bucket that answers "what was
 * p99?" without keeping the samples.
 *
 * Bins, in milliseconds (the same for every bucket ever stored, so counts add):
 * - bin 0: the underflow bin [0, 0.05 ms);
 * - bins 1…80: [E[i−1], E[i]) with E[i] = 0.05 ms · R^i, i = 0…80, where R = (2·10⁵)^(1/80)
 *   ≈ 1.16494, so E[0] = 0.05 ms and E[80] = 10 000 ms (10 s) exactly; each bin is 16.5 %
 *   wide (about 15 bins per decade);
 * - bin 81: the overflow bin [10 s, ∞).
 * That is 82 counts. Eighty bins rather than forty: at ~40 bins each is 36 % wide, so a p99
 * estimate near a 200 ms target could be anything from 150 to 270 ms; at 80 the worst case is
 * 16.5 % and typical errors are a few percent, for about 200 bytes more per stored bucket.
 *
 * Percentile estimate (see {@link estimatePercentile}): the same definition as the exact
 * `percentileOfSorted` in eval/latency.ts (linear interpolation between order statistics,
 * numpy's default), with each of the two order statistics it needs replaced by an estimate
 * inside its bin: the bin is narrowed to [max(lower edge, min), min(upper edge, max)] using
 * the exact minimum and maximum the bucket keeps, and the k-th of the bin's c samples is placed
 * at fraction (k + ½)/c of the way through it, geometrically (linearly in the underflow bin).
 * The smallest and largest order statistics are the exact min and max, so p0 and p100 are
 * exact and one sample gives its own value at every percentile.
 *
 * Error bound: an order statistic and its estimate lie in the same narrowed bin, whose edges
 * differ by a factor ≤ R, so each is within (R − 1)·x of the true value x; the percentile is a
 * convex combination of two of them, so
 *     |estimate − exact| ≤ (R − 1)·exact + 0.05 ms      (R − 1 ≈ 0.165)
 * whenever every sample is below 10 s (the 0.05 ms covers the underflow bin). Samples of 10 s or
 * more share one bin, where the error is bounded only by the bucket's max.
 */

/** Lowest finite bin edge, ms. */
export const LATENCY_MIN_EDGE_MS = 0.05;
/** Highest finite bin edge, ms. */
export const LATENCY_MAX_EDGE_MS = 10_000;
/** Number of log-spaced bins between the two edges. */
export const LATENCY_LOG_BINS = 80;
/** Counts per histogram: underflow + log-spaced bins + overflow. */
export const LATENCY_BIN_COUNT = LATENCY_LOG_BINS + 2;
/** Ratio between consecutive edges, ≈ 1.16494. */
export const LATENCY_BIN_RATIO = Math.pow(LATENCY_MAX_EDGE_MS / LATENCY_MIN_EDGE_MS, 1 / LATENCY_LOG_BINS);
/** Relative part of the documented error bound, R − 1 ≈ 0.165. */
export const LATENCY_RELATIVE_ERROR = LATENCY_BIN_RATIO - 1;
/** Absolute part of the documented error bound, ms (the underflow bin). */
export const LATENCY_ABSOLUTE_ERROR_MS = LATENCY_MIN_EDGE_MS;

/** The 81 finite edges E[0…80] in ms, ascending; E[0] and E[80] exact. */
export const LATENCY_EDGES_MS: readonly number[] = Object.freeze(
  Array.from({ length: LATENCY_LOG_BINS + 1 }, (_, i) =>
    i === 0 ? LATENCY_MIN_EDGE_MS : i === LATENCY_LOG_BINS ? LATENCY_MAX_EDGE_MS : LATENCY_MIN_EDGE_MS * Math.pow(LATENCY_BIN_RATIO, i),
  ),
);

const LOG_RATIO = Math.log(LATENCY_BIN_RATIO);

/** Lower edge of bin `bin` in ms (0 for the underflow bin). */
export function binLowerMs(bin: number): number {
  return bin === 0 ? 0 : LATENCY_EDGES_MS[bin - 1];
}

/** Upper edge of bin `bin` in ms (Infinity for the overflow bin). */
export function binUpperMs(bin: number): number {
  return bin === LATENCY_BIN_COUNT - 1 ? Infinity : LATENCY_EDGES_MS[bin];
}

/** The bin of a latency in ms, 0…81. Throws a RangeError for a negative or non-finite value. */
export function latencyBin(ms: number): number {
  if (!(ms >= 0 && ms < Infinity)) throw new RangeError(`Latency ${ms} is not a duration ≥ 0 ms.`);
  if (ms < LATENCY_MIN_EDGE_MS) return 0;
  if (ms >= LATENCY_MAX_EDGE_MS) return LATENCY_BIN_COUNT - 1;
  // The logarithm finds the bin to within one; the edge table decides, so binning agrees with
  // the edges exactly.
  let i = Math.min(LATENCY_LOG_BINS - 1, Math.max(0, Math.floor(Math.log(ms / LATENCY_MIN_EDGE_MS) / LOG_RATIO)));
  while (i > 0 && ms < LATENCY_EDGES_MS[i]) i--;
  while (i < LATENCY_LOG_BINS - 1 && ms >= LATENCY_EDGES_MS[i + 1]) i++;
  return i + 1;
}

/** What a percentile estimate needs from a bucket. */
export interface LatencyHistogram {
  /** {@link LATENCY_BIN_COUNT} counts. */
  counts: readonly number[];
  /** Exact fastest sample, ms; null when empty. */
  minMs: number | null;
  /** Exact slowest sample, ms; null when empty. */
  maxMs: number | null;
}

/** numpy's `_lerp`, as in eval/latency.ts. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Estimate of the k-th smallest of n samples (0-based), see the file comment. */
function orderStatistic(h: LatencyHistogram, n: number, k: number, minMs: number, maxMs: number): number {
  if (k <= 0) return minMs;
  if (k >= n - 1) return maxMs;
  let before = 0;
  let bin = 0;
  while (before + h.counts[bin] <= k) before += h.counts[bin++];
  const c = h.counts[bin];
  const lo = Math.max(binLowerMs(bin), minMs);
  const hi = Math.min(binUpperMs(bin), maxMs);
  const f = (k - before + 0.5) / c;
  const value = bin === 0 || lo <= 0 ? lo + (hi - lo) * f : lo * Math.pow(hi / lo, f);
  return Math.min(hi, Math.max(lo, value));
}

/**
 * The q-th percentile (q in [0, 100]) in ms estimated from the histogram, within the bound in
 * the file comment; null for an empty histogram.
 */
export function estimatePercentile(h: LatencyHistogram, q: number): number | null {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`Percentile must be in [0, 100], got ${q}.`);
  let n = 0;
  for (const c of h.counts) n += c;
  if (n === 0 || h.minMs === null || h.maxMs === null) return null;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const a = orderStatistic(h, n, lo, h.minMs, h.maxMs);
  if (lo >= n - 1) return a;
  const b = orderStatistic(h, n, lo + 1, h.minMs, h.maxMs);
  return lerp(a, b, pos - lo);
}
