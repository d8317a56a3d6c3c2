/**
 * Build buckets from raw logs in one pass: the backfill when monitoring starts on an existing
 * log, the reference the tests compare incremental updates with, and the speed check. Live
 * traffic instead adds each log to its current bucket as it is written.
 */
import { BASE_BUCKET_MS, addPrediction, bucketStart, emptyBucket, type MetricBucket, type PredictionSample } from './buckets';
import { addHealthCheck, emptyHealthBucket, type HealthBucket, type HealthCheck } from './health';

/** Generic one-pass grouping by slot; the last slot is cached because logs arrive in time order. */
function group<L extends { at: string }, B extends { start: number }>(
  logs: Iterable<L>,
  sizeMs: number,
  empty: (start: number, sizeMs: number) => B,
  add: (bucket: B, log: L, atMs: number) => void,
): B[] {
  const byStart = new Map<number, B>();
  let last: B | undefined;
  for (const log of logs) {
    const atMs = Date.parse(log.at);
    const start = bucketStart(atMs, sizeMs);
    if (last?.start !== start) {
      last = byStart.get(start);
      if (!last) {
        last = empty(start, sizeMs);
        byStart.set(start, last);
      }
    }
    add(last, log, atMs);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** One bucket per non-empty `sizeMs` slot (default 1 minute), sorted by start. */
export function bucketizePredictions(logs: Iterable<PredictionSample>, sizeMs: number = BASE_BUCKET_MS): MetricBucket[] {
  return group(logs, sizeMs, emptyBucket, addPrediction);
}

/** One health bucket per non-empty `sizeMs` slot (default 1 minute), sorted by start. */
export function bucketizeHealthChecks(checks: Iterable<HealthCheck>, sizeMs: number = BASE_BUCKET_MS): HealthBucket[] {
  return group(checks, sizeMs, emptyHealthBucket, addHealthCheck);
}
