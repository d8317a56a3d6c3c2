import { describe, expect, it } from 'vitest';
import { backfillStepMs, renderMonitoringBackfill } from '$lib/core/interop/monitoringBackfill';
import { renderOpenMetrics } from '$lib/core/interop/openMetrics';
import { grafanaDashboard } from '$lib/core/interop/grafanaDashboard';
import { renderMonitoringAggregates, type MonitoringAggregatesInput } from '$lib/core/interop/prometheusAggregates';
import { addOutcome } from '$lib/core/monitor/buckets';
import { businessOf } from '$lib/core/monitor/businessValue';
import { renderEndpointMetrics } from '$lib/core/serving/prometheus';
import { HOUR, MINUTE, minuteBuckets, prediction, T0 } from '../monitor/fixtures';
import { parseOpenMetrics, seriesOf } from './openMetricsText';
import { parsePrometheus, valueOf } from './promText';

const LOGS = [
  prediction(T0 + 1_000, { latencyMs: 12, label: 'Billing', confidence: 0.9, outcome: 'Billing' }),
  prediction(T0 + 7 * MINUTE, { latencyMs: 30, label: 'Billing', confidence: 0.7, outcome: 'Technical' }),
  prediction(T0 + 7 * MINUTE + 5, { latencyMs: 1200, status: 503 }),
  prediction(T0 + 31 * MINUTE, { latencyMs: 20, route: 'challenger', modelVersionId: 'v2', label: 'General', confidence: 0.8 }),
  prediction(T0 + 59 * MINUTE, { latencyMs: 15_000, status: 0 }),
];
const LABELS = { project_id: 'p-1' };
const SETTINGS = { ...businessOf(undefined), unit: 'minutes', valueRight: 3, costWrong: 10 };
const INPUT: MonitoringAggregatesInput = {
  buckets: minuteBuckets(LOGS),
  from: T0,
  to: T0 + HOUR,
  versions: new Map([['v2', { modelName: 'router', version: 2 }]]),
  labels: LABELS,
  business: { settings: SETTINGS },
};
const STEP = 5 * MINUTE;
const text = renderMonitoringBackfill({ ...INPUT, stepMs: STEP });
const families = parseOpenMetrics(text);

