import { describe, it, expect } from 'vitest';
import { bucketizeHealthChecks, bucketizePredictions } from '$lib/core/monitor/aggregate';
import { addOutcome, addPrediction, addRequest, emptyBucket, mergeAll } from '$lib/core/monitor/buckets';
import { versionRows } from '$lib/core/monitor/versions';
import { availability, emptyHealthBucket, mergeHealthBuckets } from '$lib/core/monitor/health';
import { extent, labelShares, lowConfidenceShare, rollUp, rollUpHealth, summarize } from '$lib/core/monitor/query';
import { createRng, pick } from '$lib/core/random';
import { HOUR, MINUTE, T0, iso, prediction } from './fixtures';

const rng = createRng('query');
/** Three hours of traffic, 0–5 calls a minute, some minutes silent. */
const logs = Array.from({ length: 180 }, (_, m) => m).flatMap((m) =>
  Array.from({ length: Math.floor(rng() * 6) }, () =>
    prediction(T0 + m * MINUTE + Math.floor(rng() * MINUTE), {
      label: pick(rng, ['Billing', 'Technical Issue']),
      confidence: rng(),
      latencyMs: 5 + 100 * rng(),
      status: rng() < 0.05 ? 500 : 200,
      modelVersionId: pick(rng, ['v1', 'v2']),
    }),
  ),
);
const minutes = bucketizePredictions(logs);

describe('rollUp', () => {
  it('merges minute buckets into hour buckets equal to hour buckets built from the logs', () => {
    const hours = rollUp(minutes, { from: T0, to: T0 + 3 * HOUR, stepMs: HOUR });
    expect(hours.map((h) => [h.start, h.sizeMs])).toEqual([[T0, HOUR], [T0 + HOUR, HOUR], [T0 + 2 * HOUR, HOUR]]);
    expect(hours).toEqual(bucketizePredictions(logs, HOUR));
    expect(hours.reduce((n, h) => n + h.requests, 0)).toBe(logs.length);
  });

  it('gives the same result for any input order', () => {
    const window = { from: T0, to: T0 + 3 * HOUR, stepMs: HOUR };
    expect(rollUp([...minutes].reverse(), window)).toEqual(rollUp(minutes, window));
  });

  it('keeps empty steps, leaves out buckets outside the window and cuts the last step at `to`', () => {
    const steps = rollUp(minutes, { from: T0 + HOUR, to: T0 + 5 * HOUR + 30 * MINUTE, stepMs: HOUR });
    expect(steps).toHaveLength(5);
    expect(steps[4].start).toBe(T0 + 5 * HOUR);
    expect(steps[4].sizeMs).toBe(30 * MINUTE);
    expect(steps.slice(2).every((s) => s.requests === 0)).toBe(true);
    const inside = logs.filter((l) => Date.parse(l.at) >= T0 + HOUR).length;
    expect(steps.reduce((n, s) => n + s.requests, 0)).toBe(inside);
  });

  it('keeps the current, unfinished minute when `to` falls inside it', () => {
    const [step] = rollUp(minutes, { from: T0, to: T0 + 30_000, stepMs: HOUR });
    expect(step.sizeMs).toBe(30_000);
    expect(step.requests).toBe(minutes[0].start === T0 ? minutes[0].requests : 0);
  });

  it('has no steps for an empty window and rejects impossible ones', () => {
    expect(rollUp(minutes, { from: T0, to: T0, stepMs: HOUR })).toEqual([]);
    expect(rollUp([], { from: T0, to: T0 + HOUR, stepMs: HOUR })).toEqual([emptyBucket(T0, HOUR)]);
    expect(() => rollUp(minutes, { from: T0 + 1, to: T0, stepMs: HOUR })).toThrow(RangeError);
    expect(() => rollUp(minutes, { from: T0, to: T0 + HOUR, stepMs: 0 })).toThrow(RangeError);
    expect(() => rollUp(minutes, { from: T0, to: T0 + 365 * 24 * HOUR, stepMs: MINUTE })).toThrow(/limit/);
  });

  it('refuses a bucket straddling a step boundary', () => {
    expect(() => rollUp(minutes, { from: T0 + 30_000, to: T0 + HOUR, stepMs: MINUTE })).toThrow(/straddles/);
  });
});

