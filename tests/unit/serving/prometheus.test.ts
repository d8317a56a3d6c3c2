import { describe, expect, it } from 'vitest';
import {
  emptyEndpointMetrics,
  emptyHistogram,
  formatValue,
  observe,
  recordRequest,
  renderEndpointMetrics,
  renderMetrics,
  REQUEST_DURATION_BUCKETS,
} from '../../../src/lib/core/serving/prometheus';

describe('renderMetrics', () => {
  it('writes the 0.0.4 text format exactly', () => {
    const text = renderMetrics([
      {
        type: 'counter',
        name: 'http_requests_total',
        help: 'Requests.\nBy "method" and code, with a \\ backslash.',
        samples: [
          { labels: { method: 'post', code: 200 }, value: 1027 },
          { labels: { method: 'post', code: 400 }, value: 3 },
        ],
      },
      { type: 'gauge', name: 'temperature_celsius', help: 'Odd values.', samples: [{ value: -0.5 }, { labels: { probe: 'a\\b"c"\nd' }, value: NaN }, { labels: { probe: 'hot' }, value: Infinity }, { labels: { probe: 'big' }, value: 1e21 }, { labels: { probe: 'tiny' }, value: 1e-7 }] },
      {
        type: 'histogram',
        name: 'rpc_duration_seconds',
        help: 'RPC latency.',
        bounds: [0.05, 0.5, 1],
        series: [{ labels: { service: 'x' }, counts: [2, 1, 0, 1], sum: 3.125 }],
      },
      { type: 'info', name: 'build_info', help: 'Build.', labels: [{ version: '1.2.0', branch: 'main' }] },
      { type: 'counter', name: 'nothing_yet_total', help: 'No samples.', samples: [] },
    ]);
    expect(text).toBe(
      [
        '# HELP http_requests_total Requests.\\nBy "method" and code, with a \\\\ backslash.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="post",code="200"} 1027',
        'http_requests_total{method="post",code="400"} 3',
        '# HELP temperature_celsius Odd values.',
        '# TYPE temperature_celsius gauge',
        'temperature_celsius -0.5',
        'temperature_celsius{probe="a\\\\b\\"c\\"\\nd"} NaN',
        'temperature_celsius{probe="hot"} +Inf',
        'temperature_celsius{probe="big"} 1000000000000000000000',
        'temperature_celsius{probe="tiny"} 1e-7',
        '# HELP rpc_duration_seconds RPC latency.',
        '# TYPE rpc_duration_seconds histogram',
        'rpc_duration_seconds_bucket{service="x",le="0.05"} 2',
        'rpc_duration_seconds_bucket{service="x",le="0.5"} 3',
        'rpc_duration_seconds_bucket{service="x",le="1"} 3',
        'rpc_duration_seconds_bucket{service="x",le="+Inf"} 4',
        'rpc_duration_seconds_sum{service="x"} 3.125',
        'rpc_duration_seconds_count{service="x"} 4',
        '# HELP build_info Build.',
        '# TYPE build_info gauge',
        'build_info{version="1.2.0",branch="main"} 1',
        '# HELP nothing_yet_total No samples.',
        '# TYPE nothing_yet_total counter',
        '',
      ].join('\n'),
    );
  });

  it('formats numbers as Prometheus does', () => {
    expect([0, 1, -3, 2 ** 53, 1e21, 0.001, 1.5e-9, Infinity, -Infinity, NaN].map(formatValue)).toEqual([
      '0', '1', '-3', '9007199254740992', '1000000000000000000000', '0.001', '1.5e-9', '+Inf', '-Inf', 'NaN',
    ]);
  });

  it('rejects invalid names, le on a histogram, duplicates and bad buckets', () => {
    const counter = (name: string, labels: Record<string, string> = {}) => ({ type: 'counter' as const, name, help: 'h', samples: [{ labels, value: 1 }] });
    expect(() => renderMetrics([counter('2xx_total')])).toThrow(/Invalid Prometheus metric name "2xx_total"/);
    expect(() => renderMetrics([counter('requests-total')])).toThrow(/metric name/);
    expect(renderMetrics([counter('ns:requests_total')])).toContain('\nns:requests_total 1\n');
    expect(() => renderMetrics([counter('ok_total', { 'bad-label': 'x' })])).toThrow(/Invalid Prometheus label name "bad-label"/);
    expect(() => renderMetrics([counter('ok_total', { __reserved: 'x' })])).toThrow(/label name "__reserved"/);
    expect(() => renderMetrics([counter('a_total'), counter('a_total')])).toThrow(/defined twice/);
    expect(() =>
      renderMetrics([{ type: 'gauge', name: 'g', help: 'h', samples: [{ labels: { a: '1', b: '2' }, value: 1 }, { labels: { b: '2', a: 1 }, value: 2 }] }]),
    ).toThrow(/two samples with the labels/);
    const histogram = (bounds: number[], counts: number[], labels?: Record<string, string>) => ({ type: 'histogram' as const, name: 'h_seconds', help: 'h', bounds, series: [{ labels, counts, sum: 0 }] });
    expect(() => renderMetrics([histogram([1, 2], [0, 0, 0], { le: '1' })])).toThrow(/cannot have its own "le" label/);
    expect(() => renderMetrics([histogram([2, 1], [0, 0, 0])])).toThrow(/strictly increasing/);
    expect(() => renderMetrics([histogram([1, 2], [0, 0])])).toThrow(/2 counts for 2 bounds/);
  });

  it('observe puts a value in the first bucket whose bound is at least the value', () => {
    const bounds = [0.1, 1];
    const h = emptyHistogram(bounds);
    for (const v of [0.1, 0.05, 0.5, 1, 7, NaN]) observe(h, bounds, v);
    expect(h).toEqual({ counts: [2, 2, 1], sum: 8.65 });
  });
});

