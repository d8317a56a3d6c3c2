/**
 * Prediction logs and their minute buckets, health checks, and the queries the Monitor page makes.
 * Logs and buckets are written together, so the dashboard never disagrees with the log.
 */
import type { LifecycleDatabase } from './database';
import type { HealthCheckRecord, MetricBucketRecord, PredictionLogRecord } from './records';
import { addPrediction, bucketStart, emptyBucket, BASE_BUCKET_MS, type MetricBucket } from '$lib/core/monitor/buckets';

/** Stores prediction logs and folds them into their projects' minute buckets, in one transaction. */
export async function recordPredictions(db: LifecycleDatabase, logs: readonly PredictionLogRecord[]): Promise<void> {
  if (!logs.length) return;
  await db.transaction('rw', [db.predictionLogs, db.metricBuckets], async () => {
    await db.predictionLogs.bulkAdd(logs.map((l) => ({ ...l })));
    const touched = new Map<string, MetricBucketRecord>();
    for (const log of logs) {
      const atMs = Date.parse(log.at);
      const start = bucketStart(atMs, BASE_BUCKET_MS);
      const key = `${log.projectId}\u0000${start}`;
      let record = touched.get(key);
      if (!record) {
        record = (await db.metricBuckets.get([log.projectId, start])) ?? { projectId: log.projectId, start, bucket: emptyBucket(start, BASE_BUCKET_MS) };
        touched.set(key, record);
      }
      addPrediction(record.bucket, { ...log, route: log.route ?? 'champion' }, atMs);
    }
    await db.metricBuckets.bulkPut([...touched.values()]);
  });
}

/** Minute buckets of a project in [from, to) (ms since the epoch). */
export async function metricBuckets(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<MetricBucket[]> {
  const records = await db.metricBuckets.where('[projectId+start]').between([projectId, from], [projectId, to], true, false).toArray();
  return records.map((r) => r.bucket);
}

export async function recordHealthCheck(db: LifecycleDatabase, check: Omit<HealthCheckRecord, 'id'>): Promise<void> {
  await db.healthChecks.add(check);
}

export function healthChecks(db: LifecycleDatabase, projectId: string, from: string, to: string): Promise<HealthCheckRecord[]> {
  return db.healthChecks.where('[projectId+at]').between([projectId, from], [projectId, to], true, false).toArray();
}

/** The newest logged predictions of a project, newest first. */
export function recentPredictions(db: LifecycleDatabase, projectId: string, limit = 50): Promise<PredictionLogRecord[]> {
  return db.predictionLogs.where('[projectId+at]').between([projectId, ''], [projectId, '\uffff']).reverse().limit(limit).toArray();
}
