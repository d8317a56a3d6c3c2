/**
 * Health checks aggregated like predictions: one {@link HealthBucket} per time slot (1 minute at
 * base resolution), merged by addition. Availability over a span is ok checks / checks; a span
 * without checks (the app was closed, nobody probed) has no availability rather than 0 or 1.
 */
import { BASE_BUCKET_MS } from './buckets';

/** One probe of `GET /api/v1/health`. */
export interface HealthCheck {
  /** When the probe ran, ISO 8601. */
  at: string;
  /** Whether the endpoint answered healthy. */
  ok: boolean;
  /** Time the probe took, ms. */
  latencyMs: number;
}

export interface HealthBucket {
  /** Start of the slot, ms since the epoch. */
  start: number;
  /** Length of the slot, ms: covers [start, start + sizeMs). */
  sizeMs: number;
  /** Probes in the slot. */
  checks: number;
  /** Probes that answered healthy. */
  ok: number;
  /** Sum of probe latencies, µs (integer, each rounded once; see buckets.ts). */
  latencySumUs: number;
}

export function emptyHealthBucket(start: number, sizeMs: number = BASE_BUCKET_MS): HealthBucket {
  if (!(Number.isInteger(sizeMs) && sizeMs > 0)) throw new RangeError(`Bucket size must be a positive integer of ms, got ${sizeMs}.`);
  return { start, sizeMs, checks: 0, ok: 0, latencySumUs: 0 };
}

/**
 * Add one probe to `bucket` (mutated); `atMs` is `Date.parse(check.at)` when the caller has it.
 * Throws a RangeError when the probe falls outside the bucket or its latency is not ≥ 0.
 */
export function addHealthCheck(bucket: HealthBucket, check: HealthCheck, atMs: number = Date.parse(check.at)): void {
  if (!(atMs >= bucket.start && atMs < bucket.start + bucket.sizeMs)) {
    throw new RangeError(`Health check at ${check.at} is outside the bucket starting ${new Date(bucket.start).toISOString()}.`);
  }
  if (!(check.latencyMs >= 0 && check.latencyMs < Infinity)) throw new RangeError(`Latency ${check.latencyMs} is not a duration ≥ 0 ms.`);
  bucket.checks++;
  if (check.ok) bucket.ok++;
  bucket.latencySumUs += Math.round(check.latencyMs * 1000);
}

/** Add the counts of `source` into `target` (mutated); `target` keeps its start and size. */
export function mergeHealthInto(target: HealthBucket, source: HealthBucket): void {
  target.checks += source.checks;
  target.ok += source.ok;
  target.latencySumUs += source.latencySumUs;
}

/** A new bucket holding both, spanning from the earlier start to the later end. */
export function mergeHealthBuckets(a: HealthBucket, b: HealthBucket): HealthBucket {
  const start = Math.min(a.start, b.start);
  const merged = emptyHealthBucket(start, Math.max(a.start + a.sizeMs, b.start + b.sizeMs) - start);
  mergeHealthInto(merged, a);
  mergeHealthInto(merged, b);
  return merged;
}

/** ok / checks in [0, 1]; null without checks. */
export function availability(bucket: HealthBucket): number | null {
  return bucket.checks === 0 ? null : bucket.ok / bucket.checks;
}
