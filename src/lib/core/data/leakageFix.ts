/**
 * Fixing leakage between splits as a change to a dataset version: every group of rows that
 * findLeakage reports (same normalised text, two or more splits) is gathered in ONE split — the
 * split of the group's first row in findLeakage's order (train, validation, test). So a group
 * goes to train when any of its rows is in train, otherwise to validation: no text is both
 * trained on and evaluated on, and a text shared by validation and test no longer counts in the
 * final test score. Rows are moved, never removed, so no labelled row is lost; a time split
 * then holds a few newer rows in train, which is the price of not testing on seen text.
 * Rows without a split, and rows outside a leaking group, keep their split.
 */
import { SPLIT_NAMES, type SplitName } from './dataset';
import type { DatasetState, Delta } from './datasetState';
import { findLeakage, type LeakageGroup } from './leakage';
import { withSplit } from './splitDelta';
import { splitCounts } from './split';
import { counted } from '../words';
import type { RowWord } from '../lifecycle/rowWord';

/** Rows moved into each split (test never receives any: a group always holds an earlier split). */
export type LeakageFixCounts = Record<SplitName, number>;

/** The split a leaking group is gathered in: its first row's (groups list train, validation, test in that order). */
export function leakageTarget(group: Pick<LeakageGroup, 'splits'>): SplitName {
  return group.splits[0];
}

/** How many rows the fix moves into each split, from findLeakage's (uncut) groups. */
export function leakageFixCounts(groups: readonly Pick<LeakageGroup, 'splits'>[]): LeakageFixCounts {
  const counts: LeakageFixCounts = { train: 0, validation: 0, test: 0 };
  for (const group of groups) {
    const target = leakageTarget(group);
    counts[target] += group.splits.filter((s) => s !== target).length;
  }
  return counts;
}

const SPLIT_ADJECTIVES: Record<SplitName, string> = { train: 'training', validation: 'validation', test: 'test' };

const movedParts = (counts: LeakageFixCounts) => SPLIT_NAMES.filter((s) => counts[s] > 0);

/** The button's words, e.g. "Move 3 repeated tickets to train in a new version". */
export function leakageFixAction(counts: LeakageFixCounts, word: RowWord): string {
  const [first, ...rest] = movedParts(counts);
  if (!first) return 'Nothing to move';
  const head = `Move ${counted(counts[first], `repeated ${word.singular}`, `repeated ${word.plural}`)} to ${first}`;
  return `${[head, ...rest.map((s) => `${counts[s].toLocaleString('en')} to ${s}`)].join(' and ')} in a new version`;
}

/** The new version's message, e.g. "Moved 3 rows whose text repeats a training row into train." */
export function leakageFixMessage(counts: LeakageFixCounts): string {
  const parts = movedParts(counts).map((s) => `${counted(counts[s], 'row')} whose text repeats a ${SPLIT_ADJECTIVES[s]} row into ${s}`);
  return `Moved ${parts.join(' and ')}.`;
}

/** The version's record of its split (seed, method, ratios …): kept, with the counts per split brought up to date. */
interface SplitRecord {
  counts: Record<SplitName, number>;
}

/** The change that gathers each leaking group in one split; `split` is the parent's split record. Throws when no text leaks. */
export function leakageFixDelta<S extends SplitRecord>(state: Pick<DatasetState, 'rows' | 'get'>, split: S): { delta: Delta; message: string; change: 'split'; split: S } {
  const { groups } = findLeakage(state.rows);
  const upserts = groups.flatMap((group) => {
    const target = leakageTarget(group);
    return group.keys.flatMap((key, i) => (group.splits[i] === target ? [] : [withSplit(state.get(key)!, target)]));
  });
  if (!upserts.length) throw new Error('No text is shared between splits, so there is nothing to move.');
  const moved = new Map(upserts.map((row) => [row.key, row.split]));
  const assignments = state.rows.map((row) => (moved.has(row.key) ? moved.get(row.key) : row.split));
  return {
    delta: { upserts, removedKeys: [] },
    message: leakageFixMessage(leakageFixCounts(groups)),
    change: 'split',
    split: { ...split, counts: splitCounts(assignments, state.rows.map((r) => r.label)).totals },
  };
}
