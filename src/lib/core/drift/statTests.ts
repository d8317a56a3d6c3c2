/**
 * The catalogue of column drift tests, after Evidently's registry: what each is called, which
 * column kinds it accepts, whether its threshold is a p-value or a distance, its default
 * threshold, and Evidently's comparison (p-value tests drift *below* the threshold — KS at
 * p ≤ t, chi-square and Z at p < t — distances drift at or above it). Adding a test is one
 * entry here. Every test takes a `PreparedColumn`: missing values dropped, numbers sorted.
 */
import { binnedShares } from './binning';
import { chiSquareFromCounts } from './chiSquare';
import { jensenShannonDistance } from './jensenShannon';
import { ksTwoSampleSorted } from './ks';
import { psi } from './psi';
import { valueCounts, valueCountsSorted, type CategoryKey } from './samples';
import { wassersteinNormedSorted } from './wasserstein';
import { zTestFromCounts } from './zTest';

export type ColumnKind = 'numeric' | 'categorical';
export type StatTestId = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon' | 'psi';
export type ThresholdKind = 'p-value' | 'distance';

/** A column's values as the tests take them: non-empty, missing values dropped, numbers sorted. */
export type PreparedColumn =
  | { kind: 'numeric'; reference: Float64Array; current: Float64Array }
  | { kind: 'categorical'; reference: readonly string[]; current: readonly string[] };

export interface StatTestOutcome {
  /** The test statistic (D, χ², z) or the distance. */
  statistic: number;
  /** Only for p-value tests. */
  pValue?: number;
}

export interface StatTest {
  id: StatTestId;
  /** For tables and chart legends. */
  label: string;
  /** One line for tooltips. */
  description: string;
  kinds: readonly ColumnKind[];
  thresholdKind: ThresholdKind;
  defaultThreshold: number;
  /** Evidently's drift decision for a score (the p-value or the distance). */
  isDrift(score: number, threshold: number): boolean;
  run(column: PreparedColumn): StatTestOutcome;
}

function counts(column: PreparedColumn): { reference: Map<CategoryKey, number>; current: Map<CategoryKey, number> } {
  return column.kind === 'numeric'
    ? { reference: valueCountsSorted(column.reference), current: valueCountsSorted(column.current) }
    : { reference: valueCounts(column.reference), current: valueCounts(column.current) };
}

const below = (score: number, threshold: number) => score < threshold;
const atOrAbove = (score: number, threshold: number) => score >= threshold;

function numericOnly(column: PreparedColumn, test: string): Extract<PreparedColumn, { kind: 'numeric' }> {
  if (column.kind !== 'numeric') throw new TypeError(`${test} applies to numeric columns only`);
  return column;
}

export const STAT_TESTS: Readonly<Record<StatTestId, StatTest>> = {
  ks: {
    id: 'ks',
    label: 'K-S p-value',
    description: 'Two-sample Kolmogorov–Smirnov test: the largest gap between the two cumulative distributions.',
    kinds: ['numeric'],
    thresholdKind: 'p-value',
    defaultThreshold: 0.05,
    isDrift: (p, t) => p <= t,
    run(column) {
      const { reference, current } = numericOnly(column, 'K-S');
      const result = ksTwoSampleSorted(reference, current);
      return { statistic: result.statistic, pValue: result.pValue };
    },
  },
  chisquare: {
    id: 'chisquare',
    label: 'chi-square p-value',
    description: 'Pearson chi-square test of the current category counts against the reference proportions.',
    kinds: ['categorical', 'numeric'],
    thresholdKind: 'p-value',
    defaultThreshold: 0.05,
    isDrift: below,
    run(column) {
      const c = counts(column);
      const result = chiSquareFromCounts(c.reference, c.current);
      return { statistic: result.statistic, pValue: result.pValue };
    },
  },
  z: {
    id: 'z',
    label: 'Z-test p-value',
    description: 'Two-proportion Z-test: does the share of one of two values differ?',
    kinds: ['categorical', 'numeric'],
    thresholdKind: 'p-value',
    defaultThreshold: 0.05,
    isDrift: below,
    run(column) {
      const c = counts(column);
      const result = zTestFromCounts(c.reference, c.current);
      return { statistic: result.statistic, pValue: result.pValue };
    },
  },
  wasserstein: {
    id: 'wasserstein',
    label: 'Wasserstein distance (normed)',
    description: 'Earth mover’s distance between the two distributions, in reference standard deviations.',
    kinds: ['numeric'],
    thresholdKind: 'distance',
    defaultThreshold: 0.1,
    isDrift: atOrAbove,
    run(column) {
      const { reference, current } = numericOnly(column, 'Wasserstein');
      return { statistic: wassersteinNormedSorted(reference, current) };
    },
  },
  jensenshannon: {
    id: 'jensenshannon',
    label: 'Jensen-Shannon distance',
    description: 'Jensen–Shannon distance between the binned distributions (0 = identical, √ln 2 ≈ 0.83 = disjoint).',
    kinds: ['categorical', 'numeric'],
    thresholdKind: 'distance',
    defaultThreshold: 0.1,
    isDrift: atOrAbove,
    run(column) {
      const shares = binnedShares(column, false);
      return { statistic: jensenShannonDistance(shares.reference, shares.current) };
    },
  },
  psi: {
    id: 'psi',
    label: 'PSI',
    description: 'Population Stability Index over the binned distributions (≥ 0.1 moderate, ≥ 0.25 large shift).',
    kinds: ['categorical', 'numeric'],
    thresholdKind: 'distance',
    defaultThreshold: 0.1,
    isDrift: atOrAbove,
    run(column) {
      const shares = binnedShares(column, true);
      return { statistic: psi(shares.reference, shares.current) };
    },
  },
};

/** The test with this id; throws on an unknown id. */
export function getStatTest(id: string): StatTest {
  const test = (STAT_TESTS as Record<string, StatTest | undefined>)[id];
  if (!test) throw new Error(`Unknown drift test "${id}"; known: ${Object.keys(STAT_TESTS).join(', ')}`);
  return test;
}