describe('summarize', () => {
  it('reads a hand-made bucket', () => {
    // 12:00: four served calls (10, 30, 5, 1 ms), one 503; answers Billing 0.95 ✓, Technical Issue 0.42.
    // A bucket from before requests were logged (no `calls`): its predictions give the error rate, its probes the availability.
    const b = emptyBucket(T0, MINUTE);
    addPrediction(b, prediction(T0, { confidence: 0.95, latencyMs: 10, outcome: 'Billing' }));
    addPrediction(b, prediction(T0, { label: 'Technical Issue', confidence: 0.42, latencyMs: 30 }));
    addPrediction(b, prediction(T0, { status: 503, latencyMs: 5 }));
    addPrediction(b, prediction(T0, { status: 404, latencyMs: 1 }));
    const health = emptyHealthBucket(T0, MINUTE);
    Object.assign(health, { checks: 4, ok: 3 });
    const s = summarize(b, { health });
    expect(s).toMatchObject({
      from: T0,
      to: T0 + MINUTE,
      requests: 0,
      predictions: 4,
      errors: 1,
      errorRate: 0.25,
      meanLatencyMs: 11.5,
      maxLatencyMs: 30,
      answered: 2,
      meanConfidence: 0.685,
      lowConfidenceThreshold: 0.5,
      lowConfidenceShare: 0.5,
      labelShares: { Billing: 0.5, 'Technical Issue': 0.5 },
      labelled: 1,
      accuracy: 1,
      healthChecks: 4,
      availability: 0.75,
    });
    // Percentiles of [1, 5, 10, 30]: p0 and p100 exact; p50 between 5 and 10.
    expect(s.p50!).toBeGreaterThan(5);
    expect(s.p50!).toBeLessThan(10);
    expect(s.p99!).toBeLessThanOrEqual(30);
    expect(lowConfidenceShare(b, 0.1)).toBe(0);
    expect(lowConfidenceShare(b, 0.1 * 5)).toBe(0.5);
    expect(lowConfidenceShare(b, 0.9)).toBe(0.5);
    expect(() => lowConfidenceShare(b, 0.55)).toThrow(RangeError);
    expect(() => lowConfidenceShare(b, 1)).toThrow(RangeError);
  });

  it('has nulls, not zeros, for what an empty bucket cannot tell', () => {
    const s = summarize(emptyBucket(T0, HOUR));
    expect(s).toMatchObject({
      requests: 0, errorRate: null, p50: null, p95: null, p99: null, meanLatencyMs: null, maxLatencyMs: null,
      meanConfidence: null, lowConfidenceShare: null, labelShares: {}, accuracy: null, labelledMetrics: null,
      healthChecks: 0, availability: null,
    });
    expect(labelShares(emptyBucket(T0, HOUR))).toEqual({});
  });

  it('computes accuracy over time from outcomes that arrive later', () => {
    // 12:00–12:02: six Billing answers, two a minute; no ground truth at first.
    const buckets = [0, 1, 2].map((m) => {
      const b = emptyBucket(T0 + m * MINUTE, MINUTE);
      addPrediction(b, prediction(T0 + m * MINUTE));
      addPrediction(b, prediction(T0 + m * MINUTE + 1));
      return b;
    });
    const window = { from: T0, to: T0 + 3 * MINUTE, stepMs: MINUTE };
    expect(rollUp(buckets, window).map((b) => summarize(b).accuracy)).toEqual([null, null, null]);

    // Later: minute 0 both right, minute 1 one right and one wrong, minute 2 still unknown.
    addOutcome(buckets[0], { predictedLabel: 'Billing', outcome: 'Billing' });
    addOutcome(buckets[0], { predictedLabel: 'Billing', outcome: 'Billing' });
    addOutcome(buckets[1], { predictedLabel: 'Billing', outcome: 'Billing' });
    addOutcome(buckets[1], { predictedLabel: 'Billing', outcome: 'Technical Issue' });
    expect(rollUp(buckets, window).map((b) => summarize(b).accuracy)).toEqual([1, 0.5, null]);
    const [all] = rollUp(buckets, { ...window, stepMs: 3 * MINUTE });
    const s = summarize(all);
    expect([s.labelled, s.accuracy]).toEqual([4, 0.75]);
    // Billing: TP 3, FP 1; Technical Issue: TP 0, FN 1 → F1 6/7 and 0, macro 3/7.
    expect(s.labelledMetrics!.macroF1).toBeCloseTo(3 / 7, 12);
    expect(s.labelledMetrics!.microF1).toBe(0.75);
  });
});

