/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as `scipy.stats.ks_2samp(a, b)` computes it
 * (alternative='two-sided', method='auto'; scipy 1.17):
 * - statistic D = max |F_a(x) − F_b(x)| over the pooled values, each ECDF counting values ≤ x
 *   (numpy's `searchsorted(side='right')`), so ties are handled as scipy does;
 * - 'auto' is exact when max(n_a, n_b) ≤ 10000, else asymptotic; exact reports D rounded to
 *   h/lcm(n_a, n_b) (as scipy does) and falls back to asymptotic if the count fails;
 * - asymptotic is `kstwo.sf(D, round(n_a·n_b/(n_a + n_b)))` (kolmogn.ts).
 * Cost: two radix sorts and one merge pass (O(n)); the asymptotic p-value is O(1) except for
 * 2.2 ≤ N·D² < 370 with N > 140, where scipy's Smirnov sum is O(N) (smirnov.ts); the exact count is
 * O(max(n)·band) ≤ 10⁸ steps at the 10000 limit.
 */
import { kolmogornSf } from './kolmogn';
import { probOutsideBand, probOutsideSquare } from './ksExact';
import { sortFloat64 } from './sortFloat64';

export type KsMethod = 'exact' | 'asymp';

export interface KsResult {
  /** D in [0, 1]. */
  statistic: number;
  /** Two-sided p-value in [0, 1]. */
  pValue: number;
  /** How the p-value was computed. */
  method: KsMethod;
}

export interface KsOptions {
  /** 'auto' (default) as scipy: exact up to 10000 values per sample. */
  method?: 'auto' | KsMethod;
}

/** scipy's MAX_AUTO_N. */
export const KS_MAX_EXACT_N = 10000;
const INT32_MAX = 2 ** 31 - 1;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A sorted float64 copy; throws on NaN (scipy would propagate it; the report drops missing values first). */
export function sortedCopy(values: ArrayLike<number>, what: string): Float64Array {
  const sorted = sortFloat64(Float64Array.from(values));
  // NaNs sort to the ends (by sign bit).
  if (sorted.length > 0 && (Number.isNaN(sorted[0]) || Number.isNaN(sorted[sorted.length - 1]))) {
    throw new RangeError(`ks: ${what} contains NaN`);
  }
  return sorted;
}

/** max |F_a − F_b| of two ascending samples, in one merge pass; F(x) counts values ≤ x. */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  while (i < n1 || j < n2) {
    // The next pooled value; consume every copy of it in both samples.
    const x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] === x) i++;
    while (j < n2 && b[j] === x) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  return minS > maxDiff ? minS : maxDiff;
}

/**
 * Exact two-sided p-value (scipy's `_attempt_exact_2kssamp`): D snapped to h/lcm, and the
 * p-value, or null for it when the count fails numerically.
 */
function exactPValue(n1: number, n2: number, d: number): { statistic: number; pValue: number | null } {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  return { statistic, pValue: Number.isFinite(p) && p >= 0 && p <= 1 ? p : null };
}

/** Two-sided two-sample KS test of `reference` against `current` (any order: the test is symmetric). */
export function ksTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>, options: KsOptions = {}): KsResult {
  const a = sortedCopy(reference, 'reference');
  const b = sortedCopy(current, 'current');
  return ksTwoSampleSorted(a, b, options);
}

/** As `ksTwoSample`, for samples already sorted ascending (saves the sorts when the caller has them). */
export function ksTwoSampleSorted(a: Float64Array, b: Float64Array, options: KsOptions = {}): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks: both samples need at least one value');
  let d = ksStatisticSorted(a, b);
  let method = options.method ?? 'auto';
  if (method === 'auto') method = Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp';
  else if (method === 'exact') {
    const g = gcd(n1, n2);
    if (n1 / g >= INT32_MAX / (n2 / g)) method = 'asymp';
  }
  if (method === 'exact') {
    const exact = exactPValue(n1, n2, d);
    if (exact.pValue !== null) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    d = exact.statistic; // scipy goes on with the snapped D
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  // scipy rounds half to even (np.round); m·n/(m + n) is a half-integer only in rare cases.
  const en = (m * n) / (m + n);
  const pValue = Math.min(1, Math.max(0, kolmogornSf(roundHalfEven(en), d)));
  return { statistic: d, pValue, method: 'asymp' };
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
