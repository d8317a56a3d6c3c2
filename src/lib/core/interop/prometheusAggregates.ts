/**
 * Monitoring aggregates of a time window as Prometheus text (exposition format 0.0.4), for
 * Grafana through a Prometheus that scrapes or imports the file (e.g. node_exporter's textfile
 * collector).
 *
 * Decision: one sample per series holding the whole window [from, to) — every value is "in this
 * window" (gauges, and one histogram), not a counter since some start and not one sample per
 * minute. The 0.0.4 format allows one sample per series and label set in a scrape, so a time
 * series needs one export per window; window totals also stay correct when windows are compared
 * side by side. Samples carry no timestamp by default (the textfile collector rejects timestamped
 * files; the scraper stamps them); pass `timestampMs` to stamp every sample, e.g. with the window
 * end for a backfill. The window itself is in `…_window_start_timestamp_seconds` and `…_end_…`.
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
import { windowBusinessFamilies } from '../monitor/businessPrometheus';
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
  /** Stamp every sample with this time (ms); default none. */
  timestampMs?: number;
  /** The project's business settings and the served run's calibration; absent: no business series. */
  business?: { settings: BusinessSettings; calibration?: readonly number[] | null };
}

const PREFIX = 'lifecycle_lab_monitor';

const STATUS_CLASSES: readonly [keyof StatusCounts, string][] = [
  ['informational', '1xx'],
  ['success', '2xx'],
  ['redirect', '3xx'],
  ['clientError', '4xx'],
  ['serverError', '5xx'],
  ['failed', 'failed'],
];

/** Histogram upper bounds in seconds: the latency bins' finite edges. */
export const LATENCY_BOUNDS_SECONDS: readonly number[] = Object.freeze(LATENCY_EDGES_MS.map((ms) => ms / 1000));

/** The window's buckets merged into one. */
function windowBucket(input: MonitoringAggregatesInput): MetricBucket {
  const { from, to } = input;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from >= to) throw new RangeError(`Window must be integer ms with from < to; got [${from}, ${to}).`);
  return rollUp(input.buckets, { from, to, stepMs: to - from })[0] ?? emptyBucket(from, to - from);
}

function gauge(name: string, help: string, samples: readonly Sample[]): MetricFamily {
  return { type: 'gauge', name: `${PREFIX}_${name}`, help, samples };
}

function versionFamilies(bucket: MetricBucket, input: MonitoringAggregatesInput, common: Labels): MetricFamily[] {
  const ids = Object.keys(bucket.versions).map((id) => ({ id, name: input.versions?.get(id) }));
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
  return [
    gauge('version_requests', 'Requests a model version answered in the window, shadow traffic included.', per((t) => t.requests)),
    gauge('version_errors', 'Requests of a model version that failed in the window (5xx or no answer).', per((t) => t.errors)),
    gauge('version_answers', 'Successful (2xx) answers of a model version in the window.', per((t) => t.answered)),
    gauge('version_labelled', 'Answers of a model version whose ground truth is known.', per((t) => t.labelled)),
    gauge('version_correct', 'Labelled answers of a model version that matched the ground truth.', per((t) => t.correct)),
    gauge('version_accuracy', 'Correct / labelled answers of a model version in the window (only where something is labelled).', per((t) => (t.labelled ? t.correct / t.labelled : null))),
    gauge('version_latency_mean_seconds', 'Mean time to answer of a model version in the window, in seconds.', per((t) => (t.requests ? t.latencySumUs / t.requests / 1e6 : null))),
  ];
}

/** The exposition text for the window (see the file comment). */
export function renderMonitoringAggregates(input: MonitoringAggregatesInput): string {
  const bucket = windowBucket(input);
  const summary = summarize(bucket);
  const common = input.labels ?? {};
  const one = (value: number): Sample[] => [{ labels: common, value }];
  const families: MetricFamily[] = [
    gauge('window_start_timestamp_seconds', 'Start of the aggregated window (inclusive), in seconds since the epoch.', one(input.from / 1000)),
    gauge('window_end_timestamp_seconds', 'End of the aggregated window (exclusive), in seconds since the epoch.', one(input.to / 1000)),
    gauge('requests', 'HTTP requests answered in the window, by status class (failed: no HTTP answer); a batch of texts is one request.',
      STATUS_CLASSES.map(([key, label]) => ({ labels: { ...common, status_class: label }, value: summary.status[key] }))),
    gauge('request_errors', 'Error answers in the window, by error code.',
      Object.keys(summary.errorCodes).sort().map((code) => ({ labels: { ...common, code }, value: summary.errorCodes[code] }))),
    gauge('predictions', 'Served predictions in the window (champion and challenger), one per text.', one(bucket.requests)),
    gauge('routed_predictions', 'Logged predictions in the window by deployment route; shadow predictions are not served.',
      (['champion', 'challenger', 'shadow'] as const).map((route) => ({ labels: { ...common, route }, value: bucket.routes[route] }))),
    {
      type: 'histogram',
      name: `${PREFIX}_request_latency_seconds`,
      help: 'Time to answer each served prediction in the window, in seconds (a batch request\'s time is shared by its texts).',
      bounds: LATENCY_BOUNDS_SECONDS,
      series: [{ labels: common, counts: bucket.latencyCounts, sum: bucket.latencySumUs / 1e6 }],
    },
    gauge('answers', 'Successful (2xx) served answers in the window, by predicted label.',
      Object.keys(bucket.labels).sort().map((label) => ({ labels: { ...common, label }, value: countOf(bucket.labels, label) }))),
    gauge('answer_confidence_mean', 'Mean confidence of the served answers in the window (0 to 1).', bucket.answered ? one(bucket.confidenceSumE6 / bucket.answered / 1e6) : []),
    gauge('labelled', 'Served answers in the window whose ground truth is known.', one(bucket.labelled)),
    gauge('correct', 'Labelled served answers in the window that matched the ground truth.', one(bucket.correct)),
    gauge('accuracy', 'Correct / labelled served answers in the window (only where something is labelled).', bucket.labelled ? one(bucket.correct / bucket.labelled) : []),
    ...versionFamilies(bucket, input, common),
    ...(input.business ? windowBusinessFamilies(PREFIX, businessFigures(bucket, input.business.settings, input.business.calibration ?? null), common) : []),
  ];
  const text = renderMetrics(families);
  const stamp = input.timestampMs;
  if (stamp === undefined) return text;
  if (!Number.isSafeInteger(stamp)) throw new RangeError(`timestampMs must be whole ms, got ${stamp}.`);
  return text.replace(/^(?!#)(.+)$/gm, `$1 ${stamp}`);
}
