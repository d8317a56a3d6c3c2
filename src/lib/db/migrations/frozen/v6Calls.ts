/**
 * The request counts (`calls`) of a minute bucket as schema v6 introduced them, reduced to what
 * the v6 upgrade adds: one answered (200) predict request. A frozen copy of the parts of
 * `addRequest` (core/monitor/buckets.ts) at v6, so the upgrade writes v6 buckets forever; a later
 * change to the bucket layout gets its own upgrade instead. (The key-safe counting helpers are
 * shared: they define how a JSON object counts, not the bucket layout.)
 */
import { addCount, setOwn } from '$lib/core/monitor/counts';

/** Minute buckets, ms. */
const BUCKET_MS_V6 = 60_000;

interface CallsV6 {
  requests: number;
  status: { informational: number; success: number; redirect: number; clientError: number; serverError: number; failed: number };
  routes: Record<string, number>;
  codes: Record<string, number>;
  versions: Record<string, { requests: number; errors: number }>;
}

/** A stored bucket: only `calls` is touched here. */
export interface BucketV6 {
  calls?: CallsV6;
}

/** Start of the minute holding the ISO time `at`, ms since the epoch; throws on an unreadable time (as v6 did). */
export function minuteStartV6(at: string): number {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`Time ${ms} is not a finite ms timestamp.`);
  return Math.floor(ms / BUCKET_MS_V6) * BUCKET_MS_V6;
}

/** Counts one predict request answered 200 by `modelVersionId` into the bucket (mutated). */
export function addServedPredictV6(bucket: BucketV6, modelVersionId: string): void {
  const calls = (bucket.calls ??= {
    requests: 0,
    status: { informational: 0, success: 0, redirect: 0, clientError: 0, serverError: 0, failed: 0 },
    routes: {},
    codes: {},
    versions: {},
  });
  calls.requests++;
  calls.status.success++;
  addCount(calls.routes, '/api/v1/predict', 1);
  if (!modelVersionId) return;
  if (!Object.hasOwn(calls.versions, modelVersionId)) setOwn(calls.versions, modelVersionId, { requests: 0, errors: 0 });
  calls.versions[modelVersionId].requests++;
}
