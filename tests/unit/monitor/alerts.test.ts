import { describe, it, expect } from 'vitest';
import { evaluateCriteria, parseCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { bucketizeHealthChecks, bucketizePredictions } from '$lib/core/monitor/aggregate';
import { evaluateAlerts, monitoredCriteria, toMeasuredProduction } from '$lib/core/monitor/alerts';
import type { PredictionSample } from '$lib/core/monitor/buckets';
import { rollUp, summarize } from '$lib/core/monitor/query';
import { HOUR, MINUTE, T0, iso, prediction } from './fixtures';

function criterion(text: string): SuccessCriterion {
  const parsed = parseCriterion(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.criterion;
}

const P99 = criterion('p99 latency on production <= 200 ms');
const ACCURACY = criterion('accuracy on production >= 0.9');
const OFFLINE = criterion('accuracy on test >= 0.9'); // not the monitor's business
const CRITERIA = [P99, ACCURACY, OFFLINE];

type Hour = 'good' | 'bad';

/**
 * Ten labelled calls a minute. A good hour: all 20 ms and all right. A bad hour: one call in
 * ten takes 350 ms (p99 of the hour ≈ 350 ms) and half the answers are wrong (accuracy 0.5).
 */
function traffic(hours: Hour[], withOutcomes = true): PredictionSample[] {
  const logs: PredictionSample[] = [];
  hours.forEach((kind, h) => {
    for (let m = 0; m < 60; m++) {
      for (let i = 0; i < 10; i++) {
        const bad = kind === 'bad';
        logs.push(
          prediction(T0 + h * HOUR + m * MINUTE + i * 1000, {
            latencyMs: bad && i === 0 ? 350 : 20,
            outcome: withOutcomes ? (bad && i % 2 === 0 ? 'Technical Issue' : 'Billing') : undefined,
          }),
        );
      }
    }
  });
  return logs;
}

function alertsFor(hours: Hour[], options: { withOutcomes?: boolean; minSamples?: number } = {}) {
  const buckets = bucketizePredictions(traffic(hours, options.withOutcomes ?? true));
  return evaluateAlerts(CRITERIA, { buckets }, { from: T0, to: T0 + hours.length * HOUR, stepMs: HOUR }, { minSamples: options.minSamples });
}

describe('monitoredCriteria', () => {
  it('keeps production criteria on metrics the buckets measure', () => {
    const ece = criterion('ece on production <= 0.1');
    expect(monitoredCriteria([...CRITERIA, ece])).toEqual([P99, ACCURACY]);
  });
});

describe('evaluateAlerts', () => {
  it('stays quiet when every hour meets the targets', () => {
    expect(alertsFor(['good', 'good', 'good'])).toEqual([]);
  });

  it('fires for the bad hour and for the window it drags down', () => {
    const alerts = alertsFor(['good', 'bad', 'good']);
    expect(alerts.map((a) => [a.criterionId, a.scope, a.window.from, a.window.to, a.steps])).toEqual([
      [P99.id, 'window', T0, T0 + 3 * HOUR, 3],
      [P99.id, 'steps', T0 + HOUR, T0 + 2 * HOUR, 1],
      [ACCURACY.id, 'window', T0, T0 + 3 * HOUR, 3],
      [ACCURACY.id, 'steps', T0 + HOUR, T0 + 2 * HOUR, 1],
    ]);
    const [p99Window, p99Hour, accWindow, accHour] = alerts;
    // 60 slow calls of 1 800 (3.3 %) put the window's p99 at the slow calls too.
    expect(p99Window.measured).toBeGreaterThan(300);
    expect(p99Window.measured).toBeLessThan(400);
    expect(p99Hour).toMatchObject({ metric: 'latency_p99_ms', comparator: '<=', threshold: 200, samples: 600 });
    expect(p99Hour.worst).toBe(p99Hour.measured);
    expect(accHour).toMatchObject({ metric: 'accuracy', measured: 0.5, worst: 0.5, samples: 600, comparator: '>=', threshold: 0.9 });
    expect(accWindow).toMatchObject({ measured: 1500 / 1800, worst: 0.5, samples: 1800 });
    expect(accHour.message).toBe('Accuracy 50 % from 2024-05-01 13:00 to 2024-05-01 14:00 UTC over 600 labelled answers; target ≥ 90 %.');
    expect(p99Hour.message).toMatch(/^p99 latency ≈ \d+(\.\d)? ms from 2024-05-01 13:00 to 2024-05-01 14:00 UTC over 600 predictions; target ≤ 200 ms\.$/);
  });

  it('reports consecutive bad hours as one alert over the run', () => {
    const alerts = alertsFor(['bad', 'bad', 'good', 'bad']).filter((a) => a.criterionId === ACCURACY.id);
    expect(alerts.map((a) => [a.scope, (a.window.from - T0) / HOUR, (a.window.to - T0) / HOUR, a.steps, a.measured])).toEqual([
      ['window', 0, 4, 4, 0.625],
      ['steps', 0, 2, 2, 0.5],
      ['steps', 3, 4, 1, 0.5],
    ]);
  });

  it('does not repeat the window alert when every step fails', () => {
    const alerts = alertsFor(['bad', 'bad']);
    expect(alerts.map((a) => [a.criterionId, a.scope, a.steps])).toEqual([
      [P99.id, 'window', 2],
      [ACCURACY.id, 'window', 2],
    ]);
  });

  it('judges accuracy only where ground truth exists', () => {
    const alerts = alertsFor(['good', 'bad', 'good'], { withOutcomes: false });
    expect(alerts.map((a) => a.criterionId)).toEqual([P99.id, P99.id]);
  });

  it('does not judge steps with fewer samples than asked for', () => {
    // One slow call in an otherwise empty hour.
    const buckets = bucketizePredictions([prediction(T0, { latencyMs: 900 })]);
    const window = { from: T0, to: T0 + HOUR, stepMs: 15 * MINUTE };
    expect(evaluateAlerts([P99], { buckets }, window).map((a) => a.scope)).toEqual(['window', 'steps']);
    expect(evaluateAlerts([P99], { buckets }, window, { minSamples: 100 })).toEqual([]);
  });

  it('has nothing to say about empty windows', () => {
    const buckets = bucketizePredictions(traffic(['bad']));
    expect(evaluateAlerts(CRITERIA, { buckets: [] }, { from: T0, to: T0 + HOUR, stepMs: MINUTE })).toEqual([]);
    expect(evaluateAlerts(CRITERIA, { buckets }, { from: T0, to: T0, stepMs: MINUTE })).toEqual([]);
    expect(evaluateAlerts(CRITERIA, { buckets }, { from: T0 + 2 * HOUR, to: T0 + 3 * HOUR, stepMs: HOUR })).toEqual([]);
    expect(evaluateAlerts([OFFLINE], { buckets }, { from: T0, to: T0 + HOUR, stepMs: HOUR })).toEqual([]);
  });

  it('checks availability from health probes', () => {
    const target = criterion('availability >= 99%');
    // One probe a minute for two hours; the second hour loses 6 of 60.
    const checks = Array.from({ length: 120 }, (_, i) => ({ at: iso(T0 + i * MINUTE), ok: !(i >= 60 && i % 10 === 0), latencyMs: 1 }));
    const health = bucketizeHealthChecks(checks);
    const alerts = evaluateAlerts([target], { buckets: [], health }, { from: T0, to: T0 + 2 * HOUR, stepMs: HOUR });
    expect(alerts.map((a) => [a.scope, a.measured, a.samples])).toEqual([
      ['window', 114 / 120, 120],
      ['steps', 54 / 60, 60],
    ]);
  });
});

describe('toMeasuredProduction', () => {
  it('feeds evaluateCriteria with the production metrics of a summary', () => {
    const buckets = bucketizePredictions(traffic(['good', 'bad']));
    const [good, bad] = rollUp(buckets, { from: T0, to: T0 + 2 * HOUR, stepMs: HOUR }).map((b) => summarize(b));
    const measured = toMeasuredProduction(good);
    expect(Object.keys(measured)).toEqual(['production']);
    expect(measured.production).toMatchObject({ error_rate: 0, accuracy: 1, macro_f1: 1 });
    expect(measured.production!.latency_p99_ms).toBe(20); // every call took 20 ms: min = max
    expect(measured.production!.availability).toBeUndefined();
    expect(evaluateCriteria(CRITERIA, measured).map((r) => r.status)).toEqual(['pass', 'pass', 'unmeasured']);
    expect(evaluateCriteria(CRITERIA, toMeasuredProduction(bad)).map((r) => r.status)).toEqual(['fail', 'fail', 'unmeasured']);
    expect(toMeasuredProduction(bad, 601).production).toEqual({});
  });
});
