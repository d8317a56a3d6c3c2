/**
 * Train/test leakage by duplicate text: the same ticket in train and test makes test scores
 * look better than the model is. Texts are compared after `normalizeText`, so case and
 * spacing differences do not hide a duplicate.
 */
import { SPLIT_NAMES, type DataRow, type SplitName } from './dataset';
import { textKey } from './duplicates';

/** Lowercase, runs of whitespace collapsed to one space, trimmed: the import's duplicate key. */
export const normalizeText = textKey;

/** Rows sharing one normalized text across two or more splits. */
export interface LeakageGroup {
  /** The normalized text. */
  text: string;
  /** Keys of the rows, ordered by split (train, validation, test), then key. */
  keys: string[];
  /** `splits[i]` is the split of `keys[i]`. */
  splits: SplitName[];
}

export interface LeakageReport {
  /** Largest groups first, then by text. */
  groups: LeakageGroup[];
  /** Rows in any group (all copies, including the one in train). */
  affectedRows: number;
}

/**
 * Groups of rows with identical normalized text in different splits, found with one hash map
 * pass (O(total text length)). Rows without a split are ignored.
 */
export function findLeakage(rows: readonly Pick<DataRow, 'key' | 'text' | 'split'>[]): LeakageReport {
  // First row index per text, and the full member list only once a second row arrives.
  const first = new Map<string, number>();
  const members = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.split === undefined) return;
    const text = normalizeText(row.text);
    const seen = first.get(text);
    if (seen === undefined) first.set(text, i);
    else {
      const list = members.get(text);
      if (list) list.push(i);
      else members.set(text, [seen, i]);
    }
  });
  const splitOrder = (s: SplitName) => SPLIT_NAMES.indexOf(s);
  const groups: LeakageGroup[] = [];
  let affectedRows = 0;
  for (const [text, indices] of members) {
    const splitOf = (i: number) => rows[i].split as SplitName;
    if (indices.every((i) => splitOf(i) === splitOf(indices[0]))) continue;
    indices.sort((i, j) => {
      const bySplit = splitOrder(splitOf(i)) - splitOrder(splitOf(j));
      return bySplit !== 0 ? bySplit : rows[i].key < rows[j].key ? -1 : rows[i].key > rows[j].key ? 1 : 0;
    });
    groups.push({ text, keys: indices.map((i) => rows[i].key), splits: indices.map(splitOf) });
    affectedRows += indices.length;
  }
  groups.sort((a, b) => b.keys.length - a.keys.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { groups, affectedRows };
}
