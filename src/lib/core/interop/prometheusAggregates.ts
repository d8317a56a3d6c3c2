/**
 * Monitoring aggregates of a time window as Prometheus text (exposition format 0.0.4), for
 * Grafana through a Prometheus that scrapes or imports the file (e.g. node_exporter's textfile
 * collector). For a backfill with timestamps see monitoringBackfill.ts (OpenMetrics).
 *
 * Decision: one sample per series holding the whole window [from, to) — every value is "in this
 * window" (gauges, and one histogram), not a counter since some start and not one sample per
 * minute. The 0.0.4 format allows one sample per series and label set in a scrape, so a time
 * series needs one export per window; window totals also stay correct when windows are compared
 * side by side. Samples carry no timestamp (the textfile collector rejects timestamped files; the
 * scraper stamps them). The window itself is in `…_window_start_timestamp_seconds` and `…_end_…`.
 *
 * Families (served traffic, as the Monitor page counts it — see monitor/buckets.ts):
 * - `lifecycle_lab_monitor_requests{status_class}`: HTTP requests answered, 1xx … 5xx, and `failed`
 *   (no HTTP answer) — a batch of texts is one request; for buckets from before requests were
 *   logged, their predictions stand in (as on the Monitor page);
 * - `lifecycle_lab_monitor_request_errors{code}`: error answers by error code;
 * - `lifecycle_lab_monitor_predictions`: served predictions, one per text;
 * - `lifecycle_lab_monitor_routed_predictions{route}`: champion, challenger, shadow;
 * - `lifecycle_lab_monitor_request_latency_seconds`: histogram on the bucket's own 81 edges
 *   (latencyHistogram.ts), so the counts are exact. Our bins include their lower edge, Prometheus's
 *   `le` its upper one: a latency exactly on an edge counts one bucket higher;
 * - `lifecycle_lab_monitor_answers{label}` and `…_answer_confidence_mean`: 2xx answers;
 * - `lifecycle_lab_monitor_labelled`, `…_correct`, `…_accuracy` (only when something is labelled);
 * - `lifecycle_lab_monitor_version_*{model_version_id,model_name,model_version}`: requests, errors
 *   (5xx and failed), answers, labelled, correct, accuracy and mean latency per model version,
 *   shadow traffic included (a shadow version's quality is the point of shadowing it).
 * - with `business` (the project's settings), `lifecycle_lab_monitor_business_*`: automatic
 *   decisions, share, wrong and right ones by outcome, pending, value and value per day (label
 *   `unit`), money per day (label `currency`) — monitor/businessPrometheus.ts.
 * Names, label escaping and numbers come from serving/prometheus.ts, the live `/metrics` writer.
 */
import { emptyBucket, type MetricBucket, type StatusCounts } from '../monitor/buckets';
import { countOf } from '../monitor/counts';
import { LATENCY_EDGES_MS } from '../monitor/latencyHistogram';
import { rollUp, summarize } from '../monitor/query';
import { renderMetrics, type Labels, type MetricFamily, type Sample } from '../serving/prometheus';
import { businessFigures } from '../monitor/businessMetrics';
import { WINDOW_BUSINESS_SUFFIX, windowBusinessFamilies } from '../monitor/businessPrometheus';
import type { BusinessSettings } from '../monitor/businessValue';

/** How a model version is named in labels. */
export interface VersionName {
  modelName: string;
  version: number;
}

export interface MonitoringAggregatesInput {
  /** Minute or hour buckets; those starting outside [from, to) are left out. */
  buckets: readonly MetricBucket[];
  /** Window, ms since the epoch: [from, to). */
  from: number;
  to: number;
  /** Names of the model versions by id; an unknown id gets empty name labels. */
  versions?: ReadonlyMap<string, VersionName>;
  /** Labels added to every series, e.g. `{ project_id }`. */
  labels?: Labels;
  /** The project's business settings and the served run's calibration; absent: no business series. */
  business?: { settings: BusinessSettings; calibration?: readonly number[] | null };
}

/** Every family of both monitoring exports starts with this. */
export const MONITOR_PREFIX = 'lifecycle_lab_monitor';

/**
 * The family names the monitoring exports publish (the textfile export as gauges; the backfill
 * writes the counting ones as counters, whose samples OpenMetrics names `<family>_total`).
 */
