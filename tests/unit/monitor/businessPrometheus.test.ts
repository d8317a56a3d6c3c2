import { describe, expect, it } from 'vitest';
import { emptyEndpointMetrics, renderEndpointMetrics } from '$lib/core/serving/prometheus';
import { renderMonitoringAggregates } from '$lib/core/interop/prometheusAggregates';
import { addPrediction, emptyBucket, mergeAll, type MetricBucket } from '$lib/core/monitor/buckets';
import { businessFigures } from '$lib/core/monitor/businessMetrics';
import { businessOf, type BusinessSettings } from '$lib/core/monitor/businessValue';
import { HOUR, MINUTE, T0, prediction } from './fixtures';
import { parsePrometheus, valueOf } from '../interop/promText';

const SETTINGS: BusinessSettings = { ...businessOf(undefined), unit: 'minutes', valueRight: 3, costWrong: 10, moneyPerUnit: 0.5, currency: 'EUR' };

/** Four answers in one minute: 0.9 right, 0.85 wrong, 0.95 without outcome, 0.5 (a person decides). */
function minute(start = T0): MetricBucket {
  const b = emptyBucket(start, MINUTE);
  addPrediction(b, prediction(start, { confidence: 0.9, outcome: 'Billing' }));
  addPrediction(b, prediction(start + 1, { confidence: 0.85, outcome: 'Technical Issue' }));
  addPrediction(b, prediction(start + 2, { confidence: 0.95 }));
  addPrediction(b, prediction(start + 3, { confidence: 0.5 }));
  return b;
}

describe('business series on /metrics', () => {
  const day = mergeAll([minute(), emptyBucket(T0 + 86_400_000 - MINUTE)]);
  const text = renderEndpointMetrics({
    ...emptyEndpointMetrics(),
    business: [{ projectId: 'p-1', allTime: businessFigures(mergeAll([minute(T0 - 2 * 86_400_000), minute()]), SETTINGS), lastDay: businessFigures(day, SETTINGS) }],
  });
  const families = parsePrometheus(text);

  it('names counters with _total and HELP text, gauges for the threshold and the value per day', () => {
    expect(text).toContain('# HELP lifecycle_lab_business_automatic_decisions_total Served answers with confidence at or above the project\'s automatic-decision threshold (recounted at the current threshold).\n# TYPE lifecycle_lab_business_automatic_decisions_total counter\n');
    expect(families.get('lifecycle_lab_business_automatic_wrong_total')?.type).toBe('counter');
    expect(families.get('lifecycle_lab_business_automatic_right_total')?.type).toBe('counter');
    expect(families.get('lifecycle_lab_business_automatic_threshold')?.type).toBe('gauge');
    expect(families.get('lifecycle_lab_business_net_value_per_day')?.help).toMatch(/last 24 hours/);
  });

  it('counts since monitoring began and values the last 24 hours, per project', () => {
    const v = (name: string, labels: Record<string, string> = {}) => valueOf(families, `lifecycle_lab_business_${name}`, { project_id: 'p-1', ...labels });
    expect(v('automatic_decisions_total')).toBe(6);
    expect(v('automatic_wrong_total')).toBe(2);
    expect(v('automatic_right_total')).toBe(2);
    expect(v('automatic_threshold')).toBe(0.8);
    // The last day: 1 right, 1 wrong, 1 pending at 0.955 expected → (1.955 × 3 − 1.045 × 10) per day.
    expect(v('net_value_per_day', { unit: 'minutes' })).toBeCloseTo(1.955 * 3 - 1.045 * 10, 10);
    expect(v('net_money_per_day', { currency: 'EUR' })).toBeCloseTo((1.955 * 3 - 1.045 * 10) * 0.5, 10);
  });

  it('writes no business series without business figures', () => {
    expect(renderEndpointMetrics(emptyEndpointMetrics())).not.toContain('lifecycle_lab_business');
  });
});

describe('business series in the monitoring export', () => {
  const render = (business?: { settings: BusinessSettings }) =>
    renderMonitoringAggregates({ buckets: [minute()], from: T0, to: T0 + HOUR, labels: { project_id: 'p-1' }, ...(business ? { business } : {}) });

  it('adds gauges for the window with the unit and currency as labels', () => {
    const families = parsePrometheus(render({ settings: SETTINGS }));
    const v = (name: string, labels: Record<string, string> = {}) => valueOf(families, `lifecycle_lab_monitor_business_${name}`, { project_id: 'p-1', ...labels });
    expect(families.get('lifecycle_lab_monitor_business_automatic_decisions')).toMatchObject({ type: 'gauge', help: expect.stringMatching(/decided automatically/) });
    expect(v('automatic_threshold')).toBe(0.8);
    expect(v('automatic_decisions')).toBe(3);
    expect(v('automatic_share')).toBe(0.75);
    expect(v('automatic_wrong')).toBe(1);
    expect(v('automatic_right')).toBe(1);
    expect(v('automatic_pending')).toBe(1);
    expect(v('value', { unit: 'minutes' })).toBeCloseTo(1.955 * 3 - 1.045 * 10, 10);
    // One hour's value × 24.
    expect(v('value_per_day', { unit: 'minutes' })).toBeCloseTo((1.955 * 3 - 1.045 * 10) * 24, 10);
    expect(v('money_per_day', { currency: 'EUR' })).toBeCloseTo((1.955 * 3 - 1.045 * 10) * 12, 10);
  });

  it('has no business series unless asked, and no money series without money per unit', () => {
    expect(render()).not.toContain('_business_');
    const families = parsePrometheus(render({ settings: { ...SETTINGS, moneyPerUnit: null, currency: '' } }));
    expect(families.get('lifecycle_lab_monitor_business_money_per_day')?.samples).toEqual([]);
  });
});
