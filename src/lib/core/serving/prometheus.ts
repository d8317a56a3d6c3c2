/**
 * The Prometheus text exposition format, version 0.0.4 — what `GET /metrics` answers and what
 * Grafana (through a Prometheus scrape or a file import) reads.
 *
 * `renderMetrics(families)` writes, per family: `# HELP name text`, `# TYPE name type`, then one
 * line per sample `name{label="value",…} number`. Histograms get cumulative
 * `name_bucket{…,le="…"}` lines ending with `le="+Inf"`, then `name_sum` and `name_count`.
 * Rules applied (from the format's specification):
 * - metric names match `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*` and do
 *   not start with `__`; a histogram's own labels may not include `le`; invalid names throw;
 * - label values escape `\` as `\\`, `"` as `\"` and a newline as `\n`; HELP text escapes `\`
 *   and newlines;
 * - numbers: `+Inf`, `-Inf`, `NaN`; integers in plain digits (no exponent, however large);
 *   other values in JavaScript's shortest round-trip form (e.g. `0.005`, `1e-7`, which
 *   Prometheus's parser reads);
 * - families appear in the given order, samples in the given order; a family may have no samples
 *   (HELP and TYPE are still written); the text ends with a newline.
 * No timestamps: the scraper stamps samples.
 */

import { endpointBusinessFamilies, type EndpointBusiness } from '../monitor/businessPrometheus';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string | number>>;

export interface Sample {
  labels?: Labels;
  value: number;
}

/**
 * One labelled histogram: `counts[i]` observations fell in `(bounds[i-1], bounds[i]]`, and
 * `counts[bounds.length]` above the last bound (so `counts` has `bounds.length + 1` entries;
 * not cumulative). `sum` is the sum of all observed values.
 */
export interface HistogramSeries {
  labels?: Labels;
  counts: readonly number[];
  sum: number;
}

export type MetricFamily =
  | { type: 'counter' | 'gauge' | 'untyped'; name: string; help: string; samples: readonly Sample[] }
  | { type: 'histogram'; name: string; help: string; bounds: readonly number[]; series: readonly HistogramSeries[] }
  /** An "info" metric: a gauge of value 1 whose labels carry the information. */
  | { type: 'info'; name: string; help: string; labels: readonly Labels[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function checkMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`Invalid Prometheus metric name ${JSON.stringify(name)}`);
}

export function checkLabelName(name: string, metric: string): void {
  if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`Invalid Prometheus label name ${JSON.stringify(name)} on ${metric}`);
}

/** A sample value as Prometheus writes it. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : BigInt(value).toString();
  return String(value);
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** `{a="1",b="x"}`, or '' without labels. Label names are checked. */
export function labelBlock(metric: string, labels: Labels | undefined, extra?: [string, string]): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels ?? {})) {
    checkLabelName(name, metric);
    parts.push(`${name}="${escapeLabelValue(String(value))}"`);
  }
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** One string per label set, whatever the order its labels were given in. */
export function labelSetKey(labels: Labels | undefined): string {
  return JSON.stringify(Object.entries(labels ?? {}).map(([k, v]) => [k, String(v)]).sort());
}

/** Throws if two samples of one family have the same label set (Prometheus rejects the scrape). */
export function checkDistinct(metric: string, labelSets: readonly (Labels | undefined)[]): void {
  const seen = new Set<string>();
  for (const labels of labelSets) {
    const key = labelSetKey(labels);
    if (seen.has(key)) throw new Error(`${metric} has two samples with the labels ${key}`);
    seen.add(key);
  }
}

function histogramLines(family: Extract<MetricFamily, { type: 'histogram' }>): string[] {
  const { name, bounds } = family;
  bounds.forEach((b, i) => {
    if (!Number.isFinite(b) || (i > 0 && b <= bounds[i - 1])) throw new Error(`${name}: bucket bounds must be finite and strictly increasing`);
  });
  const lines: string[] = [];
  for (const series of family.series) {
    if ('le' in (series.labels ?? {})) throw new Error(`${name}: a histogram cannot have its own "le" label`);
    if (series.counts.length !== bounds.length + 1) throw new Error(`${name}: ${series.counts.length} counts for ${bounds.length} bounds (expected bounds + 1)`);
    let cumulative = 0;
    series.counts.forEach((count, i) => {
      cumulative += count;
      const le = i < bounds.length ? formatValue(bounds[i]) : '+Inf';
      lines.push(`${name}_bucket${labelBlock(name, series.labels, ['le', le])} ${formatValue(cumulative)}`);
    });
    lines.push(`${name}_sum${labelBlock(name, series.labels)} ${formatValue(series.sum)}`);
    lines.push(`${name}_count${labelBlock(name, series.labels)} ${formatValue(cumulative)}`);
  }
  return lines;
}

