/**
 * Pre-aggregated monitoring: one {@link MetricBucket} per time slot (1 minute at base
 * resolution) sums up every prediction logged in it, so the Monitor page reads a week as
 * 10 080 small records instead of a million logs. Buckets are plain JSON (storable in
 * IndexedDB, exportable) and merge by addition: minutes roll up into hours, days, a window.
 *
 * Decisions:
 * - Served traffic only in the main tallies. A request's answer comes from the champion or the
 *   challenger; a shadow prediction is a second, unserved answer to the same request. Shadow
 *   logs therefore count in `routes.shadow` and under their model version, nowhere else, so
 *   requests, latency, errors, confidence, labels and accuracy describe what users got.
 * - Status classes: `failed` is any status outside 100…599 (0 = no HTTP response: a crash or a
 *   timeout in the service worker). Errors, for the error rate, are 5xx + failed; a 4xx is the
 *   caller's mistake and does not count against the service.
 * - Latency counts every served request, errors included (a user waits for an error too).
 * - Confidence and label count only for answers: served requests with a 2xx status.
 * - Sums are integers (latency in µs, confidence in millionths, each sample rounded once), so
 *   merging is exactly associative and commutative: a week merged from minutes or from hours
 *   is the same record, bit for bit. The rounding moves a mean by at most 0.5 µs or 5·10⁻⁷.
 * - Ground truth is counted in the bucket of the prediction it grades (prediction time, not
 *   the time the outcome arrived), so accuracy over time lines up with the traffic it judges.
 * - Requests and predictions are counted apart. `requests` and everything above counts
 *   predictions (one per text: a batch of 100 texts is 100); `calls` counts HTTP requests to
 *   `/api/v1/*` (that batch is 1), whatever their route and status — the endpoint logs every
 *   answer it gives, errors included, and the error rate and availability come from `calls`.
 *   `calls` was added after layout 1 shipped and stays optional, so older buckets (stored or in
 *   snapshots) still read: without it, their requests were not counted.
 * - `confidenceTallies` (answers, labelled, right per confidence hundredth; confidenceTallies.ts)
 *   was added the same way, for the business figures at any automatic-decision threshold: served
 *   answers only, like `confidenceCounts`. Buckets without it read as answers with no tally.
 */
import { LATENCY_BIN_COUNT, latencyBin } from './latencyHistogram';
import { CONFIDENCE_BIN_COUNT, confidenceBin } from './confidence';
import { addCount, mergeCounts, mergeNestedCounts, setOwn, type Counts } from './counts';
import { emptyTallies, mergeTallies, tallyAnswer, tallyBin, tallyOutcome, talliesFit, type ConfidenceTallies } from './confidenceTallies';

/** Base resolution of stored buckets: one minute, in ms. */
export const BASE_BUCKET_MS = 60_000;
/**
 * Version of the bucket layout (bin edges, fields); bump on any change to either — except an
 * added optional field (`calls`, `confidenceTallies`), which older buckets simply lack and
 * merging treats as empty.
 */
export const BUCKET_SCHEMA = 1;

export const ROUTES = ['champion', 'challenger', 'shadow'] as const;
/** Which deployment slot answered: the champion and challenger serve, a shadow only logs. */
export type Route = (typeof ROUTES)[number];

/** One logged call of the prediction endpoint, as the service worker writes it. */
export interface PredictionLog {
  /** When the request arrived, ISO 8601. */
  at: string;
  modelVersionId: string;
  route: Route;
  inputHash: string;
  /** Characters in the input text. */
  inputLength: number;
  /** Predicted class; meaningless unless `status` is 2xx. */
  label: string;
  /** Probability of the predicted class, in [0, 1]; meaningless unless `status` is 2xx. */
  confidence: number;
  /** Time to answer, ms. */
  latencyMs: number;
  /** HTTP status of the answer; 0 when there was none. */
  status: number;
  /** Ground truth, when known. */
  outcome?: string;
}

/** The fields of a log a bucket reads. */
export type PredictionSample = Pick<PredictionLog, 'at' | 'modelVersionId' | 'route' | 'label' | 'confidence' | 'latencyMs' | 'status' | 'outcome'>;

