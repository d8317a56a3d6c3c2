/**
 * Carrying a derived change over to a newer version.
 *
 * Two tabs (or a page that has not yet seen the newest version) can work out a change on the
 * same parent. The second write must not replace the first: the write checks, inside its
 * transaction, that its parent is still the project's newest version, and when it is not asks
 * `rebaseDelta` what to write instead:
 * - A change that only sets labels of existing rows commutes with other changes, so each row's
 *   label is set again on the newest version's row (keeping whatever else changed there).
 * - A row whose label the newer version already changed to something else keeps that label:
 *   the first label saved wins, the later one is left out and named, never silently replaced.
 *   A row the newer version no longer has is left out the same way.
 * - Any other change (a split, masked text, rows added or removed) was computed from the whole
 *   older version, so it is refused: the person runs it again on the newest version.
 */
import type { DataRow } from './dataset';
import type { Delta } from './datasetState';
import { canonicalRow } from './hash';

interface RowLookup {
  get(key: string): DataRow | undefined;
}

export interface RebaseInput {
  delta: Delta;
  /** The version the change was worked out on. */
  parent: RowLookup;
  parentNumber: number;
  /** The project's newest version, saved after the parent. */
  newest: RowLookup;
  newestNumber: number;
}

/** A row left out of a rebased label change. */
export interface LabelConflict {
  key: string;
  /** The label the change wanted. */
  wanted: string | null;
  /** The newest version's label; undefined when that version no longer has the row. */
  found: string | null | undefined;
}

export type Rebase =
  | { ok: true; delta: Delta; conflicts: LabelConflict[]; note: string | null }
  | { ok: false; reason: string };

/** Rows named in a message before "and N more". */
const NAMED_ROWS = 5;

/** Whether every upsert is an existing row of `parent` with only its label changed. */
export function onlySetsLabels(delta: Delta, parent: RowLookup): boolean {
  if (delta.removedKeys.length) return false;
  return delta.upserts.every((row) => {
    const before = parent.get(row.key);
    return before !== undefined && canonicalRow({ ...row, label: before.label }) === canonicalRow(before);
  });
}

/** The change to write on the newest version instead of the parent, or why it cannot be. */
export function rebaseDelta(input: RebaseInput): Rebase {
  const { delta, parent, newest, newestNumber } = input;
  const elsewhere = `version ${newestNumber}, saved in another tab or window`;
  if (!onlySetsLabels(delta, parent)) {
    return {
      ok: false,
      reason:
        `This change was worked out on version ${input.parentNumber}, but ${elsewhere}, is newer, and only label changes can be ` +
        `carried over to it. Nothing was written: do it again on version ${newestNumber}.`,
    };
  }
  const upserts: DataRow[] = [];
  const conflicts: LabelConflict[] = [];
  for (const row of delta.upserts) {
    const now = newest.get(row.key);
    if (now?.label === row.label) continue; // the newer version already says the same
    if (!now || now.label !== parent.get(row.key)!.label) conflicts.push({ key: row.key, wanted: row.label, found: now?.label });
    else upserts.push({ ...now, label: row.label });
  }
  const note = conflicts.length ? describeConflicts(conflicts, newestNumber) : null;
  if (upserts.length) return { ok: true, delta: { upserts, removedKeys: [] }, conflicts, note };
  return {
    ok: false,
    reason: note
      ? `Nothing was written. ${note} Relabel in the newest version if you disagree.`
      : `Nothing was written: ${elsewhere}, already gives these rows these labels.`,
  };
}

const labelName = (label: string | null | undefined) => (label == null ? '(unlabelled)' : `“${label}”`);

/** Which rows a rebased label change left out, and why, naming the first few. */
export function describeConflicts(conflicts: readonly LabelConflict[], newestNumber: number): string {
  const elsewhere = `version ${newestNumber}, saved in another tab or window`;
  if (conflicts.length === 1) {
    const [c] = conflicts;
    return c.found === undefined
      ? `Row ${c.key} is not in ${elsewhere}, so your label was not applied.`
      : `Row ${c.key} was labelled ${labelName(c.found)} in ${elsewhere}, so your label ${labelName(c.wanted)} was not applied.`;
  }
  const named = conflicts.slice(0, NAMED_ROWS).map((c) => `${c.key} (${c.found === undefined ? 'removed' : `now ${labelName(c.found)}`})`);
  const more = conflicts.length > NAMED_ROWS ? ` and ${conflicts.length - NAMED_ROWS} more` : '';
  return `${conflicts.length} rows were changed in ${elsewhere}, so your labels for them were not applied: ${named.join(', ')}${more}.`;
}
