/**
 * Train / validation / test assignment. Both splitters return one `SplitName` per input row,
 * in input order, and are deterministic: the same rows (in any order) and seed give the same
 * assignment, so a dataset version can record `{ ratios, seed }` instead of every row's split.
 */
import { createRng, shuffleInPlace } from '../random';
import { SPLIT_NAMES, type DataRow, type SplitName } from './dataset';
import { compareLabels, compareStrings } from '../compare';

/** Shares of train, validation and test; each in [0, 1], summing to 1. */
export type SplitRatios = readonly [train: number, validation: number, test: number];

export const DEFAULT_SPLIT_RATIOS: SplitRatios = [0.7, 0.15, 0.15];

const RATIO_SUM_TOLERANCE = 1e-9;

/** Human-readable problems with a ratio triple; empty when it is usable. */
export function validateRatios(ratios: readonly number[]): string[] {
  if (ratios.length !== 3) return [`Give three ratios (train, validation, test), not ${ratios.length}.`];
  const problems: string[] = [];
  ratios.forEach((r, i) => {
    if (!Number.isFinite(r)) problems.push(`The ${SPLIT_NAMES[i]} ratio must be a number.`);
    else if (r < 0 || r > 1) problems.push(`The ${SPLIT_NAMES[i]} ratio must lie between 0 and 1 (got ${r}).`);
  });
  if (problems.length > 0) return problems;
  if (ratios[0] === 0) problems.push('The train ratio must be above 0.');
  const sum = ratios[0] + ratios[1] + ratios[2];
  if (Math.abs(sum - 1) > RATIO_SUM_TOLERANCE) problems.push(`The ratios must add up to 1 (they add up to ${Number(sum.toPrecision(12))}).`);
  return problems;
}

function assertRatios(ratios: readonly number[]): void {
  const problems = validateRatios(ratios);
  if (problems.length > 0) throw new Error(problems.join(' '));
}

/**
 * Split `n` items by `ratios` with the largest-remainder (Hamilton) method: floors first,
 * then one each to the largest fractional parts (ties to the earlier split).
 */
export function allocateCounts(n: number, ratios: SplitRatios): [number, number, number] {
  const sum = ratios[0] + ratios[1] + ratios[2];
  const quotas = ratios.map((r) => (n * r) / sum);
  const counts = quotas.map(Math.floor) as [number, number, number];
  const order = [0, 1, 2].sort((i, j) => quotas[j] - counts[j] - (quotas[i] - counts[i]) || i - j);
  let left = n - counts[0] - counts[1] - counts[2];
  // Rounding in n * r can leave one row too many or too few; settle it by remainder order.
  for (let k = 0; left > 0; k = (k + 1) % 3, left--) counts[order[k]]++;
  for (let k = 2; left < 0; k = (k + 2) % 3) {
    if (counts[order[k]] > 0) {
      counts[order[k]]--;
      left++;
    }
  }
  return counts;
}

/**
 * Per-stratum counts: largest remainder within each stratum, with at least one row in every
 * split of positive ratio for strata that have enough rows; then single rows are moved between
 * splits until the overall totals equal `allocateCounts(total)` (or no move keeps the minimums).
 * Each move goes to the stratum whose squared deviation from its quotas, relative to its size,
 * grows least — so large classes absorb the rounding — ties to the larger fractional surplus.
 */
