/**
 * Which rows a retrained model trains, tunes and is judged on. The champion's data keeps its
 * split, so "the original test split" means the same rows before and after. Labelled rows that
 * have no split yet — production rows collected since (productionRows.ts), or rows labelled
 * since — are placed by time: oldest train, then validation, and the newest share becomes the
 * recent production holdout (test), the rows that tell whether a model keeps up with today's
 * traffic. Unlabelled rows are not trained on; they stay without a split for the labelling queue.
 *
 * Placing is its own step, written as a dataset version before anything trains (so a governance
 * review can approve exactly that version); retraining then finds nothing to place. Either way
 * the two test parts are told apart by the champion's own data, not by when a split was written:
 * (a) rows that were test there, (b) test rows the champion never learned from or was judged on.
 */
import type { DataRow, SplitName } from '../data/dataset';
import { allocateCounts, timeOf, validateRatios } from '../data/split';
import { compareStrings } from '../compare';

export interface RetrainSplitOptions {
  /** Share of the rows placed now that becomes the recent holdout (test), in (0, 1). */
  holdoutShare: number;
  /** Share that becomes validation, in [0, 1); the rest trains. */
  validationShare: number;
}

export const DEFAULT_RETRAIN_SPLIT: RetrainSplitOptions = { holdoutShare: 0.2, validationShare: 0.1 };

export interface RetrainSplit {
  /** Rows whose split was assigned now (with it set): the change a new dataset version records. */
  assigned: DataRow[];
  /** How many went to each split. */
  assignedCounts: Record<SplitName, number>;
  /** Every row with a split after assignment (labelled or not), per split: the version's split counts. */
  counts: Record<SplitName, number>;
  /**
   * 'time': by timestamp (ties by key); 'added': some of them have no usable timestamp, so the
   * order they were added to the dataset stands in for time.
   */
  order: 'time' | 'added';
  /** Rows not in the champion's training data, and how many of them have a label. */
  newRows: number;
  newLabelled: number;
  /** Labelled rows that had no split: what the placing step assigns (= `assigned.length`). */
  unsplitLabelled: number;
  /** Rows without a label (new or old): not trained on, they stay for the labelling queue. */
  unlabelled: number;
  /** Labelled rows after assignment, per split: what the challenger trains on. */
  train: DataRow[];
  validation: DataRow[];
  test: DataRow[];
  /** (a) Labelled test rows that were test in the champion's data: both models are judged on them. */
  originalTest: DataRow[];
  /**
   * (b) Labelled test rows the champion never used — new since its data, or without a label or
   * split there — placed in test by time (by this step, an earlier one, or an earlier retrain).
   * Test rows the champion trained or tuned on (re-split since) are in neither part.
   */
  recentHoldout: DataRow[];
  /** The split in words, e.g. for the dataset version's message. */
  words: string;
}

const pct = (share: number) => `${+(share * 100).toFixed(1)} %`;
const countRows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

/** Problems with the shares, in words; empty when usable. */
export function checkRetrainSplit(options: RetrainSplitOptions): string[] {
  const { holdoutShare: h, validationShare: v } = options;
  if (!(h > 0 && h < 1)) return ['The recent holdout share must lie between 0 and 1 (exclusive).'];
  if (!(v >= 0 && v < 1)) return ['The validation share must lie between 0 (included) and 1.'];
  if (h + v >= 1) return ['The holdout and validation shares must leave some rows to train on.'];
  return validateRatios([1 - h - v, v, h]);
}

/** The rows of the champion's training data (its dataset version), by key: a Map or a DatasetState. */
export interface ChampionRows {
  get(key: string): Pick<DataRow, 'label' | 'split'> | undefined;
}

/**
 * Assigns splits for retraining. `rows` are the newest dataset version's rows in stored order;
 * `champion` the rows of the dataset version the champion was trained on.
 */
export function retrainSplit(rows: readonly DataRow[], champion: ChampionRows, options: RetrainSplitOptions = DEFAULT_RETRAIN_SPLIT): RetrainSplit {
  const problems = checkRetrainSplit(options);
  if (problems.length) throw new Error(problems.join(' '));
  const fresh = rows.filter((r) => !champion.get(r.key));
  const newLabelled = fresh.filter((r) => r.label !== null).length;

  const positions = rows.map((_, i) => i).filter((i) => rows[i].label !== null && rows[i].split === undefined);
  const times = positions.map((i) => timeOf(rows[i]));
  const order = times.every((t) => !Number.isNaN(t)) ? 'time' : 'added';
  const ranked = positions.map((i, k) => ({ i, t: times[k] }));
  if (order === 'time') ranked.sort((a, b) => a.t - b.t || compareStrings(rows[a.i].key, rows[b.i].key));
  const { holdoutShare: h, validationShare: v } = options;
  const [trainCount, validationCount] = allocateCounts(ranked.length, [1 - h - v, v, h]);
  const placed = new Map<number, SplitName>();
  ranked.forEach(({ i }, k) => placed.set(i, k < trainCount ? 'train' : k < trainCount + validationCount ? 'validation' : 'test'));

  const assigned: DataRow[] = [];
  const assignedCounts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  const bySplit: Record<SplitName, DataRow[]> = { train: [], validation: [], test: [] };
  const counts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  const originalTest: DataRow[] = [];
  const recentHoldout: DataRow[] = [];
  rows.forEach((row, i) => {
    const split = placed.get(i);
    const next = split ? { ...row, split } : row;
    if (split) {
      assigned.push(next);
      assignedCounts[split]++;
    }
    if (next.split) counts[next.split]++;
    if (next.label === null || !next.split) return;
    bySplit[next.split].push(next);
    if (next.split !== 'test') return;
    const before = champion.get(row.key);
    if (before?.split === 'test') originalTest.push(next);
    else if (!before || before.label === null || !before.split) recentHoldout.push(next);
  });

  const { train, validation, test } = assignedCounts;
  const how = order === 'time' ? 'by time' : 'by the order they were added (not all of them have a timestamp)';
  const placedWords = assigned.length
    ? `${countRows(assigned.length)} without a split assigned ${how}: ${train.toLocaleString('en')} train, ${validation.toLocaleString('en')} validation, ${test.toLocaleString('en')} test (the newest ${pct(h)}, the recent production holdout); rows that had a split keep it`
    : 'Every labelled row already had a split and keeps it';
  const leftOut = rows.reduce((n, r) => n + (r.label === null ? 1 : 0), 0);
  const unlabelledWords = leftOut ? `; ${countRows(leftOut)} without a label left out (they stay for labelling)` : '';
  return {
    assigned,
    assignedCounts,
    counts,
    order,
    newRows: fresh.length,
    newLabelled,
    unsplitLabelled: assigned.length,
    unlabelled: leftOut,
    ...bySplit,
    originalTest,
    recentHoldout,
    words: `${placedWords}${unlabelledWords}`,
  };
}

/** The data a challenger learned from and was judged on, in words (stored with its comparison). */
export function trainedOnWords(versionNumber: number, split: Pick<RetrainSplit, 'train' | 'validation' | 'originalTest' | 'recentHoldout' | 'unlabelled'>): string {
  const leftOut = split.unlabelled ? `; ${countRows(split.unlabelled)} without a label left out (they stay for labelling)` : '';
  return `dataset v${versionNumber} as it is — ${split.train.length.toLocaleString('en')} train, ${split.validation.length.toLocaleString('en')} validation; `
    + `judged on ${countRows(split.originalTest.length)} of the original test split and ${countRows(split.recentHoldout.length)} of the recent production holdout${leftOut}`;
}