/** Ground truth for an earlier prediction. */
export interface OutcomeSample {
  /** The label the model predicted (the log's `label`); must be non-empty. */
  predictedLabel: string;
  /** The true label. */
  outcome: string;
  /** The version that predicted; when given, its tally is updated too. */
  modelVersionId?: string;
  /** The prediction's route; a shadow prediction only updates its version tally. Default champion. */
  route?: Route;
  /** The prediction's confidence; when given, the bucket's `confidenceTallies` count the outcome too. */
  confidence?: number;
}

/** Requests by HTTP status class. */
export interface StatusCounts {
  informational: number;
  success: number;
  redirect: number;
  clientError: number;
  serverError: number;
  /** No HTTP status (outside 100…599). */
  failed: number;
}

/**
 * HTTP requests the endpoint answered in the slot, every `/api/v1/*` route and status. A predict
 * request counts once however many texts it sent.
 */
export interface CallCounts {
  requests: number;
  /** Requests by status class. */
  status: StatusCounts;
  /** Requests per route path (`/api/v1/predict`, `/api/v1/feedback`, `/api/v1/health`, `other`). */
  routes: Counts;
  /** Error answers per error code (`internal_error`, `unknown_label`, …). */
  codes: Counts;
  /** Predict requests per model version that answered or failed to (shadow scores not included). */
  versions: Record<string, { requests: number; errors: number }>;
}

/** One answered HTTP request, as the endpoint logs it. */
export interface RequestSample {
  /** When the request arrived, ISO 8601. */
  at: string;
  /** Route path, or `other` for an unknown path. */
  route: string;
  /** HTTP status of the answer; 0 when there was none. */
  status: number;
  /** The error code of an error answer. */
  code?: string;
  /** The version a predict request was routed to, when it got that far. */
  modelVersionId?: string;
}

/** What one model version did in the bucket, shadow traffic included. */
export interface VersionTally {
  requests: number;
  /** 5xx or failed. */
  errors: number;
  /** Sum of latencies, µs (integer). */
  latencySumUs: number;
  /** 2xx answers. */
  answered: number;
  /** Answers with ground truth. */
  labelled: number;
  /** Labelled answers that matched it. */
  correct: number;
}

export interface MetricBucket {
  schema: typeof BUCKET_SCHEMA;
  /** Start of the slot, ms since the epoch; a multiple of `sizeMs` for stored buckets. */
  start: number;
  /** Length of the slot, ms: covers [start, start + sizeMs). */
  sizeMs: number;
  /** Served predictions (champion + challenger), one per text: a batch request counts each text. */
  requests: number;
  /** Served predictions by status class (the endpoint logs predictions only for its 2xx answers). */
  status: StatusCounts;
  /** All logged predictions by route, shadow included. */
  routes: Record<Route, number>;
  /** Served latency histogram, {@link LATENCY_BIN_COUNT} counts (bins in latencyHistogram.ts). */
  latencyCounts: number[];
  /** Sum of served latencies, µs (integer). */
  latencySumUs: number;
  /** Fastest served prediction, ms; null when none. */
  latencyMinMs: number | null;
  /** Slowest served prediction, ms; null when none. */
  latencyMaxMs: number | null;
  /** Served 2xx answers: the denominator of everything about confidence and labels. */
  answered: number;
  /** Answer confidences in 10 bins [0, 0.1) … [0.9, 1.0] (see confidence.ts). */
  confidenceCounts: number[];
  /** Sum of answer confidences × 10⁶, each rounded to an integer. */
  confidenceSumE6: number;
  /** Answers per predicted label. */
  labels: Counts;
  /** Answers with ground truth. */
  labelled: number;
  /** Labelled answers whose label equals the ground truth. */
  correct: number;
  /** Labelled answers: `confusion[predicted][actual]` = count. */
  confusion: Record<string, Counts>;
  /** Per model version, shadow included. */
  versions: Record<string, VersionTally>;
  /** HTTP requests answered in the slot; absent in buckets written before requests were logged. */
  calls?: CallCounts;
  /**
   * Served answers, labelled and right ones per confidence hundredth (confidenceTallies.ts), for
   * the business figures; absent in buckets written before them.
   */
  confidenceTallies?: ConfidenceTallies;
}

