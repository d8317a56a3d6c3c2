import { describe, expect, it } from 'vitest';
import { LATENCY_BOUNDS_SECONDS, renderMonitoringAggregates } from '$lib/core/interop/prometheusAggregates';
import { addOutcome, type PredictionSample } from '$lib/core/monitor/buckets';
import { rollUp } from '$lib/core/monitor/query';
import { HOUR, MINUTE, minuteBuckets, prediction, T0 } from '../monitor/fixtures';
import { parsePrometheus, valueOf } from './promText';

const ODD_LABEL = 'Bill"ing\\\nx';

/** A small hour of traffic: champion v1, a challenger v2, a shadow v3. */
const LOGS: PredictionSample[] = [
  prediction(T0 + 1_000, { latencyMs: 12, label: 'Billing', confidence: 0.9, outcome: 'Billing' }),
  prediction(T0 + 2_000, { latencyMs: 30, label: 'Billing', confidence: 0.7, outcome: 'Technical' }),
  prediction(T0 + MINUTE, { latencyMs: 45, label: 'Technical', confidence: 0.6 }),
  prediction(T0 + 5 * MINUTE, { latencyMs: 250, label: ODD_LABEL, confidence: 0.5 }),
  prediction(T0 + 6 * MINUTE, { latencyMs: 8, status: 404 }),
  prediction(T0 + 7 * MINUTE, { latencyMs: 1200, status: 503 }),
  prediction(T0 + 8 * MINUTE, { latencyMs: 15_000, status: 0 }),
  prediction(T0 + 9 * MINUTE, { latencyMs: 20, route: 'challenger', modelVersionId: 'v2', label: 'General', confidence: 0.8, outcome: 'General' }),
  prediction(T0 + 9 * MINUTE + 1, { latencyMs: 22, route: 'shadow', modelVersionId: 'v3', label: 'General', confidence: 0.4, outcome: 'Billing' }),
  // Outside the window [T0, T0 + 1 h).
  prediction(T0 + HOUR, { latencyMs: 5 }),
  prediction(T0 - 1, { latencyMs: 5 }),
];
const VERSIONS = new Map([
  ['v1', { modelName: 'router', version: 1 }],
  ['v2', { modelName: 'router', version: 2 }],
]);

function render(buckets = minuteBuckets(LOGS), extra: Partial<Parameters<typeof renderMonitoringAggregates>[0]> = {}): string {
  return renderMonitoringAggregates({ buckets, from: T0, to: T0 + HOUR, versions: VERSIONS, labels: { project_id: 'p-1' }, ...extra });
}

