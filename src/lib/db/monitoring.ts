/**
 * Prediction logs and their minute buckets, health checks, and the queries the Monitor page makes.
 * Logs and buckets are written together, so the dashboard never disagrees with the log.
 */
import type { LifecycleDatabase } from './database';
import { ENDPOINT_COUNTERS_KEY, type HealthCheckRecord, type MetricBucketRecord, type PredictionLogRecord, type RequestLogRecord } from './records';
import { addPrediction, addRequest, bucketStart, emptyBucket, BASE_BUCKET_MS, type MetricBucket } from '$lib/core/monitor/buckets';
import { outcomeLabelProblem, type OutcomeInput, type RefusedOutcome } from '$lib/core/serving/feedback';
import { emptyEndpointCounters, mergeEndpointCounters, type EndpointCounters } from '$lib/core/serving/prometheus';
import { matchesPrediction, windowFrom, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import { nowIso } from './ids';

/** What the endpoint writes in one go: answers (one per text), requests (one per request), and counter increments. */
export interface EndpointTraffic {
  predictions: readonly PredictionLogRecord[];
  requests: readonly RequestLogRecord[];
  /** Added to the stored `/metrics` counters. */
  counters: EndpointCounters;
}

/**
 * Stores the endpoint's logs, folds them into their projects' minute buckets and adds to the
 * `/metrics` counters, in one transaction: the dashboard, the log and the counters never disagree.
 * Everything is read first and every write is issued last, together: should the transaction end
 * early (a busy service worker), it ends before anything was written, so the endpoint's retry of
 * the batch cannot store a log twice. Answers whose prediction id is already stored (a retried
 * batch that did commit) are left out for the same reason.
 */
export async function recordEndpointTraffic(db: LifecycleDatabase, traffic: EndpointTraffic): Promise<void> {
  const { requests, counters } = traffic;
  const countsSomething = counters.requests.length > 0 || counters.predictions.length > 0;
  if (!traffic.predictions.length && !requests.length && !countsSomething) return;
  await db.transaction('rw', [db.predictionLogs, db.requestLogs, db.metricBuckets, db.endpointCounters], async () => {
    const ids = [...new Set(traffic.predictions.flatMap((l) => (l.predictionId ? [l.predictionId] : [])))];
    const stored = new Set(ids.length ? ((await db.predictionLogs.where('predictionId').anyOf(ids).keys()) as string[]) : []);
    const predictions = stored.size ? traffic.predictions.filter((l) => !l.predictionId || !stored.has(l.predictionId)) : traffic.predictions;
    const at = (record: { projectId: string; at: string }) => {
      const atMs = Date.parse(record.at);
      return { atMs, key: [record.projectId, bucketStart(atMs, BASE_BUCKET_MS)] as [string, number] };
    };
    const keys = new Map<string, [string, number]>();
    for (const record of [...predictions, ...requests]) {
      const { key } = at(record);
      keys.set(`${key[0]}\u0000${key[1]}`, key);
    }
    const found = await db.metricBuckets.bulkGet([...keys.values()]);
    const counted = countsSomething ? await db.endpointCounters.get(ENDPOINT_COUNTERS_KEY) : undefined;
    // Reads are done: fold in memory, then write everything at once.
    const touched = new Map<string, MetricBucketRecord>();
    [...keys].forEach(([name, [projectId, start]], i) => touched.set(name, found[i] ?? { projectId, start, bucket: emptyBucket(start, BASE_BUCKET_MS) }));
    const bucketOf = (key: [string, number]) => touched.get(`${key[0]}\u0000${key[1]}`)!.bucket;
    for (const log of predictions) {
      const { atMs, key } = at(log);
      addPrediction(bucketOf(key), { ...log, route: log.route ?? 'champion' }, atMs);
    }
    for (const request of requests) {
      const { atMs, key } = at(request);
      addRequest(bucketOf(key), request, atMs);
    }
    await Promise.all([
      predictions.length ? db.predictionLogs.bulkAdd(predictions.map((l) => ({ ...l }))) : null,
      requests.length ? db.requestLogs.bulkAdd(requests.map((r) => ({ ...r }))) : null,
      touched.size ? db.metricBuckets.bulkPut([...touched.values()]) : null,
      countsSomething ? db.endpointCounters.put(mergeEndpointCounters(counted ?? { key: ENDPOINT_COUNTERS_KEY, ...emptyEndpointCounters() }, counters)) : null,
    ]);
  });
}

/** Stores prediction logs and folds them into their projects' minute buckets, in one transaction. */
export function recordPredictions(db: LifecycleDatabase, logs: readonly PredictionLogRecord[]): Promise<void> {
  return recordEndpointTraffic(db, { predictions: logs, requests: [], counters: emptyEndpointCounters() });
}

/** The stored `/metrics` counters of the endpoint (every project, since the database was created). */
export async function endpointCounters(db: LifecycleDatabase): Promise<EndpointCounters> {
  const stored = await db.endpointCounters.get(ENDPOINT_COUNTERS_KEY);
  if (!stored) return emptyEndpointCounters();
  const { key: _key, ...counters } = stored;
  return counters;
}

/** The newest logged requests of a project, newest first. */
export function recentRequests(db: LifecycleDatabase, projectId: string, limit = 50): Promise<RequestLogRecord[]> {
  return db.requestLogs.where('[projectId+at]').between([projectId, ''], [projectId, '\uffff']).reverse().limit(limit).toArray();
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

export interface PredictionPage {
  /** Served answers (shadow scores left out), newest first. */
  logs: PredictionLogRecord[];
  /** Whether more match after this page. */
  more: boolean;
}

/**
 * One page of a project's served answers that pass `filter` (core/monitor/predictionFilter.ts),
 * newest first: the window is read through the `[projectId+at]` index from the newest log back,
 * and reading stops once the page (and one more, to know there are more) is found — a first page
 * costs a few dozen records however many are kept; a rare search reads the window once. Measured
 * in Chromium over 100k logged texts (`log.query.*` in bench/): ~15 ms for the newest page, ~30 ms
 * filtered, ~3.5 s for a search nothing matches. Reading the window in time slices with `getAll`
 * was tried and was slower (~4.5 s): reading the records, not the cursor, is the cost.
 */
export async function queryPredictions(
  db: LifecycleDatabase,
  projectId: string,
  filter: PredictionFilter,
  nowMs: number,
  page: { offset: number; limit: number },
): Promise<PredictionPage> {
  const matches = matchesPrediction(filter);
  const logs = await db.predictionLogs
    .where('[projectId+at]')
    .between([projectId, windowFrom(filter.window, nowMs) ?? ''], [projectId, '\uffff'])
    .reverse()
    .filter((log) => log.route !== 'shadow' && matches(log))
    .offset(page.offset)
    .limit(page.limit + 1)
    .toArray();
  return { logs: logs.slice(0, page.limit), more: logs.length > page.limit };
}

export interface OutcomesResult {
  /** Predictions that got (or changed) their ground truth. */
  updated: number;
  /** Ids or refs no logged prediction of the project matched, in input order. */
  unknown: string[];
  /**
   * Outcomes whose label is not a class of the version that made the prediction
   * (core/serving/feedback.ts `outcomeLabelProblem`). Unless `skipRefused`, any refusal means
   * nothing was written and `updated` is 0.
   */
  refused: RefusedOutcome[];
}

/** The classes of the run behind each model version, read once per call. */
function classesReader(db: LifecycleDatabase): (modelVersionId: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (modelVersionId) => {
    let classes = cache.get(modelVersionId);
    if (!classes) {
      classes = db.modelVersions.get(modelVersionId).then(async (v) => (v ? ((await db.runs.get(v.runId))?.classes ?? []) : []));
      cache.set(modelVersionId, classes);
    }
    return classes;
  };
}

/**
 * Ground truth for earlier predictions, keyed by prediction id or by the caller's ref (the newest
 * prediction with that ref). A label must be one of the classes of the version that made the
 * prediction: if any is not, nothing is written and the result lists them in `refused` — unless
 * `skipRefused`, which writes the others. The served answer and its shadow score both get the
 * outcome (a shadow version with other classes keeps none). The minute buckets of the graded
 * predictions are rebuilt from their logs, so a corrected outcome replaces the earlier one
 * instead of counting twice. `source` says how the outcome arrived (`app`: a person labelled it on
 * the Monitor page; else feedback), for collection's row source. One transaction: all or nothing.
 */
export async function recordOutcomes(
  db: LifecycleDatabase,
  projectId: string,
  outcomes: readonly OutcomeInput[],
  /** `at`: when the outcomes arrived (ISO; default now), kept as `outcomeAt` for the outcome delay; `source`: how they arrived. */
  options: { skipRefused?: boolean; at?: string; source?: 'feedback' | 'app' } = {},
): Promise<OutcomesResult> {
  const outcomeAt = options.at ?? nowIso();
  const outcomeSource = options.source ?? 'feedback';
  return db.transaction('rw', [db.predictionLogs, db.metricBuckets, db.modelVersions, db.runs], async () => {
    const unknown: string[] = [];
    const refused: RefusedOutcome[] = [];
    const accepted: { label: string; logs: PredictionLogRecord[] }[] = [];
    const classesOf = classesReader(db);
    for (const [index, { id, label }] of outcomes.entries()) {
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
      // The served answer decides; a shadow score of a version without this class is not graded.
      const served = logs.find((l) => l.route !== 'shadow') ?? logs[0];
      const classes = await classesOf(served.modelVersionId);
      if (outcomeLabelProblem(label, classes)) {
        refused.push({ index, id, label, classes });
        continue;
      }
      const graded: PredictionLogRecord[] = [];
      for (const log of logs) if (log === served || !outcomeLabelProblem(label, await classesOf(log.modelVersionId))) graded.push(log);
      accepted.push({ label, logs: graded });
    }
    if (refused.length && !options.skipRefused) return { updated: 0, unknown, refused };
    const touchedMinutes = new Set<number>();
    for (const { label, logs } of accepted) {
      for (const log of logs) {
        if (log.outcome === label) continue;
        await db.predictionLogs.update(log.id!, { outcome: label, outcomeAt, outcomeSource });
        touchedMinutes.add(bucketStart(Date.parse(log.at), BASE_BUCKET_MS));
      }
    }
    for (const start of touchedMinutes) await db.metricBuckets.put({ projectId, start, bucket: await rebuildBucket(db, projectId, start) });
    return { updated: accepted.length, unknown, refused };
  });
}

/** A project's minute bucket recomputed from its prediction logs; its request counts are kept (outcomes do not change them). */
async function rebuildBucket(db: LifecycleDatabase, projectId: string, start: number): Promise<MetricBucket> {
  const bucket = emptyBucket(start, BASE_BUCKET_MS);
  const calls = (await db.metricBuckets.get([projectId, start]))?.bucket.calls;
  if (calls) bucket.calls = calls;
  const range = [new Date(start).toISOString(), new Date(start + BASE_BUCKET_MS).toISOString()];
  await db.predictionLogs
    .where('[projectId+at]')
    .between([projectId, range[0]], [projectId, range[1]], true, false)
    .each((log) => addPrediction(bucket, { ...log, route: log.route ?? 'champion' }));
  return bucket;
}
