/**
 * Evidently's default choice of drift test (`_get_default_stattest` in stattests/registry.py),
 * by reference size and the number of distinct values in both samples together:
 *
 * | reference rows | numeric, > 5 values | numeric, ≤ 5 values             | categorical                     |
 * | ≤ 1000         | K-S (p ≤ 0.05)      | chi-square (3–5) / Z (≤ 2)      | chi-square (> 2) / Z (≤ 2)      |
 * | > 1000         | Wasserstein normed  | Jensen–Shannon                  | Jensen–Shannon                  |
 *
 * p-value tests default to 0.05, distances to 0.1 (see `statTests.ts`). A per-column override
 * can name another test (of a kind the column allows) and/or a threshold.
 */
import { getStatTest, type ColumnKind, type StatTest, type StatTestId } from './statTests';

/** Reference sizes up to this use the hypothesis tests (Evidently: ≤ 1000). */
export const SMALL_REFERENCE_MAX_ROWS = 1000;
/** Numeric columns with at most this many distinct values are tested as categories. */
export const FEW_VALUES_MAX = 5;

export interface TestOverride {
  test?: StatTestId;
  threshold?: number;
}

/**
 * Evidently's default test for a column.
 * @param referenceRows reference size after dropping missing values
 * @param uniqueValues distinct values in reference and current together
 */
export function defaultStatTest(kind: ColumnKind, referenceRows: number, uniqueValues: number): StatTestId {
  if (referenceRows <= SMALL_REFERENCE_MAX_ROWS) {
    if (kind === 'numeric' && uniqueValues > FEW_VALUES_MAX) return 'ks';
    return uniqueValues > 2 ? 'chisquare' : 'z';
  }
  return kind === 'numeric' && uniqueValues > FEW_VALUES_MAX ? 'wasserstein' : 'jensenshannon';
}

/** The test and threshold a column gets: the override where given, else the defaults. */
export function selectStatTest(
  kind: ColumnKind,
  referenceRows: number,
  uniqueValues: number,
  override: TestOverride = {},
): { test: StatTest; threshold: number } {
  const test = getStatTest(override.test ?? defaultStatTest(kind, referenceRows, uniqueValues));
  if (!test.kinds.includes(kind)) throw new Error(`The ${test.label} test does not apply to ${kind} columns.`);
  const threshold = override.threshold ?? test.defaultThreshold;
  if (!Number.isFinite(threshold) || threshold < 0) throw new RangeError(`A drift threshold must be a non-negative number (got ${threshold}).`);
  return { test, threshold };
}
