/**
 * Agreement between the three sources of labels on production rows (productionRows.ts): the
 * feedback that arrived with a logged prediction, a person labelling in the app, and the model
 * that answered (its `predicted_label`). Per pair: how many rows both judged, the share where they
 * agree, Cohen's kappa (agreement beyond what the two label mixes give by chance), a reading in
 * words and the most common disagreements.
 *
 * What each source said of a row, from the row and its label changes (oldest first):
 * - feedback: a `feedback` row's label when it was collected, i.e. the previous label of its first
 *   change, or its label when nobody changed it;
 * - a person: the row's label when its source is `labelled in app`, or when a person changed or
 *   confirmed its label after collection (any label change: production rows are new keys, so
 *   every change of one came after collection);
 * - the model: the row's `predicted_label`.
 * Rows without a production source are not counted.
 */
import type { DataRow } from '../data/dataset';
import { PRODUCTION_META, PRODUCTION_SOURCES, type ProductionSource } from './productionRows';

/** A row's label change, as the label history stores it (label === previousLabel: a person confirmed the label). */
export interface LabelChange {
  rowKey: string;
  label: string | null;
  previousLabel: string | null;
  /** ISO 8601 */
  at: string;
  /** Order of writing, for changes with the same time. */
  id?: number;
}

export type AgreementPairId = 'feedback-model' | 'app-model' | 'feedback-app';

export interface AgreementPair {
  id: AgreementPairId;
  /** Rows both sides labelled. */
  n: number;
  /** Share of those rows with the same label, in [0, 1]; null when n = 0. */
  observed: number | null;
  /** Cohen's kappa; null when n = 0 or when chance alone agrees fully (both sides used one class). */
  kappa: number | null;
  /** The kappa in words. */
  reading: string;
  /** The most common disagreements: what the first side said, what the second said, how often. */
  disagreements: { first: string; second: string; count: number }[];
}

export interface ProductionAgreement {
  /** Rows with a production source. */
  productionRows: number;
  pairs: AgreementPair[];
}

/** The two sides of each pair, first then second, in words for any project. */
export const AGREEMENT_PAIRS: readonly { id: AgreementPairId; first: string; second: string }[] = [
  { id: 'feedback-model', first: 'Feedback', second: 'Model' },
  { id: 'app-model', first: 'Labelled in the app', second: 'Model' },
  { id: 'feedback-app', first: 'Feedback', second: 'Labelled in the app' },
];

/** Disagreements listed per pair. */
const LISTED = 5;

/** Share of positions where `a` and `b` hold the same label; null for no positions. */
export function observedAgreement(a: readonly string[], b: readonly string[]): number | null {
  if (a.length !== b.length) throw new Error(`observedAgreement: ${a.length} labels against ${b.length}`);
  if (a.length === 0) return null;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Cohen's kappa of two labellings of the same rows: (p_o − p_e) / (1 − p_e), where p_e is the
 * agreement expected from each side's class shares alone. Null when there are no rows or p_e = 1
 * (both sides used the same single class: kappa is 0/0, as scikit-learn's NaN).
 */
export function cohenKappa(a: readonly string[], b: readonly string[]): number | null {
  const po = observedAgreement(a, b);
  if (po === null) return null;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const label of a) countA.set(label, (countA.get(label) ?? 0) + 1);
  for (const label of b) countB.set(label, (countB.get(label) ?? 0) + 1);
  const n = a.length;
  let pe = 0;
  for (const [label, count] of countA) pe += (count / n) * ((countB.get(label) ?? 0) / n);
  if (pe >= 1 - 1e-12) return null;
  return (po - pe) / (1 - pe);
}

/** Kappa in words, by the bands of Landis & Koch (1977). */
export function kappaReading(kappa: number | null, n: number): string {
  if (n === 0) return 'no rows to compare yet';
  if (kappa === null) return 'kappa cannot be computed: both sides used one and the same class';
  const band =
    kappa < 0 ? 'less agreement than chance' :
    kappa <= 0.2 ? 'slight agreement' :
    kappa <= 0.4 ? 'fair agreement' :
    kappa <= 0.6 ? 'moderate agreement' :
    kappa <= 0.8 ? 'substantial agreement' : 'almost perfect agreement';
  return n < 20 ? `${band} (few rows: read with care)` : band;
}

function sourceOf(row: Pick<DataRow, 'meta'>): ProductionSource | null {
  const source = row.meta[PRODUCTION_META.source];
  return (PRODUCTION_SOURCES as readonly unknown[]).includes(source) ? (source as ProductionSource) : null;
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Changes grouped by row, oldest first (by time, then by order of writing). */
function changesByRow(changes: readonly LabelChange[]): Map<string, LabelChange[]> {
  const byRow = new Map<string, LabelChange[]>();
  for (const c of changes) {
    const list = byRow.get(c.rowKey);
    if (list) list.push(c);
    else byRow.set(c.rowKey, [c]);
  }
  for (const list of byRow.values()) list.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : (x.id ?? 0) - (y.id ?? 0)));
  return byRow;
}

/** What feedback, a person and the model said of one production row (null: that side did not label it). */
export function rowJudgements(row: Pick<DataRow, 'label' | 'meta'>, changes: readonly LabelChange[]): { feedback: string | null; person: string | null; model: string | null } {
  const source = sourceOf(row);
  const collected = changes.length ? changes[0].previousLabel : row.label;
  const personLabelled = source === 'labelled in app' || changes.length > 0;
  return {
    feedback: source === 'feedback' ? collected : null,
    person: personLabelled ? row.label : null,
    model: nonEmpty(row.meta[PRODUCTION_META.predictedLabel]),
  };
}

function pairOf(id: AgreementPairId, first: string[], second: string[]): AgreementPair {
  const kappa = cohenKappa(first, second);
  const counts = new Map<string, { first: string; second: string; count: number }>();
  first.forEach((a, i) => {
    const b = second[i];
    if (a === b) return;
    const key = JSON.stringify([a, b]);
    const entry = counts.get(key) ?? { first: a, second: b, count: 0 };
    entry.count++;
    counts.set(key, entry);
  });
  const disagreements = [...counts.values()]
    .sort((x, y) => y.count - x.count || (x.first < y.first ? -1 : x.first > y.first ? 1 : x.second < y.second ? -1 : x.second > y.second ? 1 : 0))
    .slice(0, LISTED);
  return { id, n: first.length, observed: observedAgreement(first, second), kappa, reading: kappaReading(kappa, first.length), disagreements };
}

/** Agreement of each pair over the production rows of a version, given the label changes of their keys. */
export function productionAgreement(rows: readonly Pick<DataRow, 'key' | 'label' | 'meta'>[], changes: readonly LabelChange[]): ProductionAgreement {
  const byRow = changesByRow(changes);
  const sides: Record<AgreementPairId, [string[], string[]]> = { 'feedback-model': [[], []], 'app-model': [[], []], 'feedback-app': [[], []] };
  const add = (id: AgreementPairId, a: string | null, b: string | null) => {
    if (a === null || b === null) return;
    sides[id][0].push(a);
    sides[id][1].push(b);
  };
  let productionRows = 0;
  for (const row of rows) {
    if (!sourceOf(row)) continue;
    productionRows++;
    const { feedback, person, model } = rowJudgements(row, byRow.get(row.key) ?? []);
    add('feedback-model', feedback, model);
    add('app-model', person, model);
    add('feedback-app', feedback, person);
  }
  return { productionRows, pairs: AGREEMENT_PAIRS.map(({ id }) => pairOf(id, ...sides[id])) };
}
