/**
 * A Grafana dashboard (JSON model, import format) for the monitoring backfill
 * (monitoringBackfill.ts): request rate, latency p50/p90/p99 from the histogram, error rate,
 * availability, traffic and accuracy per model version, the share of automatic decisions, and —
 * for a project that says what a decision is worth — their value. Every query is built from the metric-name
 * constants the exports use (prometheusAggregates.ts), so the dashboard cannot ask for a name
 * that is not published.
 *
 * Import format: the data source is the input `DS_PROMETHEUS` (`__inputs`), which Grafana's
 * import dialog asks for, and every panel and the `project_id` variable name it as
 * `${DS_PROMETHEUS}`. Counters are read with `rate(…[$__rate_interval])`; each panel's minimum
 * interval is 20 minutes, so a rate window always holds two or more backfill points.
 */
import { ERROR_STATUS_CLASSES, MONITOR_BUSINESS_METRIC, MONITOR_METRIC } from './prometheusAggregates';

export interface DashboardInput {
  projectId: string;
  projectName: string;
  /** The exported window (sets the dashboard's default time range). */
  windowMs: number;
  /** Whether the project says what a decision is worth (adds the value panel; the automatic share is always there). */
  businessValue: boolean;
}

const DATASOURCE = { type: 'prometheus', uid: '${DS_PROMETHEUS}' } as const;
const MIN_INTERVAL = '20m';
const HOUR_MS = 3_600_000;

/** OpenMetrics names a counter's samples `<family>_total`; a histogram's buckets `<family>_bucket`. */
const total = (family: string) => `${family}_total`;
const SELECT = 'project_id="$project_id"';

function rate(family: string, extra = ''): string {
  return `rate(${total(family)}{${SELECT}${extra}}[$__rate_interval])`;
}

const errorRatio = `sum(${rate(MONITOR_METRIC.requests, `,status_class=~"${ERROR_STATUS_CLASSES.join('|')}"`)}) / sum(${rate(MONITOR_METRIC.requests)})`;

interface Target {
  expr: string;
  legend: string;
}

function panel(id: number, title: string, description: string, unit: string, targets: Target[], gridPos: { x: number; y: number; w: number; h: number }) {
  return {
    id,
    type: 'timeseries',
    title,
    description,
    datasource: DATASOURCE,
    interval: MIN_INTERVAL,
    gridPos,
    fieldConfig: { defaults: { unit, min: 0 }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'none' } },
    targets: targets.map((t, i) => ({ datasource: DATASOURCE, expr: t.expr, legendFormat: t.legend, refId: String.fromCharCode(65 + i) })),
  };
}

/** A dashboard uid (at most 40 characters of `[A-Za-z0-9_-]`) stable for a project. */
export function dashboardUid(projectId: string): string {
  return `lifecycle-lab-${projectId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 40);
}

/** The dashboard's JSON model (see the file comment). */
export function grafanaDashboard(input: DashboardInput) {
  const m = MONITOR_METRIC;
  const b = MONITOR_BUSINESS_METRIC;
  const quantile = (q: number): Target => ({
    expr: `histogram_quantile(${q}, sum by (le) (rate(${m.latency}_bucket{${SELECT}}[$__rate_interval])))`,
    legend: `p${Math.round(q * 100)}`,
  });
  const half = (i: number) => ({ x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 });
  const panels = [
    panel(1, 'Request rate', 'HTTP requests answered per second, by status class (failed: no HTTP answer).', 'reqps',
      [{ expr: `sum by (status_class) (${rate(m.requests)})`, legend: '{{status_class}}' }], half(0)),
    panel(2, 'Latency percentiles', 'Time to answer a served prediction, from the latency histogram.', 's', [quantile(0.5), quantile(0.9), quantile(0.99)], half(1)),
    panel(3, 'Error rate', 'Share of requests that failed: 5xx answers and requests without an answer.', 'percentunit', [{ expr: errorRatio, legend: 'errors' }], half(2)),
    panel(4, 'Availability', 'Share of requests answered without a server error (1 − error rate).', 'percentunit', [{ expr: `1 - (${errorRatio})`, legend: 'availability' }], half(3)),
    panel(5, 'Requests per model version', 'Requests each model version answered per second, shadow traffic included.', 'reqps',
      [{ expr: `sum by (model_name, model_version) (${rate(m.versionRequests)})`, legend: '{{model_name}} v{{model_version}}' }], half(4)),
    panel(6, 'Accuracy of labelled answers', 'Correct / labelled answers in each backfill step, over all versions and per version (only where outcomes are known).', 'percentunit',
      [
        { expr: `${m.accuracy}{${SELECT}}`, legend: 'all versions' },
        { expr: `${m.versionAccuracy}{${SELECT}}`, legend: '{{model_name}} v{{model_version}}' },
      ], half(5)),
    panel(7, 'Automatic decisions', 'Share of served answers decided automatically (confidence at or above the project\'s threshold).', 'percentunit',
      [{ expr: `${b.share}{${SELECT}}`, legend: 'automatic share' }], half(6)),
  ];
  if (input.businessValue) {
    panels.push(
      panel(8, 'Business value', 'Estimated value of the automatic decisions per interval, in the project\'s unit (unknown outcomes at their expected accuracy).', 'short',
        [{ expr: `sum by (unit) (sum_over_time(${b.value}{${SELECT}}[$__interval]))`, legend: '{{unit}}' }], half(7)),
    );
  }
  return {
    __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', description: 'The Prometheus that holds the backfilled Lifecycle Lab monitoring.', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.0.0' },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      { type: 'panel', id: 'timeseries', name: 'Time series', version: '' },
    ],
    annotations: { list: [] },
    description: `Monitoring of the Lifecycle Lab project “${input.projectName}”, from its OpenMetrics backfill.`,
    editable: true,
    graphTooltip: 1,
    panels,
    schemaVersion: 39,
    tags: ['lifecycle-lab'],
    templating: {
      list: [{
        name: 'project_id',
        label: 'Project',
        type: 'query',
        datasource: DATASOURCE,
        definition: `label_values(${total(m.requests)}, project_id)`,
        query: { query: `label_values(${total(m.requests)}, project_id)`, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
        current: { text: input.projectId, value: input.projectId, selected: true },
        refresh: 1,
        hide: 0,
        includeAll: false,
        multi: false,
        options: [],
        sort: 1,
      }],
    },
    time: { from: `now-${Math.round(input.windowMs / HOUR_MS)}h`, to: 'now' },
    timezone: '',
    title: `Lifecycle Lab — ${input.projectName}`,
    uid: dashboardUid(input.projectId),
    version: 1,
  };
}
