/**
 * Evidently's chi-square drift test for categorical columns (`chisquare_stattest.py`):
 * expected counts are the reference counts scaled to the current sample size,
 * f_exp[k] = ref[k] · n_cur / n_ref, over the union of categories (absent ones count 0), and the
 * p-value is `scipy.stats.chisquare(f_obs = current counts, f_exp)`:
 * statistic Σ (obs − exp)² / exp, p = chi2.sf(statistic, k − 1).
 * A category seen only in the current data has exp = 0, so the statistic is ∞ and p = 0 (scipy
 * warns and returns the same). Drift when p < threshold (default 0.05).
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { unionKeys, type CategoryKey } from './samples';

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: number of categories − 1. */
  df: number;
}

/** P(X ≥ x) for X ~ χ²(df): the regularized upper incomplete gamma Q(df/2, x/2), as scipy's chdtrc. */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** The test on value counts of the reference and current samples. */
export function chiSquareFromCounts(reference: Map<CategoryKey, number>, current: Map<CategoryKey, number>): ChiSquareResult {
  const nRef = sum(reference);
  const nCur = sum(current);
  if (nRef === 0 || nCur === 0) throw new RangeError('chi-square: both samples need at least one value');
  const kNorm = nCur / nRef;
  let statistic = 0;
  const keys = unionKeys(reference, current);
  for (const key of keys) {
    const expected = (reference.get(key) ?? 0) * kNorm;
    const observed = current.get(key) ?? 0;
    statistic += (observed - expected) ** 2 / expected;
  }
  const df = keys.length - 1;
  return { statistic, pValue: chiSquareSf(statistic, df), df };
}

function sum(counts: Map<CategoryKey, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}