function allocateStrata(sizes: readonly number[], ratios: SplitRatios): number[][] {
  const positive = [0, 1, 2].filter((s) => ratios[s] > 0);
  const minimums = sizes.map((n) => [0, 1, 2].map((s) => (n >= positive.length && ratios[s] > 0 ? 1 : 0)));
  const quotas = sizes.map((n) => ratios.map((r) => n * r));
  const counts = sizes.map((n, c) => {
    const own = allocateCounts(n, ratios);
    for (const s of positive) {
      while (own[s] < minimums[c][s]) {
        // Take from the split with the largest surplus over its quota that can spare a row.
        const donor = [0, 1, 2]
          .filter((d) => own[d] > minimums[c][d])
          .sort((i, j) => own[j] - quotas[c][j] - (own[i] - quotas[c][i]) || i - j)[0];
        own[donor]--;
        own[s]++;
      }
    }
    return own;
  });
  const target = allocateCounts(sizes.reduce((a, b) => a + b, 0), ratios);
  const totals = [0, 1, 2].map((s) => counts.reduce((sum, row) => sum + row[s], 0));
  for (;;) {
    const from = [0, 1, 2].find((s) => totals[s] > target[s]);
    const to = [0, 1, 2].find((s) => totals[s] < target[s]);
    if (from === undefined || to === undefined) break;
    let best = -1;
    let bestCost = Infinity;
    let bestSurplus = -Infinity;
    counts.forEach((row, c) => {
      if (row[from] <= minimums[c][from]) return;
      // Change of Σ (count − quota)² from the move, per row of the stratum.
      const surplus = row[from] - quotas[c][from] + (quotas[c][to] - row[to]);
      const cost = (2 - 2 * surplus) / sizes[c];
      if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && surplus > bestSurplus)) {
        [best, bestCost, bestSurplus] = [c, cost, surplus];
      }
    });
    if (best < 0) break;
    counts[best][from]--;
    counts[best][to]++;
    totals[from]--;
    totals[to]++;
  }
  return counts;
}

/** Plain code-unit comparison: unlike `localeCompare` it is the same on every machine. */
export interface StratifiedSplitOptions {
  /** Default `DEFAULT_SPLIT_RATIOS` (0.7, 0.15, 0.15). */
  ratios?: SplitRatios;
  seed: string | number;
}

/**
 * Stratified split: each label (unlabelled rows form their own stratum) is sorted by key,
 * shuffled with its own seeded stream (`${seed}` + label, so adding a class does not reshuffle
 * the others) and cut by the counts above. Every stratum with at least as many rows as there
 * are splits of positive ratio (3 by default) appears in each of those splits.
 */
export function stratifiedSplit(
  rows: readonly Pick<DataRow, 'key' | 'label'>[],
  options: StratifiedSplitOptions,
): SplitName[] {
  const ratios = options.ratios ?? DEFAULT_SPLIT_RATIOS;
  assertRatios(ratios);
  const strata = new Map<string | null, number[]>();
  rows.forEach((row, i) => {
    const members = strata.get(row.label);
    if (members) members.push(i);
    else strata.set(row.label, [i]);
  });
  const labels = [...strata.keys()].sort(compareLabels);
  const members = labels.map((label) => strata.get(label) as number[]);
  const counts = allocateStrata(
    members.map((m) => m.length),
    ratios,
  );
  const result = new Array<SplitName>(rows.length);
  labels.forEach((label, c) => {
    const order = members[c].sort((i, j) => compareStrings(rows[i].key, rows[j].key));
    shuffleInPlace(createRng(`${options.seed}\u0000${label ?? '\u0000unlabelled'}`), order);
    const [train, validation] = counts[c];
    order.forEach((rowIndex, k) => {
      result[rowIndex] = k < train ? 'train' : k < train + validation ? 'validation' : 'test';
    });
  });
  return result;
}

/**
 * What a time split does with rows that have no usable timestamp: refuse to split (the default,
 * so no row silently loses its place), or leave them out — they get no split, so no model trains,
 * tunes or tests on them, and the version's split counts add up to fewer than its rows.
 */
export type UndatedRows = 'refuse' | 'leave-out';

/** A row's time in ms, NaN when it has no timestamp or one that does not parse. */
export function timeOf(row: Pick<DataRow, 'timestamp'>): number {
  return row.timestamp === undefined ? NaN : Date.parse(row.timestamp);
}

