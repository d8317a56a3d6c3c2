import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { metricBuckets, recentPredictions, recordPredictions } from '$lib/db/monitoring';
import type { PredictionLogRecord } from '$lib/db/records';
import { summarize } from '$lib/core/monitor/query';
import { mergeBuckets } from '$lib/core/monitor/buckets';
import { freshDb } from './testDb';

let db: LifecycleDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const log = (at: string, label: string, latencyMs: number, status = 200, projectId = 'p'): PredictionLogRecord => ({
  projectId, deploymentId: 'd', modelVersionId: 'v', at, inputHash: 'h', label, confidence: 0.8, latencyMs, status, route: 'champion',
});

describe('prediction logs and minute buckets', () => {
  it('stores the logs and folds them into per-project minute buckets, also across calls', async () => {
    await recordPredictions(db, [log('2026-03-01T10:00:05Z', 'Billing', 2), log('2026-03-01T10:00:40Z', 'Billing', 4), log('2026-03-01T10:01:10Z', 'Technical Issue', 6)]);
    await recordPredictions(db, [log('2026-03-01T10:01:50Z', 'Billing', 8, 500), log('2026-03-01T10:01:55Z', 'Billing', 1, 200, 'other')]);
    expect(await db.predictionLogs.count()).toBe(5);
    const from = Date.parse('2026-03-01T10:00:00Z');
    const buckets = await metricBuckets(db, 'p', from, from + 3_600_000);
    expect(buckets.map((b) => b.start)).toEqual([from, from + 60_000]);
    const total = summarize(buckets.reduce(mergeBuckets));
    expect(total.requests).toBe(4);
    expect(total.errors).toBe(1);
    expect(total.labelShares.Billing).toBeGreaterThan(0);
    expect((await recentPredictions(db, 'p', 2)).map((l) => l.at)).toEqual(['2026-03-01T10:01:50Z', '2026-03-01T10:01:10Z']);
    expect(await metricBuckets(db, 'other', from, from + 3_600_000)).toHaveLength(1);
  });
});