/** Start of the `sizeMs` slot holding `atMs`: the epoch-aligned (UTC) multiple of `sizeMs` at or before it. */
export function bucketStart(atMs: number, sizeMs: number): number {
  checkSize(sizeMs);
  if (!Number.isFinite(atMs)) throw new RangeError(`Time ${atMs} is not a finite ms timestamp.`);
  return Math.floor(atMs / sizeMs) * sizeMs;
}

function checkSize(sizeMs: number): void {
  if (!(Number.isInteger(sizeMs) && sizeMs > 0)) throw new RangeError(`Bucket size must be a positive integer of ms, got ${sizeMs}.`);
}

export function emptyStatusCounts(): StatusCounts {
  return { informational: 0, success: 0, redirect: 0, clientError: 0, serverError: 0, failed: 0 };
}

/** An empty bucket covering [start, start + sizeMs). */
export function emptyBucket(start: number, sizeMs: number = BASE_BUCKET_MS): MetricBucket {
  checkSize(sizeMs);
  return {
    schema: BUCKET_SCHEMA,
    start,
    sizeMs,
    requests: 0,
    status: emptyStatusCounts(),
    routes: { champion: 0, challenger: 0, shadow: 0 },
    latencyCounts: new Array<number>(LATENCY_BIN_COUNT).fill(0),
    latencySumUs: 0,
    latencyMinMs: null,
    latencyMaxMs: null,
    answered: 0,
    confidenceCounts: new Array<number>(CONFIDENCE_BIN_COUNT).fill(0),
    confidenceSumE6: 0,
    labels: {},
    labelled: 0,
    correct: 0,
    confusion: {},
    versions: {},
  };
}

/** The status class a response status falls in. */
export function statusClass(status: number): keyof StatusCounts {
  if (!(Number.isInteger(status) && status >= 100 && status <= 599)) return 'failed';
  if (status < 200) return 'informational';
  if (status < 300) return 'success';
  if (status < 400) return 'redirect';
  if (status < 500) return 'clientError';
  return 'serverError';
}

/** Whether a status counts as an error for the error rate: 5xx or no HTTP response. */
export function isErrorStatus(status: number): boolean {
  const c = statusClass(status);
  return c === 'serverError' || c === 'failed';
}

export function emptyCallCounts(): CallCounts {
  return { requests: 0, status: emptyStatusCounts(), routes: {}, codes: {}, versions: {} };
}

/**
 * Add one answered HTTP request to `bucket` (mutated); `atMs` is `Date.parse(req.at)` when the
 * caller has it. Throws a RangeError when the request falls outside the bucket.
 */
export function addRequest(bucket: MetricBucket, req: RequestSample, atMs: number = Date.parse(req.at)): void {
  if (!(atMs >= bucket.start && atMs < bucket.start + bucket.sizeMs)) {
    throw new RangeError(`Request at ${req.at} is outside the bucket starting ${new Date(bucket.start).toISOString()}.`);
  }
  const calls = (bucket.calls ??= emptyCallCounts());
  calls.requests++;
  calls.status[statusClass(req.status)]++;
  addCount(calls.routes, req.route, 1);
  if (req.code) addCount(calls.codes, req.code, 1);
  if (req.modelVersionId) addVersionCalls(calls, req.modelVersionId, 1, isErrorStatus(req.status) ? 1 : 0);
}

function addVersionCalls(calls: CallCounts, id: string, requests: number, errors: number): void {
  if (!Object.hasOwn(calls.versions, id)) setOwn(calls.versions, id, { requests: 0, errors: 0 });
  calls.versions[id].requests += requests;
  calls.versions[id].errors += errors;
}

function mergeCallsInto(target: MetricBucket, source: CallCounts): void {
  const t = (target.calls ??= emptyCallCounts());
  t.requests += source.requests;
  for (const key of Object.keys(t.status) as (keyof StatusCounts)[]) t.status[key] += source.status[key];
  mergeCounts(t.routes, source.routes);
  mergeCounts(t.codes, source.codes);
  for (const id in source.versions) if (Object.hasOwn(source.versions, id)) addVersionCalls(t, id, source.versions[id].requests, source.versions[id].errors);
}