/** Rows a time split cannot place: no timestamp, or one that does not parse. */
export function countUndated(rows: readonly Pick<DataRow, 'key' | 'timestamp'>[]): number {
  let n = 0;
  for (const row of rows) if (Number.isNaN(timeOf(row))) n++;
  return n;
}

/**
 * Time-based split: oldest rows train, newest test (ties broken by key), with overall counts
 * from `allocateCounts` over the dated rows. Rows without a usable timestamp make it throw,
 * saying how many, unless `undated` is `leave-out`: then their entry is undefined (no split).
 */
export function timeSplit(
  rows: readonly Pick<DataRow, 'key' | 'timestamp'>[],
  ratios: SplitRatios = DEFAULT_SPLIT_RATIOS,
  undated: UndatedRows = 'refuse',
): (SplitName | undefined)[] {
  assertRatios(ratios);
  const times = rows.map(timeOf);
  const dated = Array.from(rows.keys()).filter((i) => !Number.isNaN(times[i]));
  const missing = rows.length - dated.length;
  if (missing > 0 && undated === 'refuse') {
    throw new Error(
      `A time split needs a timestamp on every row: ${missing} of ${rows.length} rows have none or an unreadable one. Leave them out of the split, or give them dates and import again.`,
    );
  }
  if (dated.length === 0) throw new Error('No row has a timestamp, so there is nothing to split by time.');
  const order = dated.sort((i, j) => times[i] - times[j] || compareStrings(rows[i].key, rows[j].key));
  const [train, validation] = allocateCounts(order.length, ratios);
  const result = new Array<SplitName | undefined>(rows.length).fill(undefined);
  order.forEach((rowIndex, k) => {
    result[rowIndex] = k < train ? 'train' : k < train + validation ? 'validation' : 'test';
  });
  return result;
}

/** What a split is asked to do; a dataset version records all but `undated`. */
export interface SplitPlan {
  method: 'stratified' | 'time';
  ratios: SplitRatios;
  /** Used by the stratified split only. */
  seed: string;
  undated?: UndatedRows;
}

/** The one entry point that turns a plan into assignments: the split job and its preview both call it. */
export function assignSplits(
  rows: readonly Pick<DataRow, 'key' | 'label' | 'timestamp'>[],
  plan: SplitPlan,
): (SplitName | undefined)[] {
  return plan.method === 'time' ? timeSplit(rows, plan.ratios, plan.undated) : stratifiedSplit(rows, { ratios: plan.ratios, seed: plan.seed });
}

/** Rows of one class per split, for the split table and chart. */
export interface ClassSplitCounts {
  /** null = unlabelled. */
  label: string | null;
  train: number;
  validation: number;
  test: number;
  total: number;
}

export interface SplitCounts {
  /** One entry per class, labels in code-unit order, unlabelled last. */
  classes: ClassSplitCounts[];
  totals: Record<SplitName, number>;
  /** Rows with no split assigned (undefined in `assignments`). */
  unassigned: number;
}

/** Counts per split and class; `assignments[i]` and `labels[i]` belong to the same row. */
export function splitCounts(
  assignments: readonly (SplitName | undefined)[],
  labels: readonly (string | null)[],
): SplitCounts {
  if (assignments.length !== labels.length) {
    throw new Error(`splitCounts: ${assignments.length} assignments but ${labels.length} labels`);
  }
  const byLabel = new Map<string | null, ClassSplitCounts>();
  const totals: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  let unassigned = 0;
  assignments.forEach((split, i) => {
    const label = labels[i];
    let entry = byLabel.get(label);
    if (!entry) byLabel.set(label, (entry = { label, train: 0, validation: 0, test: 0, total: 0 }));
    entry.total++;
    if (split === undefined) unassigned++;
    else {
      entry[split]++;
      totals[split]++;
    }
  });
  const classes = [...byLabel.values()].sort((a, b) => compareLabels(a.label, b.label));
  return { classes, totals, unassigned };
}
