/**
 * A data drift report over columns, after Evidently's DataDriftPreset: each column gets its
 * default test (`selectTest.ts`) or an override, a drift verdict and a histogram; the dataset
 * drifts when the share of drifted columns is at least `driftShare` (default 0.5, Evidently's
 * `share_of_drifted_columns >= drift_share`).
 *
 * Missing values (non-finite numbers, null, undefined) are dropped per column first, as Evidently
 * does; a column with nothing left on either side is an error. Heavy for large windows (two
 * sorts per numeric column): run it in a worker.
 */
import { binnedShares } from './binning';
import { columnHistogram, type ColumnHistogram } from './histogram';
import { countUniqueUnion, presentValues, sortedFinite } from './samples';
import { selectStatTest, type TestOverride } from './selectTest';
import type { ColumnKind, PreparedColumn, StatTestId, ThresholdKind } from './statTests';

export type DriftColumnInput =
  | { name: string; kind: 'numeric'; reference: ArrayLike<number>; current: ArrayLike<number> }
  | { name: string; kind: 'categorical'; reference: readonly (string | null | undefined)[]; current: readonly (string | null | undefined)[] };

export interface DriftReportOptions {
  /** Share of drifted columns at which the dataset counts as drifted, in (0, 1]; default 0.5. */
  driftShare?: number;
  /** Per column name: another test and/or threshold. Names not in the report are ignored. */
  overrides?: Readonly<Record<string, TestOverride>>;
}

export interface ColumnDrift {
  name: string;
  kind: ColumnKind;
  test: StatTestId;
  /** The test's label, e.g. "K-S p-value". */
  testLabel: string;
  thresholdKind: ThresholdKind;
  /** D, χ², z, or the distance; χ² is Infinity for a category the reference never saw. */
  statistic: number;
  /** Only for p-value tests. */
  pValue?: number;
  /** What is compared with the threshold: the p-value or the distance (Evidently's drift score). */
  score: number;
  threshold: number;
  drifted: boolean;
  /** Values used, after dropping missing ones. */
  referenceRows: number;
  currentRows: number;
  /** Distinct values in both samples together (drives the default test). */
  uniqueValues: number;
  histogram: ColumnHistogram;
}

export interface DriftReport {
  columns: ColumnDrift[];
  columnCount: number;
  driftedCount: number;
  /** driftedCount / columnCount (0 without columns). */
  share: number;
  driftShare: number;
  datasetDrift: boolean;
}

export const DEFAULT_DRIFT_SHARE = 0.5;

/** Drops missing values and sorts numbers: what every test takes. Throws if a side is empty. */
export function prepareColumn(input: DriftColumnInput): PreparedColumn {
  const column: PreparedColumn =
    input.kind === 'numeric'
      ? { kind: 'numeric', reference: sortedFinite(input.reference), current: sortedFinite(input.current) }
      : { kind: 'categorical', reference: presentValues(input.reference), current: presentValues(input.current) };
  if (column.reference.length === 0) throw new Error(`Column "${input.name}" has no reference values to compare.`);
  if (column.current.length === 0) throw new Error(`Column "${input.name}" has no current values to compare.`);
  return column;
}

function uniqueValues(column: PreparedColumn): number {
  if (column.kind === 'numeric') return countUniqueUnion(column.reference, column.current);
  // Categorical columns get one bin per category of either sample; the test and the histogram reuse these bins.
  const { bins } = binnedShares(column, false);
  return bins.type === 'values' ? bins.categories.length : 0;
}

/** Drift of one column. */
export function columnDrift(input: DriftColumnInput, override?: TestOverride): ColumnDrift {
  const column = prepareColumn(input);
  const unique = uniqueValues(column);
  const { test, threshold } = selectStatTest(input.kind, column.reference.length, unique, override);
  const outcome = test.run(column);
  const score = test.thresholdKind === 'p-value' ? (outcome.pValue as number) : outcome.statistic;
  return {
    name: input.name,
    kind: input.kind,
    test: test.id,
    testLabel: test.label,
    thresholdKind: test.thresholdKind,
    statistic: outcome.statistic,
    ...(outcome.pValue === undefined ? {} : { pValue: outcome.pValue }),
    score,
    threshold,
    drifted: test.isDrift(score, threshold),
    referenceRows: column.reference.length,
    currentRows: column.current.length,
    uniqueValues: unique,
    histogram: columnHistogram(column),
  };
}

export function driftReport(columns: readonly DriftColumnInput[], options: DriftReportOptions = {}): DriftReport {
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  if (!(driftShare > 0 && driftShare <= 1)) throw new RangeError(`driftShare must lie in (0, 1] (got ${driftShare}).`);
  const names = new Set<string>();
  for (const c of columns) {
    if (names.has(c.name)) throw new Error(`Column "${c.name}" appears twice in the drift report.`);
    names.add(c.name);
  }
  const overrides = options.overrides ?? {};
  const results = columns.map((c) => columnDrift(c, Object.hasOwn(overrides, c.name) ? overrides[c.name] : undefined));
  const driftedCount = results.filter((r) => r.drifted).length;
  const share = results.length ? driftedCount / results.length : 0;
  return { columns: results, columnCount: results.length, driftedCount, share, driftShare, datasetDrift: results.length > 0 && share >= driftShare };
}