function versionTally(bucket: MetricBucket, id: string): VersionTally {
  if (!Object.hasOwn(bucket.versions, id)) {
    setOwn(bucket.versions, id, { requests: 0, errors: 0, latencySumUs: 0, answered: 0, labelled: 0, correct: 0 });
  }
  return bucket.versions[id];
}

function countOutcome(bucket: MetricBucket, predicted: string, outcome: string, served: boolean, tally?: VersionTally): void {
  const hit = predicted === outcome ? 1 : 0;
  if (tally) {
    tally.labelled++;
    tally.correct += hit;
  }
  if (!served) return;
  bucket.labelled++;
  bucket.correct += hit;
  if (!Object.hasOwn(bucket.confusion, predicted)) setOwn(bucket.confusion, predicted, {});
  addCount(bucket.confusion[predicted], outcome, 1);
}

/**
 * Add one logged prediction to `bucket` (mutated, for speed: this runs once per request).
 * `atMs` is `Date.parse(log.at)`, passed when the caller already has it. Throws a RangeError,
 * before counting anything, when the time falls outside the bucket, the route is unknown, the
 * latency is not a duration ≥ 0 or an answer's confidence is outside [0, 1]. A log that
 * already carries its outcome (a string) counts as labelled.
 */
export function addPrediction(bucket: MetricBucket, log: PredictionSample, atMs: number = Date.parse(log.at)): void {
  if (!(atMs >= bucket.start && atMs < bucket.start + bucket.sizeMs)) {
    throw new RangeError(`Prediction at ${log.at} is outside the bucket starting ${new Date(bucket.start).toISOString()}.`);
  }
  if (!(ROUTES as readonly string[]).includes(log.route)) throw new RangeError(`Unknown route ${JSON.stringify(log.route)}.`);
  const bin = latencyBin(log.latencyMs);
  const answered = statusClass(log.status) === 'success';
  const confBin = answered ? confidenceBin(log.confidence) : -1;
  const error = isErrorStatus(log.status);
  const latencyUs = Math.round(log.latencyMs * 1000);

  bucket.routes[log.route]++;
  const tally = versionTally(bucket, log.modelVersionId);
  tally.requests++;
  if (error) tally.errors++;
  tally.latencySumUs += latencyUs;
  if (answered) tally.answered++;
  const served = log.route !== 'shadow';
  if (answered && typeof log.outcome === 'string') countOutcome(bucket, log.label, log.outcome, served, tally);
  if (!served) return;

  bucket.requests++;
  bucket.status[statusClass(log.status)]++;
  bucket.latencyCounts[bin]++;
  bucket.latencySumUs += latencyUs;
  if (bucket.latencyMinMs === null || log.latencyMs < bucket.latencyMinMs) bucket.latencyMinMs = log.latencyMs;
  if (bucket.latencyMaxMs === null || log.latencyMs > bucket.latencyMaxMs) bucket.latencyMaxMs = log.latencyMs;
  if (!answered) return;
  bucket.answered++;
  bucket.confidenceCounts[confBin]++;
  bucket.confidenceSumE6 += Math.round(log.confidence * 1e6);
  addCount(bucket.labels, log.label, 1);
  const outcome = typeof log.outcome === 'string' ? (log.outcome === log.label ? 'right' : 'wrong') : null;
  tallyAnswer((bucket.confidenceTallies ??= emptyTallies()), log.confidence, outcome);
}

/**
 * Count ground truth that arrived after its prediction was added, in the bucket of the
 * prediction (mutated). Call it once per prediction, and only for outcomes the log did not
 * carry when it was added; a corrected outcome needs the bucket rebuilt from the logs.
 */
export function addOutcome(bucket: MetricBucket, sample: OutcomeSample): void {
  if (sample.predictedLabel === '') throw new RangeError('An outcome grades a prediction: predictedLabel must be non-empty.');
  if (sample.confidence !== undefined) tallyBin(sample.confidence); // throws before counting anything
  const tally = sample.modelVersionId === undefined ? undefined : versionTally(bucket, sample.modelVersionId);
  const served = sample.route !== 'shadow';
  countOutcome(bucket, sample.predictedLabel, sample.outcome, served, tally);
  if (served && sample.confidence !== undefined) tallyOutcome((bucket.confidenceTallies ??= emptyTallies()), sample.confidence, sample.predictedLabel === sample.outcome);
}

