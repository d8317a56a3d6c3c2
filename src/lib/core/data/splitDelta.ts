/** A split as a change to a dataset version: the rows whose split changes, and how to name it. */
import type { DataRow, SplitName } from './dataset';
import type { DatasetState, Delta } from './datasetState';
import { assignSplits, splitCounts, validateRatios, type SplitPlan } from './split';

export interface SplitChange {
  delta: Delta;
  /** The new version's message, e.g. "Stratified split 70/15/15, seed “s”". */
  message: string;
  change: 'split';
  /** What the new version records about its split. */
  split: { seed: string; method: SplitPlan['method']; ratios: [number, number, number]; counts: Record<SplitName, number> };
}

/** The change that gives `state`'s rows the splits of `plan`; throws when the ratios are invalid or nothing would change. */
export function splitDelta(state: Pick<DatasetState, 'rows'>, plan: SplitPlan): SplitChange {
  const problems = validateRatios(plan.ratios);
  if (problems.length) throw new Error(problems.join(' '));
  const assignments = assignSplits(state.rows, plan);
  const upserts = state.rows.flatMap((row, i) => (row.split === assignments[i] ? [] : [withSplit(row, assignments[i])]));
  if (!upserts.length) throw new Error('This split is already the one assigned to this version.');
  const { totals: counts, unassigned } = splitCounts(assignments, state.rows.map((r) => r.label));
  const pct = plan.ratios.map((r) => Math.round(r * 100)).join('/');
  const leftOut = unassigned ? `; ${unassigned.toLocaleString('en')} ${unassigned === 1 ? 'row' : 'rows'} without a date left out of every split` : '';
  return {
    delta: { upserts, removedKeys: [] },
    message: plan.method === 'time' ? `Time-based split ${pct} (oldest rows train, newest test)${leftOut}` : `Stratified split ${pct}, seed “${plan.seed}”`,
    change: 'split',
    split: { seed: plan.seed, method: plan.method, ratios: [...plan.ratios], counts },
  };
}

/** The row with `split` set, or without one (a row left out of a time split). */
export function withSplit(row: DataRow, split: SplitName | undefined): DataRow {
  const { split: _old, ...rest } = row;
  return split === undefined ? rest : { ...rest, split };
}