/** The exposition text of `families`; throws on invalid names, duplicate families or samples. */
export function renderMetrics(families: readonly MetricFamily[]): string {
  const names = new Set<string>();
  const lines: string[] = [];
  for (const family of families) {
    const { name } = family;
    checkMetricName(name);
    if (names.has(name)) throw new Error(`Metric ${name} is defined twice`);
    names.add(name);
    lines.push(`# HELP ${name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${name} ${family.type === 'info' ? 'gauge' : family.type}`);
    if (family.type === 'histogram') {
      checkDistinct(name, family.series.map((s) => s.labels));
      lines.push(...histogramLines(family));
    } else if (family.type === 'info') {
      checkDistinct(name, family.labels);
      for (const labels of family.labels) lines.push(`${name}${labelBlock(name, labels)} 1`);
    } else {
      checkDistinct(name, family.samples.map((s) => s.labels));
      for (const sample of family.samples) lines.push(`${name}${labelBlock(name, sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Empty (all-zero) histogram counts for `bounds`. */
export function emptyHistogram(bounds: readonly number[], labels?: Labels): HistogramSeries & { counts: number[] } {
  return { ...(labels ? { labels } : {}), counts: new Array<number>(bounds.length + 1).fill(0), sum: 0 };
}

/**
 * Adds one observation to `series` (in place): to the first bucket whose bound is ≥ value
 * (Prometheus's `le`), or the `+Inf` one. NaN is ignored (it belongs to no bucket).
 */
export function observe(series: { counts: number[]; sum: number }, bounds: readonly number[], value: number): void {
  if (Number.isNaN(value)) return;
  let i = 0;
  while (i < bounds.length && value > bounds[i]) i++;
  series.counts[i]++;
  series.sum += value;
}

// ---------------------------------------------------------------------------------------------
// The prediction endpoint's metrics.

/** Upper bounds (seconds) of the request-duration histogram: 1 ms … 1 s. */
export const REQUEST_DURATION_BUCKETS: readonly number[] = Object.freeze([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]);

/**
 * What the endpoint has counted, as plain data (structured-cloneable, JSON-able). Counters only
 * grow and are stored with the logs (db/monitoring.ts), so a restarted service worker continues
 * from where the last one stopped instead of resetting them.
 */
export interface EndpointMetricsSnapshot {
  /** Answered requests per route (`/api/v1/predict`, `/api/v1/health`, `/metrics`) and HTTP status. */
  requests: { route: string; status: number; count: number }[];
  /** Request durations (seconds) per route, over `REQUEST_DURATION_BUCKETS` (counts has one more entry, for +Inf). */
  durations: { route: string; counts: number[]; sum: number }[];
  /** Predictions returned, per label and model version (canary traffic shows as its own version). */
  predictions: { label: string; modelVersion: number | string; count: number }[];
  /** The models being served: the serving alias's version, and a challenger if one gets traffic. Empty when none is deployed. */
  models: { name: string; version: number | string; alias: string }[];
  /** Requests refused for breaking the project's request contract, per field named (absent in counters stored before contracts). */
  violations?: { field: string; count: number }[];
  /** Predictions returned per segment route (`tier=enterprise`, `default`) and model version, for deployments routing by segment (absent before the first). */
  routes?: { route: string; modelVersion: number | string; count: number }[];
  /** Business figures of the deployed projects (monitor/businessPrometheus.ts); absent: no business series. */
  business?: EndpointBusiness[];
}

export function emptyEndpointMetrics(): EndpointMetricsSnapshot {
  return { requests: [], durations: [], predictions: [], models: [] };
}

/** The counters of {@link EndpointMetricsSnapshot} without the served models: what is stored. */
export type EndpointCounters = Omit<EndpointMetricsSnapshot, 'models' | 'business'>;

export function emptyEndpointCounters(): EndpointCounters {
  return { requests: [], durations: [], predictions: [] };
}

/** Adds every count of `source` into `target` (in place; returns `target`). */
export function mergeEndpointCounters<T extends EndpointCounters>(target: T, source: EndpointCounters): T {
  for (const r of source.requests) {
    const counter = target.requests.find((t) => t.route === r.route && t.status === r.status);
    if (counter) counter.count += r.count;
    else target.requests.push({ ...r });
  }
  for (const d of source.durations) {
    const duration = target.durations.find((t) => t.route === d.route);
    if (!duration) target.durations.push({ route: d.route, counts: [...d.counts], sum: d.sum });
    else {
      d.counts.forEach((n, i) => (duration.counts[i] += n));
      duration.sum += d.sum;
    }
  }
  for (const p of source.predictions) {
    const count = target.predictions.find((t) => t.label === p.label && t.modelVersion === p.modelVersion);
    if (count) count.count += p.count;
    else target.predictions.push({ ...p });
  }
  for (const v of source.violations ?? []) countViolation(target, v.field, v.count);
  for (const r of source.routes ?? []) countRoute(target, r.route, r.modelVersion, r.count);
  return target;
}

/** Adds `n` contract violations of `field` (in place). */
function countViolation(counters: EndpointCounters, field: string, n: number): void {
  counters.violations ??= [];
  const count = counters.violations.find((v) => v.field === field);
  if (count) count.count += n;
  else counters.violations.push({ field, count: n });
}

/** Adds `n` predictions answered on a segment route by a version (in place). */
function countRoute(counters: EndpointCounters, route: string, modelVersion: number | string, n: number): void {
  counters.routes ??= [];
  const count = counters.routes.find((r) => r.route === route && r.modelVersion === modelVersion);
  if (count) count.count += n;
  else counters.routes.push({ route, modelVersion, count: n });
}

/** Counts one answered request (in place; returns `snapshot`). */
export function recordRequest<T extends EndpointCounters>(
  snapshot: T,
  request: { route: string; status: number; durationSeconds: number; predictions?: readonly { label: string; modelVersion: number | string }[]; /** The field a contract violation named. */ violatedField?: string; /** The segment route it took. */ segmentRoute?: string },
): T {
  const { route, status } = request;
  const counter = snapshot.requests.find((r) => r.route === route && r.status === status);
  if (counter) counter.count++;
  else snapshot.requests.push({ route, status, count: 1 });
  let duration = snapshot.durations.find((d) => d.route === route);
  if (!duration) {
    duration = { route, counts: emptyHistogram(REQUEST_DURATION_BUCKETS).counts, sum: 0 };
    snapshot.durations.push(duration);
  }
  observe(duration, REQUEST_DURATION_BUCKETS, request.durationSeconds);
  for (const { label, modelVersion } of request.predictions ?? []) {
    const count = snapshot.predictions.find((p) => p.label === label && p.modelVersion === modelVersion);
    if (count) count.count++;
    else snapshot.predictions.push({ label, modelVersion, count: 1 });
  }
  if (request.violatedField !== undefined) countViolation(snapshot, request.violatedField, 1);
  if (request.segmentRoute !== undefined) for (const p of request.predictions ?? []) countRoute(snapshot, request.segmentRoute, p.modelVersion, 1);
  return snapshot;
}

/**
 * The endpoint's `/metrics` text:
 * - `lifecycle_lab_requests_total{route,status}` counter;
 * - `lifecycle_lab_request_duration_seconds{route}` histogram (buckets 1 ms … 1 s);
 * - `lifecycle_lab_predictions_total{label,model_version}` counter;
 * - `lifecycle_lab_model_info{name,version,alias}` gauge, 1 per served model;
 * - `lifecycle_lab_contract_violations_total{field}` counter: predict requests refused with
 *   `422 contract_violation`, by the field named (also in `requests_total` under status 422);
 *   written from the first violation on.
 * - `lifecycle_lab_routed_predictions_total{route,model_version}` counter: predictions of
 *   deployments that route by segment (core/serving/segmentRouting.ts), by route; written from the
 *   first such prediction on.
 * - with `business`, the `lifecycle_lab_business_*{project_id}` families (monitor/businessPrometheus.ts).
 */
export function renderEndpointMetrics(snapshot: EndpointMetricsSnapshot): string {
  return renderMetrics([
    {
      type: 'counter',
      name: 'lifecycle_lab_requests_total',
      help: 'Requests answered by the local prediction endpoint, by route and HTTP status.',
      samples: snapshot.requests.map((r) => ({ labels: { route: r.route, status: r.status }, value: r.count })),
    },
    {
      type: 'histogram',
      name: 'lifecycle_lab_request_duration_seconds',
      help: 'Time from receiving a request to answering it, in seconds.',
      bounds: REQUEST_DURATION_BUCKETS,
      series: snapshot.durations.map((d) => ({ labels: { route: d.route }, counts: d.counts, sum: d.sum })),
    },
    {
      type: 'counter',
      name: 'lifecycle_lab_predictions_total',
      help: 'Predictions returned, by predicted label and model version.',
      samples: snapshot.predictions.map((p) => ({ labels: { label: p.label, model_version: p.modelVersion }, value: p.count })),
    },
    {
      type: 'info',
      name: 'lifecycle_lab_model_info',
      help: 'The model versions being served (value 1), by model name, version and alias.',
      labels: snapshot.models.map((m) => ({ name: m.name, version: m.version, alias: m.alias })),
    },
    // Written once a contract has refused something, so scrapes of an endpoint without one stay as they were.
    ...(snapshot.violations?.length
      ? [{
          type: 'counter' as const,
          name: 'lifecycle_lab_contract_violations_total',
          help: "Predict requests refused for breaking the project's request contract, by the field named.",
          samples: snapshot.violations.map((v) => ({ labels: { field: v.field }, value: v.count })),
        }]
      : []),
    ...(snapshot.routes?.length
      ? [{
          type: 'counter' as const,
          name: 'lifecycle_lab_routed_predictions_total',
          help: 'Predictions returned by deployments that route by a request field, by route (field=value, or default) and model version.',
          samples: snapshot.routes.map((r) => ({ labels: { route: r.route, model_version: r.modelVersion }, value: r.count })),
        }]
      : []),
    ...(snapshot.business ? endpointBusinessFamilies(snapshot.business) : []),
  ]);
}