describe('renderMonitoringAggregates', () => {
  const text = render();
  const families = parsePrometheus(text);
  const v = (name: string, labels: Record<string, string> = {}) => valueOf(families, `lifecycle_lab_monitor_${name}`, labels);

  it('is valid exposition text: HELP and TYPE for every family, gauges and one histogram', () => {
    for (const [name, family] of families) {
      expect(name.startsWith('lifecycle_lab_monitor_')).toBe(true);
      expect(family.help).not.toBe('');
      expect(family.type).toBe(name === 'lifecycle_lab_monitor_request_latency_seconds' ? 'histogram' : 'gauge');
      for (const s of family.samples) expect(s.labels.project_id).toBe('p-1');
    }
    expect(text).toContain('# TYPE lifecycle_lab_monitor_requests gauge\n');
  });

  it('states the window and counts served requests by status class', () => {
    expect(v('window_start_timestamp_seconds')).toBe(T0 / 1000);
    expect(v('window_end_timestamp_seconds')).toBe((T0 + HOUR) / 1000);
    expect(['1xx', '2xx', '3xx', '4xx', '5xx', 'failed'].map((c) => v('requests', { status_class: c }))).toEqual([0, 5, 0, 1, 1, 1]);
    expect(['champion', 'challenger', 'shadow'].map((route) => v('routed_predictions', { route }))).toEqual([7, 1, 1]);
  });

  it('writes the latency histogram on the bins’ own edges: cumulative, exact, +Inf = count', () => {
    const served = [12, 30, 45, 250, 8, 1200, 15_000, 20];
    expect(v('request_latency_seconds_count')).toBe(served.length);
    expect(v('request_latency_seconds_sum')).toBeCloseTo(served.reduce((a, b) => a + b, 0) / 1000, 9);
    expect(v('request_latency_seconds_bucket', { le: '+Inf' })).toBe(served.length);
    const buckets = families.get('lifecycle_lab_monitor_request_latency_seconds')!.samples.filter((s) => s.name.endsWith('_bucket'));
    expect(buckets).toHaveLength(LATENCY_BOUNDS_SECONDS.length + 1);
    for (const b of buckets) {
      const le = b.labels.le === '+Inf' ? Infinity : Number(b.labels.le);
      expect(b.value).toBe(served.filter((ms) => ms / 1000 < le || le === Infinity).length);
    }
    expect(v('request_latency_seconds_bucket', { le: '10' })).toBe(7); // the 15 s failure is above the last edge
  });

  it('counts answers by label with escaped label values, and accuracy where labelled', () => {
    expect(v('answers', { label: 'Billing' })).toBe(2);
    expect(v('answers', { label: 'Technical' })).toBe(1);
    expect(v('answers', { label: 'General' })).toBe(1); // the shadow answer is not served
    expect(v('answers', { label: ODD_LABEL })).toBe(1);
    expect(text).toContain('label="Bill\\"ing\\\\\\nx"');
    expect(v('answer_confidence_mean')).toBeCloseTo((0.9 + 0.7 + 0.6 + 0.5 + 0.8) / 5, 6);
    expect(v('labelled')).toBe(3);
    expect(v('correct')).toBe(2);
    expect(v('accuracy')).toBeCloseTo(2 / 3, 12);
  });

  it('breaks requests, errors, answers and accuracy down by model version, shadow included', () => {
    const v1 = { model_version_id: 'v1', model_name: 'router', model_version: '1' };
    const v2 = { model_version_id: 'v2', model_name: 'router', model_version: '2' };
    const v3 = { model_version_id: 'v3', model_name: '', model_version: '' };
    expect([v1, v2, v3].map((l) => v('version_requests', l))).toEqual([7, 1, 1]);
    expect([v1, v2, v3].map((l) => v('version_errors', l))).toEqual([2, 0, 0]);
    expect([v1, v2, v3].map((l) => v('version_answers', l))).toEqual([4, 1, 1]);
    expect([v1, v2, v3].map((l) => v('version_accuracy', l))).toEqual([0.5, 1, 0]);
    expect(v('version_latency_mean_seconds', v2)).toBeCloseTo(0.02, 12);
    // In order of model name (unknown: empty) and version number.
    const ids = families.get('lifecycle_lab_monitor_version_requests')!.samples.map((s) => s.labels.model_version_id);
    expect(ids).toEqual(['v3', 'v1', 'v2']);
  });

  it('gives the same text from hour buckets as from minute buckets', () => {
    const hours = rollUp(minuteBuckets(LOGS), { from: T0 - HOUR, to: T0 + 2 * HOUR, stepMs: HOUR });
    expect(render(hours)).toBe(text);
  });

  it('counts ground truth that arrived later', () => {
    const buckets = minuteBuckets(LOGS);
    addOutcome(buckets.find((b) => b.start === T0 + MINUTE)!, { predictedLabel: 'Technical', outcome: 'Technical', modelVersionId: 'v1' });
    const later = parsePrometheus(render(buckets));
    expect(valueOf(later, 'lifecycle_lab_monitor_accuracy')).toBeCloseTo(3 / 4, 12);
  });

  it('never stamps a sample: the textfile collector refuses timestamps (the backfill is OpenMetrics)', () => {
    for (const family of families.values()) expect(family.samples.every((s) => s.timestamp === undefined)).toBe(true);
  });

  it('writes an empty window as zeros, without accuracy or confidence samples', () => {
    const empty = parsePrometheus(render([]));
    expect(valueOf(empty, 'lifecycle_lab_monitor_requests', { status_class: '2xx' })).toBe(0);
    expect(valueOf(empty, 'lifecycle_lab_monitor_request_latency_seconds_count')).toBe(0);
    expect(empty.get('lifecycle_lab_monitor_accuracy')!.samples).toEqual([]);
    expect(empty.get('lifecycle_lab_monitor_answer_confidence_mean')!.samples).toEqual([]);
    expect(empty.get('lifecycle_lab_monitor_version_requests')!.samples).toEqual([]);
  });

  it('refuses a window that is empty or not whole ms', () => {
    expect(() => renderMonitoringAggregates({ buckets: [], from: T0, to: T0 })).toThrow(RangeError);
    expect(() => renderMonitoringAggregates({ buckets: [], from: T0 + 0.5, to: T0 + HOUR })).toThrow(RangeError);
  });
});
