/**
 * Evidently's binning for the distance tests (`get_binned_data` in stattests/utils.py), which PSI
 * and Jensen–Shannon compare, and which the report's histograms show:
 * - numeric column whose *reference* has more than 20 distinct values: equal-width bins over the
 *   pooled data, `np.histogram_bin_edges(reference + current, bins='sturges')` — the range
 *   [min, max] of both samples cut into ⌈range / (range / (log₂(n_ref + n_cur) + 1))⌉ bins
 *   (one bin of [v − 0.5, v + 0.5] when all values are equal), edges i·step + min with the last
 *   edge exactly max; each bin is [eᵢ, eᵢ₊₁), the last one closed (`np.histogram`). Shares are
 *   counts / sample size;
 * - otherwise (categorical, or few distinct numbers): one bin per value of either sample, shares
 *   value count / sample size;
 * - with `fillZeroes` (PSI; not Jensen–Shannon) a zero share becomes 0.0001, or a millionth of the
 *   smallest non-zero share of that sample when that is ≤ 0.0001 — separately per sample.
 */
import { countUniqueSorted, sortKeys, valueCounts, valueCountsSorted, type CategoryKey } from './samples';

/** Above this many distinct reference values a numeric column is binned by range (Evidently: > 20). */
export const NUMERIC_BINNING_MIN_UNIQUE = 21;

export type Bins = { type: 'range'; edges: Float64Array } | { type: 'values'; categories: CategoryKey[] };

export interface BinnedShares {
  bins: Bins;
  /** Share of the reference sample in each bin. */
  reference: Float64Array;
  /** Share of the current sample in each bin. */
  current: Float64Array;
}

/** The values of a column as the binning takes them: numeric sorted, or categories. */
export type BinningInput = { kind: 'numeric'; reference: Float64Array; current: Float64Array } | { kind: 'categorical'; reference: readonly CategoryKey[]; current: readonly CategoryKey[] };

/** `np.histogram_bin_edges(pooled, bins='sturges')` for two sorted, non-empty samples. */
export function sturgesEdges(reference: Float64Array, current: Float64Array): Float64Array {
  let first = Math.min(reference[0], current[0]);
  let last = Math.max(reference[reference.length - 1], current[current.length - 1]);
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const size = reference.length + current.length;
  // numpy: width = ptp / (log2(size) + 1); bins = ceil((last − first) / width), 1 if width is 0.
  const ptp = Math.max(reference[reference.length - 1], current[current.length - 1]) - Math.min(reference[0], current[0]);
  const width = ptp / (Math.log2(size) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  // np.linspace(first, last, bins + 1)
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** `np.histogram(sorted, edges)[0]`: counts in [eᵢ, eᵢ₊₁), the last bin closed. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  const cumulative = (x: number, right: boolean): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x || (right && sorted[mid] === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let previous = cumulative(edges[0], false);
  for (let i = 1; i < edges.length; i++) {
    const next = cumulative(edges[i], i === edges.length - 1);
    counts[i - 1] = next - previous;
    previous = next;
  }
  return counts;
}

/**
 * Binned shares already computed per input object (a report's prepared column), for each
 * `fillZeroes`: the Jensen–Shannon test, the histogram and the unique-value count of a column all
 * need the same bins, and counting 100k strings three times was most of a report's time. The
 * results are shared: callers must not change them.
 */
const computed = new WeakMap<BinningInput, { plain?: BinnedShares; filled?: BinnedShares }>();

/** Evidently's `get_binned_data`; samples must be non-empty (numeric ones sorted, finite). Treat the result as read-only. */
export function binnedShares(input: BinningInput, fillZeroes: boolean): BinnedShares {
  const known = computed.get(input) ?? {};
  const cached = fillZeroes ? known.filled : known.plain;
  if (cached) return cached;
  const result = computeBinnedShares(input, fillZeroes);
  computed.set(input, fillZeroes ? { ...known, filled: result } : { ...known, plain: result });
  return result;
}

function computeBinnedShares(input: BinningInput, fillZeroes: boolean): BinnedShares {
  let result: BinnedShares;
  if (input.kind === 'numeric' && countUniqueSorted(input.reference) >= NUMERIC_BINNING_MIN_UNIQUE) {
    const edges = sturgesEdges(input.reference, input.current);
    result = {
      bins: { type: 'range', edges },
      reference: divide(histogramCounts(input.reference, edges), input.reference.length),
      current: divide(histogramCounts(input.current, edges), input.current.length),
    };
  } else {
    const ref = input.kind === 'numeric' ? valueCountsSorted(input.reference) : valueCounts(input.reference);
    const cur = input.kind === 'numeric' ? valueCountsSorted(input.current) : valueCounts(input.current);
    const categories = sortKeys([...new Set([...ref.keys(), ...cur.keys()])]);
    const shares = (counts: Map<CategoryKey, number>, n: number) => Float64Array.from(categories, (k) => (counts.get(k) ?? 0) / n);
    result = { bins: { type: 'values', categories }, reference: shares(ref, input.reference.length), current: shares(cur, input.current.length) };
  }
  if (fillZeroes) {
    fillZeroShares(result.reference);
    fillZeroShares(result.current);
  }
  return result;
}

function divide(counts: Float64Array, n: number): Float64Array {
  for (let i = 0; i < counts.length; i++) counts[i] /= n;
  return counts;
}

/** Evidently's `feel_zeroes`: zeros become min(non-zero)/10⁶ if that minimum is ≤ 0.0001, else 0.0001. */
function fillZeroShares(shares: Float64Array): void {
  let min = Infinity;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
}