export const MONITOR_METRIC = {
  windowStart: `${MONITOR_PREFIX}_window_start_timestamp_seconds`,
  windowEnd: `${MONITOR_PREFIX}_window_end_timestamp_seconds`,
  requests: `${MONITOR_PREFIX}_requests`,
  requestErrors: `${MONITOR_PREFIX}_request_errors`,
  predictions: `${MONITOR_PREFIX}_predictions`,
  routedPredictions: `${MONITOR_PREFIX}_routed_predictions`,
  latency: `${MONITOR_PREFIX}_request_latency_seconds`,
  answers: `${MONITOR_PREFIX}_answers`,
  confidenceMean: `${MONITOR_PREFIX}_answer_confidence_mean`,
  labelled: `${MONITOR_PREFIX}_labelled`,
  correct: `${MONITOR_PREFIX}_correct`,
  accuracy: `${MONITOR_PREFIX}_accuracy`,
  versionRequests: `${MONITOR_PREFIX}_version_requests`,
  versionErrors: `${MONITOR_PREFIX}_version_errors`,
  versionAnswers: `${MONITOR_PREFIX}_version_answers`,
  versionLabelled: `${MONITOR_PREFIX}_version_labelled`,
  versionCorrect: `${MONITOR_PREFIX}_version_correct`,
  versionAccuracy: `${MONITOR_PREFIX}_version_accuracy`,
  versionLatencyMean: `${MONITOR_PREFIX}_version_latency_mean_seconds`,
} as const;

/** The business families of the monitoring exports (monitor/businessPrometheus.ts). */
export const MONITOR_BUSINESS_METRIC = Object.fromEntries(
  Object.entries(WINDOW_BUSINESS_SUFFIX).map(([key, suffix]) => [key, `${MONITOR_PREFIX}_business_${suffix}`]),
) as { readonly [K in keyof typeof WINDOW_BUSINESS_SUFFIX]: string };

/** The `status_class` label values, in order; `5xx` and `failed` are the errors. */
export const STATUS_CLASSES: readonly [keyof StatusCounts, string][] = [
  ['informational', '1xx'],
  ['success', '2xx'],
  ['redirect', '3xx'],
  ['clientError', '4xx'],
  ['serverError', '5xx'],
  ['failed', 'failed'],
];
export const ERROR_STATUS_CLASSES: readonly string[] = ['5xx', 'failed'];

/** Histogram upper bounds in seconds: the latency bins' finite edges. */
export const LATENCY_BOUNDS_SECONDS: readonly number[] = Object.freeze(LATENCY_EDGES_MS.map((ms) => ms / 1000));

/**
 * One family of a bucket, and whether its values are counts that add up over time (the backfill
 * writes those as counters since the window start; ratios and means stay gauges of their step).
 */
export interface MonitorFamily {
  family: MetricFamily;
  counts: boolean;
}

/** The window's buckets merged into one. */
function windowBucket(input: MonitoringAggregatesInput): MetricBucket {
  const { from, to } = input;
  checkWindow(from, to);
  return rollUp(input.buckets, { from, to, stepMs: to - from })[0] ?? emptyBucket(from, to - from);
}

/** Throws unless [from, to) is a non-empty window of whole ms. */
export function checkWindow(from: number, to: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from >= to) throw new RangeError(`Window must be integer ms with from < to; got [${from}, ${to}).`);
}

function gauge(name: string, help: string, samples: readonly Sample[]): MetricFamily {
  return { type: 'gauge', name, help, samples };
}

function versionFamilies(bucket: MetricBucket, versions: MonitoringAggregatesInput['versions'], common: Labels): MonitorFamily[] {
  const ids = Object.keys(bucket.versions).map((id) => ({ id, name: versions?.get(id) }));
  ids.sort((a, b) => (a.name?.modelName ?? '').localeCompare(b.name?.modelName ?? '') || (a.name?.version ?? 0) - (b.name?.version ?? 0) || (a.id < b.id ? -1 : 1));
  const labelsOf = (id: string, name: VersionName | undefined): Labels => ({
    ...common,
    model_version_id: id,
    model_name: name?.modelName ?? '',
    model_version: name ? String(name.version) : '',
  });
  const per = (pick: (t: MetricBucket['versions'][string]) => number | null) =>
    ids.flatMap(({ id, name }) => {
      const value = pick(bucket.versions[id]);
      return value === null ? [] : [{ labels: labelsOf(id, name), value }];
    });
  const m = MONITOR_METRIC;
  return [
    { counts: true, family: gauge(m.versionRequests, 'Requests a model version answered in the window, shadow traffic included.', per((t) => t.requests)) },
    { counts: true, family: gauge(m.versionErrors, 'Requests of a model version that failed in the window (5xx or no answer).', per((t) => t.errors)) },
    { counts: true, family: gauge(m.versionAnswers, 'Successful (2xx) answers of a model version in the window.', per((t) => t.answered)) },
    { counts: true, family: gauge(m.versionLabelled, 'Answers of a model version whose ground truth is known.', per((t) => t.labelled)) },
    { counts: true, family: gauge(m.versionCorrect, 'Labelled answers of a model version that matched the ground truth.', per((t) => t.correct)) },
    { counts: false, family: gauge(m.versionAccuracy, 'Correct / labelled answers of a model version in the window (only where something is labelled).', per((t) => (t.labelled ? t.correct / t.labelled : null))) },
    { counts: false, family: gauge(m.versionLatencyMean, 'Mean time to answer of a model version in the window, in seconds.', per((t) => (t.requests ? t.latencySumUs / t.requests / 1e6 : null))) },
  ];
}

