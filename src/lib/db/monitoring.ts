/**
 * Prediction logs and their minute buckets, health checks, and the queries the Monitor page makes.
 * Logs and buckets are written together, so the dashboard never disagrees with the log.
 */
import type { LifecycleDatabase } from './database';
import type { HealthCheckRecord, MetricBucketRecord, PredictionLogRecord } from './records';
import { addPrediction, bucketStart, emptyBucket, BASE_BUCKET_MS, type MetricBucket } from '$lib/core/monitor/buckets';
import type { OutcomeInput } from '$lib/core/serving/feedback';

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

export interface OutcomesResult {
  /** Predictions that got (or changed) their ground truth. */
  updated: number;
  /** Ids or refs no logged prediction of the project matched, in input order. */
  unknown: string[];
}

/**
 * Ground truth for earlier predictions, keyed by prediction id or by the caller's ref (the newest
 * prediction with that ref). The served answer and its shadow score both get the outcome. The
 * minute buckets of the graded predictions are rebuilt from their logs, so a corrected outcome
 * replaces the earlier one instead of counting twice. One transaction: all or nothing.
 */
export async function recordOutcomes(db: LifecycleDatabase, projectId: string, outcomes: readonly OutcomeInput[]): Promise<OutcomesResult> {
  return db.transaction('rw', [db.predictionLogs, db.metricBuckets], async () => {
    const unknown: string[] = [];
    const touchedMinutes = new Set<number>();
    let updated = 0;
    for (const { id, label } of outcomes) {
      let logs = (await db.predictionLogs.where('predictionId').equals(id).toArray()).filter((l) => l.projectId === projectId);
      if (!logs.length) {
        const byRef = await db.predictionLogs.where('[projectId+ref]').equals([projectId, id]).toArray();
        const newest = byRef.reduce<PredictionLogRecord | null>((best, l) => (!best || l.at > best.at ? l : best), null);
        logs = newest ? byRef.filter((l) => l.predictionId === newest.predictionId) : [];
      }
      if (!logs.length) {
        unknown.push(id);
        continue;
      }
      updated++;
      for (const log of logs) {
        if (log.outcome === label) continue;
        await db.predictionLogs.update(log.id!, { outcome: label });
        touchedMinutes.add(bucketStart(Date.parse(log.at), BASE_BUCKET_MS));
      }
    }
    for (const start of touchedMinutes) await db.metricBuckets.put({ projectId, start, bucket: await rebuildBucket(db, projectId, start) });
    return { updated, unknown };
  });
}

/** A project's minute bucket recomputed from its logs. */
async function rebuildBucket(db: LifecycleDatabase, projectId: string, start: number): Promise<MetricBucket> {
  const bucket = emptyBucket(start, BASE_BUCKET_MS);
  const range = [new Date(start).toISOString(), new Date(start + BASE_BUCKET_MS).toISOString()];
  await db.predictionLogs
    .where('[projectId+at]')
    .between([projectId, range[0]], [projectId, range[1]], true, false)
    .each((log) => addPrediction(bucket, { ...log, route: log.route ?? 'champion' }));
  return bucket;
}
