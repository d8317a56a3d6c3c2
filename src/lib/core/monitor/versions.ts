/**
 * What each model version did over a window, from a merged bucket's version tallies: the table
 * that compares a champion with its canary or shadow challenger on the same traffic.
 */
import type { MetricBucket } from './buckets';

export interface VersionRow {
  modelVersionId: string;
  /** "Ticket router v3", or the id when the version is no longer registered. */
  name: string;
  requests: number;
  errorRate: number | null;
  meanLatencyMs: number | null;
  answered: number;
  labelled: number;
  /** correct / labelled. */
  accuracy: number | null;
}

export function versionRows(bucket: MetricBucket, known: readonly { id: string; name: string; version: number }[]): VersionRow[] {
  const byId = new Map(known.map((v) => [v.id, v]));
  return Object.entries(bucket.versions)
    .map(([id, t]): VersionRow & { order: number } => ({
      modelVersionId: id,
      name: byId.get(id)?.name ?? id,
      order: byId.get(id)?.version ?? -1,
      requests: t.requests,
      errorRate: t.requests ? t.errors / t.requests : null,
      meanLatencyMs: t.requests ? t.latencySumUs / (t.requests * 1000) : null,
      answered: t.answered,
      labelled: t.labelled,
      accuracy: t.labelled ? t.correct / t.labelled : null,
    }))
    .sort((a, b) => b.order - a.order || a.name.localeCompare(b.name))
    .map(({ order: _order, ...row }) => row);
}
