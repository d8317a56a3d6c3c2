/**
 * The labelling queue's order: as stored, most uncertain first (lowest margin between the model's
 * two most likely classes), or the model disagreeing with feedback first (feedback rows whose label
 * the model would not give, for a person to re-check). Ties break by key, so an order is the same
 * on every run. The model only suggests: nothing here chooses a label.
 */
import { championOf } from '../registry/champion';
import type { DataRow } from '../data/dataset';
import { PRODUCTION_META } from './productionRows';

export type QueueOrder = 'stored' | 'uncertain' | 'disagreement';

export const QUEUE_ORDERS: readonly { id: QueueOrder; title: string }[] = [
  { id: 'stored', title: 'As stored' },
  { id: 'uncertain', title: 'Most uncertain first' },
  { id: 'disagreement', title: 'Model disagrees with feedback first' },
];

/** What a model says of one row. */
export interface RowScore {
  /** The most likely class. */
  predicted: string;
  /** Its probability, in [0, 1]. */
  confidence: number;
  /** Top probability minus the second (the only class: its probability); low = uncertain. */
  margin: number;
}

/** A row the queue may offer: unlabelled, or labelled from feedback. */
export interface QueueCandidate {
  key: string;
  label: string | null;
  /** The row's production source, when it has one. */
  source: string | null;
  /** A person changed or confirmed its label since it was collected. */
  reviewed: boolean;
}

/** The score of one row from the model's class probabilities (same order as `classes`). */
export function rowScore(classes: readonly string[], probabilities: ArrayLike<number>): RowScore {
  if (classes.length === 0 || probabilities.length !== classes.length) throw new Error(`rowScore: ${probabilities.length} probabilities for ${classes.length} classes`);
  let best = 0;
  let second = -1;
  for (let c = 1; c < probabilities.length; c++) {
    if (probabilities[c] > probabilities[best]) {
      second = best;
      best = c;
    } else if (second < 0 || probabilities[c] > probabilities[second]) second = c;
  }
  const top = probabilities[best];
  return { predicted: classes[best], confidence: top, margin: top - (second < 0 ? 0 : probabilities[second]) };
}

/** Whether a row is a candidate: unlabelled, or labelled from feedback. */
export function queueCandidate(row: Pick<DataRow, 'key' | 'label' | 'meta'>, reviewed: boolean): QueueCandidate | null {
  const source = row.meta[PRODUCTION_META.source];
  const fromFeedback = source === 'feedback';
  if (row.label !== null && !fromFeedback) return null;
  return { key: row.key, label: row.label, source: typeof source === 'string' ? source : null, reviewed };
}

/** A feedback row, not yet reviewed by a person, whose label is not the class the model predicts. */
export function disagrees(candidate: QueueCandidate, score: RowScore | undefined): boolean {
  return candidate.source === 'feedback' && candidate.label !== null && !candidate.reviewed && !!score && score.predicted !== candidate.label;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The keys the queue offers, in order. `stored`: unlabelled rows as the version holds them.
 * `uncertain`: unlabelled rows by margin, lowest first; rows without a score last. `disagreement`:
 * disagreeing feedback rows (see `disagrees`), the model's most confident disagreements first.
 */
export function orderQueue(order: QueueOrder, candidates: readonly QueueCandidate[], scores: ReadonlyMap<string, RowScore>): string[] {
  if (order === 'stored') return candidates.filter((c) => c.label === null).map((c) => c.key);
  if (order === 'uncertain') {
    const rank = (key: string) => scores.get(key)?.margin ?? Infinity;
    return candidates
      .filter((c) => c.label === null)
      .map((c) => ({ key: c.key, margin: rank(c.key) }))
      .sort((a, b) => (a.margin === b.margin ? byKey(a.key, b.key) : a.margin < b.margin ? -1 : 1))
      .map((c) => c.key);
  }
  return candidates
    .filter((c) => disagrees(c, scores.get(c.key)))
    .map((c) => ({ key: c.key, confidence: scores.get(c.key)!.confidence }))
    .sort((a, b) => (a.confidence === b.confidence ? byKey(a.key, b.key) : b.confidence - a.confidence))
    .map((c) => c.key);
}

/** The model the queue asks, and why that one. */
export interface ScoringModel {
  runId: string;
  /** "Ticket router v3" or "run 5". */
  name: string;
  why: 'champion' | 'newest registered version' | 'newest run';
}

/**
 * The champion (the version holding the `champion` alias); else the newest registered version
 * (not archived); else the newest run. Null when the project has no model yet.
 */
export function scoringModel(
  versions: readonly { runId: string; modelName: string; version: number; aliases: readonly string[]; archived: boolean; createdAt: string }[],
  runs: readonly { id: string; number: number }[],
): ScoringModel | null {
  const named = (v: (typeof versions)[number]) => `${v.modelName} v${v.version}`;
  const champion = championOf(versions);
  if (champion) return { runId: champion.runId, name: named(champion), why: 'champion' };
  const newest = versions.filter((v) => !v.archived).sort((a, b) => byKey(b.createdAt, a.createdAt))[0];
  if (newest) return { runId: newest.runId, name: named(newest), why: 'newest registered version' };
  const run = [...runs].sort((a, b) => b.number - a.number)[0];
  return run ? { runId: run.id, name: `run ${run.number}`, why: 'newest run' } : null;
}
