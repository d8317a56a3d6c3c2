/**
 * What each model version did over a window, from a merged bucket's version tallies: the table
 * that compares a champion with its canary or shadow challenger on the same traffic. Its error
 * rate counts predict requests routed to the version (a version that fails every request has a
 * row, at 100 %); buckets from before requests were logged fall back to the logged predictions.
 */
import type { MetricBucket } from './buckets';

export interface VersionRow {
  modelVersionId: string;
  /** "Ticket router v3", or the id when the version is no longer registered. */
  name: string;
  /** Predictions it made (one per text), shadow scores included. */
  predictions: number;
  /** Predict requests routed to it (null for windows from before requests were logged). */
  requests: number | null;
  /** Server errors / predict requests routed to it. */
  errorRate: number | null;
  meanLatencyMs: number | null;
  answered: number;
  labelled: number;
  /** correct / labelled. */
  accuracy: number | null;
}

export function versionRows(bucket: MetricBucket, known: readonly { id: string; name: string; version: number }[]): VersionRow[] {
  const byId = new Map(known.map((v) => [v.id, v]));
  const calls = bucket.calls?.versions;
  const ids = new Set([...Object.keys(bucket.versions), ...Object.keys(calls ?? {})]);
  const none = { requests: 0, errors: 0, latencySumUs: 0, answered: 0, labelled: 0, correct: 0 };
  return [...ids]
    .map((id): VersionRow & { order: number } => {
      const t = Object.hasOwn(bucket.versions, id) ? bucket.versions[id] : none;
      const c = calls && Object.hasOwn(calls, id) ? calls[id] : null;
      return {
        modelVersionId: id,
        name: byId.get(id)?.name ?? id,
        order: byId.get(id)?.version ?? -1,
        predictions: t.requests,
        requests: calls ? (c?.requests ?? 0) : null,
        errorRate: calls ? (c?.requests ? c.errors / c.requests : null) : t.requests ? t.errors / t.requests : null,
        meanLatencyMs: t.requests ? t.latencySumUs / (t.requests * 1000) : null,
        answered: t.answered,
        labelled: t.labelled,
        accuracy: t.labelled ? t.correct / t.labelled : null,
      };
    })
    .sort((a, b) => b.order - a.order || a.name.localeCompare(b.name))
    .map(({ order: _order, ...row }) => row);
}
