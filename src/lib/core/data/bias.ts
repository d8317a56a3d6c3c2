/**
 * Checks for the Data Ethics Review: how unbalanced the classes are, and whether some segment
 * (a value of a category column such as channel or tier) has a very different class mix from
 * the whole dataset — a hint that the model may learn the segment instead of the content.
 */
import type { DataRow, MetaValue } from './dataset';
import { columnValue } from './slices';

/** A class under this share of labelled rows gets a warning (0.10 = 10 %). */
export const MIN_CLASS_SHARE = 0.1;
/** A majority/minority count ratio above this gets a warning (3 = 3:1). */
export const MAX_CLASS_RATIO = 3;
/** A class with fewer examples gets a warning: its per-class metrics will be noisy. */
export const MIN_CLASS_EXAMPLES = 30;

export interface ClassImbalance {
  /** Classes with at least one example. */
  classes: number;
  total: number;
  majority: { label: string; count: number } | null;
  minority: { label: string; count: number } | null;
  /** majority / minority counts; null with fewer than one non-empty class. */
  ratio: number | null;
  /** minority / total, in [0, 1]; null when total is 0. */
  minorityShare: number | null;
  warnings: string[];
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Imbalance summary of labelled counts per class (e.g. `{ Billing: 420, … }`). */
export function classImbalance(balance: Record<string, number>): ClassImbalance {
  const entries = Object.entries(balance).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const present = entries.filter(([, n]) => n > 0);
  const total = present.reduce((s, [, n]) => s + n, 0);
  const warnings: string[] = [];
  for (const [label, n] of entries) if (n <= 0) warnings.push(`${label} has no labelled examples.`);
  if (present.length === 0) {
    return { classes: 0, total, majority: null, minority: null, ratio: null, minorityShare: null, warnings: [...warnings, 'No labelled rows yet.'] };
  }
  // Ties go to the label that sorts first.
  const majority = present.reduce((best, e) => (e[1] > best[1] ? e : best));
  const minority = present.reduce((best, e) => (e[1] < best[1] ? e : best));
  const ratio = majority[1] / minority[1];
  if (present.length < 2) warnings.push(`Only ${majority[0]} has examples; a classifier needs at least two classes.`);
  for (const [label, n] of present) {
    if (present.length >= 2 && n / total < MIN_CLASS_SHARE) {
      warnings.push(`${label} is ${percent(n / total)} of labelled rows (under ${percent(MIN_CLASS_SHARE)}): check its recall, not just accuracy.`);
    }
    if (n < MIN_CLASS_EXAMPLES) {
      warnings.push(`${label} has only ${n} examples (under ${MIN_CLASS_EXAMPLES}): its precision and recall will be noisy.`);
    }
  }
  if (ratio > MAX_CLASS_RATIO) {
    warnings.push(
      `${majority[0]} has ${ratio.toFixed(1)}× as many examples as ${minority[0]} (over ${MAX_CLASS_RATIO}:1): consider class weights, resampling or more ${minority[0]} examples.`,
    );
  }
  return {
    classes: present.length,
    total,
    majority: { label: majority[0], count: majority[1] },
    minority: { label: minority[0], count: minority[1] },
    ratio,
    minorityShare: minority[1] / total,
    warnings,
  };
}

/** A value needs this many labelled rows before its class mix can be flagged. */
export const MIN_SEGMENT_ROWS = 30;
/** … and a total variation distance from the overall mix of at least this (0.15 = 15 pp). */
export const MIN_MIX_DISTANCE = 0.15;
/** … and a chi-square statistic beyond the critical value at this significance level. */
export const MIX_SIGNIFICANCE = 0.01;
const Z_99 = 2.3263478740408408; // standard normal quantile for 1 − MIX_SIGNIFICANCE

/** Chi-square critical value for p = 0.01 by the Wilson–Hilferty cube approximation (±1 %). */
export function chiSquareCritical99(degreesOfFreedom: number): number {
  const k = degreesOfFreedom;
  const c = 2 / (9 * k);
  return k * (1 - c + Z_99 * Math.sqrt(c)) ** 3;
}

export interface SegmentClassMix {
  /** The column's value; null = missing. */
  value: MetaValue;
  /** Labelled rows with this value. */
  rows: number;
  /** Aligned with `ClassMixReport.classes`. */
  counts: number[];
  shares: number[];
  /** Σ (observed − expected)² / expected, expected from the overall mix. */
  chiSquare: number;
  /** ½ Σ |share − overall share|, in [0, 1]: the share of rows that would have to change class. */
  distance: number;
  flagged: boolean;
}

export interface ClassMixReport {
  column: string;
  /** Labels in code-unit order. */
  classes: string[];
  overallShares: number[];
  /** Most rows first, then by value. */
  segments: SegmentClassMix[];
  /** Rows left out because they have no label. */
  unlabelled: number;
  /** The flag rule in words, for the review page. */
  rule: string;
}

/**
 * Class mix per value of `column` (a meta column, or `split`) against the overall mix.
 * Flag rule: at least MIN_SEGMENT_ROWS labelled rows, distance ≥ MIN_MIX_DISTANCE and
 * chi-square (k − 1 degrees of freedom) above its 1 % critical value — large, not just noise.
 */
export function classMixBySlice(rows: readonly Pick<DataRow, 'label' | 'meta' | 'split'>[], column: string): ClassMixReport {
  const classIndex = new Map<string, number>();
  const byValue = new Map<MetaValue, Map<string, number>>();
  let unlabelled = 0;
  for (const row of rows) {
    if (row.label === null) {
      unlabelled++;
      continue;
    }
    classIndex.set(row.label, 0);
    const value = columnValue(row, column);
    let counts = byValue.get(value);
    if (!counts) byValue.set(value, (counts = new Map()));
    counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  }
  const classes = [...classIndex.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const overall = new Array<number>(classes.length).fill(0);
  const segments = [...byValue].map(([value, counts]) => {
    const list = classes.map((label) => counts.get(label) ?? 0);
    list.forEach((n, c) => (overall[c] += n));
    return { value, list, n: list.reduce((s, x) => s + x, 0) };
  });
  const total = overall.reduce((s, x) => s + x, 0);
  const overallShares = overall.map((n) => n / total);
  const critical = classes.length >= 2 ? chiSquareCritical99(classes.length - 1) : Infinity;
  const result: SegmentClassMix[] = segments.map(({ value, list, n }) => {
    const shares = list.map((x) => x / n);
    let chiSquare = 0;
    let distance = 0;
    list.forEach((observed, c) => {
      const expected = n * overallShares[c];
      chiSquare += ((observed - expected) * (observed - expected)) / expected;
      distance += Math.abs(shares[c] - overallShares[c]) / 2;
    });
    const flagged = n >= MIN_SEGMENT_ROWS && distance >= MIN_MIX_DISTANCE && chiSquare > critical;
    return { value, rows: n, counts: list, shares, chiSquare, distance, flagged };
  });
  result.sort((a, b) => b.rows - a.rows || (String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0));
  return {
    column,
    classes,
    overallShares,
    segments: result,
    unlabelled,
    rule:
      `Flagged when a value has at least ${MIN_SEGMENT_ROWS} labelled rows, its class mix differs from the overall mix ` +
      `by at least ${MIN_MIX_DISTANCE * 100} pp (total variation distance) and the chi-square test rejects "same mix" at p < ${MIX_SIGNIFICANCE}.`,
  };
}