describe('health checks', () => {
  const checks = Array.from({ length: 120 }, (_, i) => ({ at: iso(T0 + i * 30_000), ok: i % 20 !== 0, latencyMs: 2 }));
  const healthMinutes = bucketizeHealthChecks(checks);

  it('aggregate into minutes and roll up into availability per step', () => {
    expect(healthMinutes).toHaveLength(60);
    expect(healthMinutes[0]).toEqual({ start: T0, sizeMs: MINUTE, checks: 2, ok: 1, latencySumUs: 4_000 });
    const quarters = rollUpHealth(healthMinutes, { from: T0, to: T0 + HOUR, stepMs: 15 * MINUTE });
    expect(quarters.map((q) => [q.checks, q.ok])).toEqual([[30, 28], [30, 29], [30, 28], [30, 29]]);
    expect(quarters.map(availability)).toEqual([28 / 30, 29 / 30, 28 / 30, 29 / 30]);
  });

  it('have no availability where nobody probed, and merge by addition', () => {
    expect(availability(emptyHealthBucket(T0))).toBeNull();
    expect(mergeHealthBuckets(healthMinutes[0], healthMinutes[1])).toEqual({ start: T0, sizeMs: 2 * MINUTE, checks: 4, ok: 3, latencySumUs: 8_000 });
  });

  it('give the extent of stored buckets for the "all" window', () => {
    expect(extent(healthMinutes)).toEqual({ from: T0, to: T0 + HOUR });
    expect(extent([])).toBeNull();
  });
});

describe('summarize: requests and predictions counted apart', () => {
  it('takes the error rate and availability from the requests, whatever their route, and counts texts as predictions', () => {
    const b = emptyBucket(T0, MINUTE);
    // One batch of three texts answered, then four failing predict requests, a refused feedback and a health probe.
    for (let i = 0; i < 3; i++) addPrediction(b, prediction(T0 + 1_000));
    addRequest(b, { at: iso(T0 + 1_000), route: '/api/v1/predict', status: 200, modelVersionId: 'v1' });
    for (let i = 0; i < 4; i++) addRequest(b, { at: iso(T0 + 2_000 + i), route: '/api/v1/predict', status: 500, code: 'internal_error', modelVersionId: 'v2' });
    addRequest(b, { at: iso(T0 + 3_000), route: '/api/v1/feedback', status: 422, code: 'unknown_label' });
    addRequest(b, { at: iso(T0 + 4_000), route: '/api/v1/health', status: 200 });
    const health = emptyHealthBucket(T0, MINUTE);
    Object.assign(health, { checks: 1, ok: 1 });
    const s = summarize(b, { health });
    expect(s).toMatchObject({
      requests: 7,
      predictions: 3,
      requestsByRoute: { '/api/v1/predict': 5, '/api/v1/feedback': 1, '/api/v1/health': 1 },
      errors: 4,
      errorRate: 4 / 7,
      errorCodes: { internal_error: 4, unknown_label: 1 },
      availability: 3 / 7,
      availabilitySamples: 7,
      healthChecks: 1,
      healthOk: 1,
    });
    // The failing version has a row of its own at 100 % errors, though it never answered.
    expect(versionRows(b, []).map((r) => [r.modelVersionId, r.predictions, r.requests, r.errorRate])).toEqual([['v1', 3, 1, 0], ['v2', 0, 4, 1]]);
  });

  it('merges request counts by addition, and a bucket without them adds nothing', () => {
    const a = emptyBucket(T0, MINUTE);
    addRequest(a, { at: iso(T0), route: '/api/v1/predict', status: 503, modelVersionId: 'v1' });
    const b = emptyBucket(T0 + MINUTE, MINUTE);
    addRequest(b, { at: iso(T0 + MINUTE), route: '/api/v1/predict', status: 200, modelVersionId: 'v1' });
    const legacy = emptyBucket(T0 + 2 * MINUTE, MINUTE);
    addPrediction(legacy, prediction(T0 + 2 * MINUTE));
    const merged = mergeAll([a, b, legacy]);
    expect(merged.calls).toEqual({
      requests: 2,
      status: { informational: 0, success: 1, redirect: 0, clientError: 0, serverError: 1, failed: 0 },
      routes: { '/api/v1/predict': 2 },
      codes: {},
      versions: { v1: { requests: 2, errors: 1 } },
    });
    expect(summarize(merged)).toMatchObject({ requests: 2, predictions: 1, errorRate: 0.5, availability: 0.5 });
    expect(() => addRequest(a, { at: iso(T0 + MINUTE), route: '/api/v1/predict', status: 200 })).toThrow(RangeError);
  });
});