describe('renderMonitoringBackfill (OpenMetrics for promtool tsdb create-blocks-from openmetrics)', () => {
  it('ends with # EOF and stamps every point with its step end, in seconds', () => {
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const stamps = new Set([...families.values()].flatMap((f) => f.samples.map((s) => s.seconds)));
    expect([...stamps].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => (T0 + (i + 1) * STEP) / 1000));
  });

  it('writes counts as counters from the window start, ending at the textfile export’s totals', () => {
    expect(families.get('lifecycle_lab_monitor_requests')!.type).toBe('counter');
    const window = parsePrometheus(renderMonitoringAggregates(INPUT));
    for (const status_class of ['2xx', '5xx', 'failed']) {
      const points = seriesOf(families, 'lifecycle_lab_monitor_requests_total', { ...LABELS, status_class });
      expect(points.map((p) => p.value)).toEqual([...points.map((p) => p.value)].sort((a, b) => a - b)); // never falls
      expect(points.at(-1)!.value).toBe(valueOf(window, 'lifecycle_lab_monitor_requests', { ...LABELS, status_class }));
    }
    // The 503 lands in the step [T0+5m, T0+10m): stamped T0+10m.
    expect(seriesOf(families, 'lifecycle_lab_monitor_requests_total', { ...LABELS, status_class: '5xx' }).map((p) => p.value)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('writes the latency histogram cumulatively with its unit, +Inf equal to _count', () => {
    const latency = families.get('lifecycle_lab_monitor_request_latency_seconds')!;
    expect(latency).toMatchObject({ type: 'histogram', unit: 'seconds' });
    const last = latency.samples.filter((s) => s.seconds === (T0 + HOUR) / 1000);
    const inf = last.find((s) => s.name.endsWith('_bucket') && s.labels.le === '+Inf')!;
    expect(inf.value).toBe(last.find((s) => s.name.endsWith('_count'))!.value);
    expect(inf.value).toBe(5);
    expect(last.find((s) => s.name.endsWith('_sum'))!.value).toBeCloseTo((12 + 30 + 1200 + 20 + 15_000) / 1000, 9);
  });

  it('keeps ratios and business figures as gauges of their own step', () => {
    expect(families.get('lifecycle_lab_monitor_accuracy')!.type).toBe('gauge');
    // Labelled answers only in the steps [T0, T0+5m) (right) and [T0+5m, T0+10m) (wrong).
    expect(seriesOf(families, 'lifecycle_lab_monitor_accuracy', LABELS).map((p) => [p.seconds, p.value])).toEqual([
      [(T0 + STEP) / 1000, 1],
      [(T0 + 2 * STEP) / 1000, 0],
    ]);
    expect(families.get('lifecycle_lab_monitor_business_value')!.type).toBe('gauge');
    expect(families.has('lifecycle_lab_monitor_window_start_timestamp_seconds')).toBe(false);
  });

  it('picks 5-minute steps up to a day and 10 beyond, and refuses steps that are not whole minutes', () => {
    expect(backfillStepMs(24 * HOUR)).toBe(5 * MINUTE);
    expect(backfillStepMs(7 * 24 * HOUR)).toBe(10 * MINUTE);
    expect(() => renderMonitoringBackfill({ ...INPUT, stepMs: 1_000 })).toThrow(/whole minutes/);
  });
});

describe('renderOpenMetrics', () => {
  it('refuses a counter named with _total, points out of order and negative counts', () => {
    const counter = (name: string, points: { atMs: number; value: number }[]) => renderOpenMetrics([{ type: 'counter', name, help: 'h', series: [{ labels: {}, points }] }]);
    expect(() => counter('x_total', [])).toThrow(/without "_total"/);
    expect(() => counter('x', [{ atMs: 2000, value: 1 }, { atMs: 1000, value: 2 }])).toThrow(/time order/);
    expect(() => counter('x', [{ atMs: 1000, value: -1 }])).toThrow(/cannot be -1/);
    expect(counter('x', [{ atMs: 1500, value: 2 }])).toBe('# TYPE x counter\n# HELP x h\nx_total 2 1.5\n# EOF\n');
  });

  it('escapes quotes in HELP as OpenMetrics requires', () => {
    expect(renderOpenMetrics([{ type: 'gauge', name: 'g', help: 'a "b"\\\nc', series: [] }])).toContain('# HELP g a \\"b\\"\\\\\\nc\n');
  });
});

describe('grafanaDashboard', () => {
  const dashboard = grafanaDashboard({ projectId: 'p-1', projectName: 'Tickets', windowMs: 7 * 24 * HOUR, businessValue: true });
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

  it('asks only for series the backfill publishes', () => {
    // With versions, labelled answers and business value every family has samples.
    const published = new Set([...families.values()].flatMap((f) => f.samples.map((s) => s.name)));
    const endpoint = renderEndpointMetrics({ requests: [], durations: [], predictions: [], models: [] });
    const referenced = new Set([...exprs, dashboard.templating.list[0].definition].flatMap((e) => e.match(/lifecycle_lab_[a-z0-9_]+/g) ?? []));
    expect(referenced.size).toBeGreaterThan(6);
    for (const name of referenced) expect([name, published.has(name)]).toEqual([name, true]);
    expect(endpoint).not.toContain('lifecycle_lab_monitor_'); // the names are the export's, not /metrics'
  });

  it('has the technical panels: request rate, p50/p90/p99 from the histogram, error rate, availability', () => {
    expect(dashboard.panels.map((p) => p.title)).toEqual(expect.arrayContaining(['Request rate', 'Latency percentiles', 'Error rate', 'Availability', 'Business value']));
    for (const q of ['0.5', '0.9', '0.99']) expect(exprs).toContain(`histogram_quantile(${q}, sum by (le) (rate(lifecycle_lab_monitor_request_latency_seconds_bucket{project_id="$project_id"}[$__rate_interval])))`);
    expect(exprs.find((e) => e.startsWith('1 - ('))).toContain('status_class=~"5xx|failed"');
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('imports into any Grafana: one datasource input, used everywhere', () => {
    expect(dashboard.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    const uids = [...dashboard.panels.flatMap((p) => [p.datasource.uid, ...p.targets.map((t) => t.datasource.uid)]), dashboard.templating.list[0].datasource.uid];
    expect(new Set(uids)).toEqual(new Set(['${DS_PROMETHEUS}']));
    expect(dashboard.time.from).toBe('now-168h');
    expect(grafanaDashboard({ projectId: 'p-1', projectName: 'T', windowMs: HOUR, businessValue: false }).panels.map((p) => p.title)).not.toContain('Business value');
  });
});

// An outcome arriving later changes the backfill like the textfile export: same buckets, same figures.
it('counts later outcomes in the step of their prediction', () => {
  const buckets = minuteBuckets(LOGS);
  addOutcome(buckets.find((b) => b.start === T0 + 31 * MINUTE)!, { predictedLabel: 'General', outcome: 'General', modelVersionId: 'v2' });
  const later = parseOpenMetrics(renderMonitoringBackfill({ ...INPUT, buckets, stepMs: STEP }));
  expect(seriesOf(later, 'lifecycle_lab_monitor_correct_total', LABELS).at(-1)!.value).toBe(2);
});
