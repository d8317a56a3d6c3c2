/**
 * How strongly a category column goes with the label. A column that predicts the label almost
 * perfectly (a `group` equal to the class) is a likely label leak or proxy, which a per-value
 * "differs from overall" flag does not name. Two measures, both 0 (independent) to 1 (one
 * determines the other), over the same contingency table of values × classes:
 * - Cramér's V, plain (no bias correction): √(χ² / (n · (min(values, classes) − 1))), as
 *   `scipy.stats.contingency.association(table, method='cramer')`.
 * - Normalised mutual information: I(column; label) / mean(H(column), H(label)), the arithmetic
 *   mean, as `sklearn.metrics.normalized_mutual_info_score` by default.
 */
import type { ClassMixReport } from './bias';
import { MIN_SEGMENT_ROWS } from './bias';

/** Cramér's V at or above this: named as a likely label leak or proxy. */
export const LEAK_ASSOCIATION = 0.9;
/** … at or above this: a warning that the column goes strongly with the label. */
export const STRONG_ASSOCIATION = 0.5;
/**
 * Fewer labelled rows per value than this and V is not judged: with a value per few rows (ids,
 * free text kept as a category) any column "predicts" the label by chance.
 */
export const MIN_ROWS_PER_VALUE = 5;

/** Counts per (row = column value, column = class); empty rows and columns are ignored. */
export type ContingencyTable = readonly (readonly number[])[];

function margins(table: ContingencyTable) {
  const rows = table.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const n = rows.reduce((s, x) => s + x, 0);
  return { rows, cols, n };
}

/** Cramér's V in [0, 1]; null when the table has fewer than two non-empty rows or columns. */
export function cramersV(table: ContingencyTable): number | null {
  const { rows, cols, n } = margins(table);
  const k = Math.min(rows.filter((x) => x > 0).length, cols.filter((x) => x > 0).length);
  if (k < 2) return null;
  let chiSquare = 0;
  table.forEach((r, i) =>
    r.forEach((observed, j) => {
      const expected = (rows[i] * cols[j]) / n;
      if (expected > 0) chiSquare += ((observed - expected) * (observed - expected)) / expected;
    }),
  );
  return Math.min(1, Math.sqrt(chiSquare / (n * (k - 1))));
}

const entropy = (counts: readonly number[], n: number) => counts.reduce((h, x) => (x > 0 ? h - (x / n) * Math.log(x / n) : h), 0);

/** Normalised mutual information in [0, 1] (arithmetic mean of the two entropies); null for an empty table. */
export function normalizedMutualInformation(table: ContingencyTable): number | null {
  const { rows, cols, n } = margins(table);
  if (n === 0) return null;
  const hRows = entropy(rows, n);
  const hCols = entropy(cols, n);
  // Both sides constant: sklearn calls the two labellings identical.
  if (hRows === 0 && hCols === 0) return 1;
  let mutual = 0;
  table.forEach((r, i) =>
    r.forEach((x, j) => {
      if (x > 0) mutual += (x / n) * Math.log((x * n) / (rows[i] * cols[j]));
    }),
  );
  return Math.min(1, Math.max(0, mutual / ((hRows + hCols) / 2)));
}

export interface LabelAssociation {
  column: string;
  /** Labelled rows the measures count. */
  rows: number;
  /** Distinct values of the column (missing counts as one). */
  values: number;
  cramersV: number | null;
  normalizedMutualInformation: number | null;
  /** 'leak' ≥ LEAK_ASSOCIATION, 'strong' ≥ STRONG_ASSOCIATION; 'unjudged' with too few rows per value. */
  level: 'leak' | 'strong' | 'weak' | 'unjudged';
  /** What the level means for this column, in words; null when there is nothing to say. */
  message: string | null;
}

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** The association of one column with the label, from its class mix (`classMixBySlice`). */
export function labelAssociation(mix: Pick<ClassMixReport, 'column' | 'segments'>): LabelAssociation {
  const table = mix.segments.map((s) => s.counts);
  const rows = mix.segments.reduce((s, seg) => s + seg.rows, 0);
  const values = mix.segments.length;
  const v = cramersV(table);
  const nmi = normalizedMutualInformation(table);
  const base = { column: mix.column, rows, values, cramersV: v, normalizedMutualInformation: nmi };
  const measures = `Cramér's V ${fixed(v)}, normalised mutual information ${fixed(nmi)}`;
  if (v === null || rows < MIN_SEGMENT_ROWS || rows < values * MIN_ROWS_PER_VALUE) {
    return { ...base, level: 'unjudged', message: null };
  }
  if (v >= LEAK_ASSOCIATION) {
    return {
      ...base,
      level: 'leak',
      message:
        `Likely label leak or proxy: “${mix.column}” predicts the label almost perfectly (${measures}). ` +
        `A model that sees this column, or text that gives it away, learns the column instead of the content; ` +
        `in production the column may not be known before the label is, or it may stand for a protected attribute. ` +
        `Find out how the column and the labels were made before training.`,
    };
  }
  if (v >= STRONG_ASSOCIATION) {
    return {
      ...base,
      level: 'strong',
      message:
        `“${mix.column}” goes strongly with the label (${measures}): check that it is not derived from the label ` +
        `and does not stand for a protected attribute the model should not learn.`,
    };
  }
  return { ...base, level: 'weak', message: null };
}

/** The rule in words, for the Checks view. */
export const ASSOCIATION_RULE =
  `Cramér's V (plain, no bias correction) and normalised mutual information between each category column and the label, ` +
  `both 0 (independent) to 1 (one determines the other). V ≥ ${LEAK_ASSOCIATION} is named a likely label leak or proxy, ` +
  `V ≥ ${STRONG_ASSOCIATION} a strong association; judged from ${MIN_SEGMENT_ROWS} labelled rows and ${MIN_ROWS_PER_VALUE} per value.`;
