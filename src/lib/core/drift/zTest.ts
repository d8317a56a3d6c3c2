/**
 * Evidently's two-proportion Z-test for binary columns (`z_stattest.py`). With the categories
 * sorted, a value counts as 0 when it equals the first category and 1 otherwise; p₁, p₂ are the
 * shares of 1s, P the pooled share, and
 *   z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)),   p = 2·(1 − Φ(|z|))
 * — literally 1 − Φ, as Evidently writes it, so p-values below ~1e−16 come out as 0. When both
 * samples hold one and the same value, p = 1. Drift when p < threshold (default 0.05).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { unionKeys, type CategoryKey } from './samples';

export interface ZTestResult {
  /** z; 0 when both samples are one and the same value. */
  statistic: number;
  pValue: number;
}

/** The test on value counts of the reference and current samples. */
export function zTestFromCounts(reference: Map<CategoryKey, number>, current: Map<CategoryKey, number>): ZTestResult {
  const keys = unionKeys(reference, current);
  if (keys.length === 0 || reference.size === 0 || current.size === 0) throw new RangeError('z-test: both samples need at least one value');
  if (reference.size === 1 && current.size === 1 && keys.length === 1) return { statistic: 0, pValue: 1 };
  const first = keys[0];
  const n1 = total(reference);
  const n2 = total(current);
  const p1 = (n1 - (reference.get(first) ?? 0)) / n1;
  const p2 = (n2 - (current.get(first) ?? 0)) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z), 0, 1)) };
}

function total(counts: Map<CategoryKey, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}