describe('renderEndpointMetrics', () => {
  it('renders the endpoint counters, duration histogram and model info', () => {
    const snapshot = emptyEndpointMetrics();
    snapshot.models.push({ name: 'ticket-classifier', version: 3, alias: 'champion' });
    recordRequest(snapshot, { route: '/api/v1/predict', status: 200, durationSeconds: 0.0004, predictions: [{ label: 'Billing', modelVersion: 3 }] });
    recordRequest(snapshot, { route: '/api/v1/predict', status: 200, durationSeconds: 0.003, predictions: [{ label: 'Billing', modelVersion: 3 }, { label: 'General Inquiry', modelVersion: 3 }] });
    recordRequest(snapshot, { route: '/api/v1/predict', status: 422, durationSeconds: 0.0001 });
    recordRequest(snapshot, { route: '/api/v1/health', status: 200, durationSeconds: 2 });
    expect(REQUEST_DURATION_BUCKETS).toEqual([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]);
    const les = ['0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '+Inf'];
    const predictBuckets = [2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    const healthBuckets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(renderEndpointMetrics(snapshot)).toBe(
      [
        '# HELP lifecycle_lab_requests_total Requests answered by the local prediction endpoint, by route and HTTP status.',
        '# TYPE lifecycle_lab_requests_total counter',
        'lifecycle_lab_requests_total{route="/api/v1/predict",status="200"} 2',
        'lifecycle_lab_requests_total{route="/api/v1/predict",status="422"} 1',
        'lifecycle_lab_requests_total{route="/api/v1/health",status="200"} 1',
        '# HELP lifecycle_lab_request_duration_seconds Time from receiving a request to answering it, in seconds.',
        '# TYPE lifecycle_lab_request_duration_seconds histogram',
        ...les.map((le, i) => `lifecycle_lab_request_duration_seconds_bucket{route="/api/v1/predict",le="${le}"} ${predictBuckets[i]}`),
        'lifecycle_lab_request_duration_seconds_sum{route="/api/v1/predict"} 0.0035',
        'lifecycle_lab_request_duration_seconds_count{route="/api/v1/predict"} 3',
        ...les.map((le, i) => `lifecycle_lab_request_duration_seconds_bucket{route="/api/v1/health",le="${le}"} ${healthBuckets[i]}`),
        'lifecycle_lab_request_duration_seconds_sum{route="/api/v1/health"} 2',
        'lifecycle_lab_request_duration_seconds_count{route="/api/v1/health"} 1',
        '# HELP lifecycle_lab_predictions_total Predictions returned, by predicted label and model version.',
        '# TYPE lifecycle_lab_predictions_total counter',
        'lifecycle_lab_predictions_total{label="Billing",model_version="3"} 2',
        'lifecycle_lab_predictions_total{label="General Inquiry",model_version="3"} 1',
        '# HELP lifecycle_lab_model_info The model versions being served (value 1), by model name, version and alias.',
        '# TYPE lifecycle_lab_model_info gauge',
        'lifecycle_lab_model_info{name="ticket-classifier",version="3",alias="champion"} 1',
        '',
      ].join('\n'),
    );
    // The snapshot is plain data (it can be stored and posted).
    expect(structuredClone(snapshot)).toEqual(snapshot);
  });
});