function checkMergeable(b: MetricBucket): void {
  if (b.schema !== BUCKET_SCHEMA || b.latencyCounts.length !== LATENCY_BIN_COUNT || b.confidenceCounts.length !== CONFIDENCE_BIN_COUNT || (b.confidenceTallies && !talliesFit(b.confidenceTallies))) {
    throw new RangeError(`Bucket at ${b.start} has layout ${b.schema}; expected ${BUCKET_SCHEMA}.`);
  }
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/**
 * Add the tallies of `source` into `target` (mutated); `target` keeps its own start and size.
 * The fast path for roll-ups; {@link mergeBuckets} is the pure form.
 */
export function mergeInto(target: MetricBucket, source: MetricBucket): void {
  checkMergeable(target);
  checkMergeable(source);
  target.requests += source.requests;
  const [ts, ss] = [target.status, source.status];
  ts.informational += ss.informational;
  ts.success += ss.success;
  ts.redirect += ss.redirect;
  ts.clientError += ss.clientError;
  ts.serverError += ss.serverError;
  ts.failed += ss.failed;
  target.routes.champion += source.routes.champion;
  target.routes.challenger += source.routes.challenger;
  target.routes.shadow += source.routes.shadow;
  const [tl, sl] = [target.latencyCounts, source.latencyCounts];
  for (let i = 0; i < tl.length; i++) tl[i] += sl[i];
  target.latencySumUs += source.latencySumUs;
  target.latencyMinMs = minOf(target.latencyMinMs, source.latencyMinMs);
  target.latencyMaxMs = maxOf(target.latencyMaxMs, source.latencyMaxMs);
  target.answered += source.answered;
  const [tc, sc] = [target.confidenceCounts, source.confidenceCounts];
  for (let i = 0; i < tc.length; i++) tc[i] += sc[i];
  target.confidenceSumE6 += source.confidenceSumE6;
  mergeCounts(target.labels, source.labels);
  target.labelled += source.labelled;
  target.correct += source.correct;
  mergeNestedCounts(target.confusion, source.confusion);
  for (const id in source.versions) {
    if (!Object.hasOwn(source.versions, id)) continue;
    const v = source.versions[id];
    const t = versionTally(target, id);
    t.requests += v.requests;
    t.errors += v.errors;
    t.latencySumUs += v.latencySumUs;
    t.answered += v.answered;
    t.labelled += v.labelled;
    t.correct += v.correct;
  }
  if (source.calls) mergeCallsInto(target, source.calls);
  if (source.confidenceTallies) mergeTallies((target.confidenceTallies ??= emptyTallies()), source.confidenceTallies);
}

/**
 * A new bucket holding both; it spans from the earlier start to the later end. Associative and
 * commutative (integer sums, min, max), so any grouping of buckets merges to the same result.
 */
/**
 * All of `buckets` in one (the same record as folding them with {@link mergeBuckets}), added
 * into a single accumulator: a week of minute buckets costs one pass, not a copy per bucket.
 */
export function mergeAll(buckets: readonly MetricBucket[]): MetricBucket {
  if (!buckets.length) throw new RangeError('mergeAll needs at least one bucket.');
  let start = Infinity;
  let end = -Infinity;
  for (const b of buckets) {
    start = Math.min(start, b.start);
    end = Math.max(end, b.start + b.sizeMs);
  }
  const merged = emptyBucket(start, end - start);
  for (const b of buckets) mergeInto(merged, b);
  return merged;
}

export function mergeBuckets(a: MetricBucket, b: MetricBucket): MetricBucket {
  const start = Math.min(a.start, b.start);
  const end = Math.max(a.start + a.sizeMs, b.start + b.sizeMs);
  const merged = emptyBucket(start, end - start);
  mergeInto(merged, a);
  mergeInto(merged, b);
  return merged;
}