/**
 * The families of one bucket (the window's, or one step's), without the window's own bounds:
 * shared by the textfile export and the backfill (monitoringBackfill.ts).
 */
export function monitorFamilies(bucket: MetricBucket, input: Pick<MonitoringAggregatesInput, 'versions' | 'labels' | 'business'>): MonitorFamily[] {
  const summary = summarize(bucket);
  const common = input.labels ?? {};
  const one = (value: number): Sample[] => [{ labels: common, value }];
  const m = MONITOR_METRIC;
  const counts = (family: MetricFamily): MonitorFamily => ({ family, counts: true });
  const ratio = (family: MetricFamily): MonitorFamily => ({ family, counts: false });
  return [
    counts(gauge(m.requests, 'HTTP requests answered in the window, by status class (failed: no HTTP answer); a batch of texts is one request.',
      STATUS_CLASSES.map(([key, label]) => ({ labels: { ...common, status_class: label }, value: summary.status[key] })))),
    counts(gauge(m.requestErrors, 'Error answers in the window, by error code.',
      Object.keys(summary.errorCodes).sort().map((code) => ({ labels: { ...common, code }, value: summary.errorCodes[code] })))),
    counts(gauge(m.predictions, 'Served predictions in the window (champion and challenger), one per text.', one(bucket.requests))),
    counts(gauge(m.routedPredictions, 'Logged predictions in the window by deployment route; shadow predictions are not served.',
      (['champion', 'challenger', 'shadow'] as const).map((route) => ({ labels: { ...common, route }, value: bucket.routes[route] })))),
    counts({
      type: 'histogram',
      name: m.latency,
      help: 'Time to answer each served prediction in the window, in seconds (a batch request\'s time is shared by its texts).',
      bounds: LATENCY_BOUNDS_SECONDS,
      series: [{ labels: common, counts: bucket.latencyCounts, sum: bucket.latencySumUs / 1e6 }],
    }),
    counts(gauge(m.answers, 'Successful (2xx) served answers in the window, by predicted label.',
      Object.keys(bucket.labels).sort().map((label) => ({ labels: { ...common, label }, value: countOf(bucket.labels, label) })))),
    ratio(gauge(m.confidenceMean, 'Mean confidence of the served answers in the window (0 to 1).', bucket.answered ? one(bucket.confidenceSumE6 / bucket.answered / 1e6) : [])),
    counts(gauge(m.labelled, 'Served answers in the window whose ground truth is known.', one(bucket.labelled))),
    counts(gauge(m.correct, 'Labelled served answers in the window that matched the ground truth.', one(bucket.correct))),
    ratio(gauge(m.accuracy, 'Correct / labelled served answers in the window (only where something is labelled).', bucket.labelled ? one(bucket.correct / bucket.labelled) : [])),
    ...versionFamilies(bucket, input.versions, common),
    // Business figures are gauges of their window (value per day, shares): never summed into counters.
    ...(input.business ? windowBusinessFamilies(MONITOR_PREFIX, businessFigures(bucket, input.business.settings, input.business.calibration ?? null), common).map(ratio) : []),
  ];
}

/** The exposition text for the window (see the file comment). */
export function renderMonitoringAggregates(input: MonitoringAggregatesInput): string {
  const bucket = windowBucket(input);
  const common = input.labels ?? {};
  const one = (value: number): Sample[] => [{ labels: common, value }];
  return renderMetrics([
    gauge(MONITOR_METRIC.windowStart, 'Start of the aggregated window (inclusive), in seconds since the epoch.', one(input.from / 1000)),
    gauge(MONITOR_METRIC.windowEnd, 'End of the aggregated window (exclusive), in seconds since the epoch.', one(input.to / 1000)),
    ...monitorFamilies(bucket, input).map((f) => f.family),
  ]);
}
