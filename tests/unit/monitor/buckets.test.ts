import { describe, it, expect } from 'vitest';
import { bucketizePredictions } from '$lib/core/monitor/aggregate';
import {
  BASE_BUCKET_MS,
  addOutcome,
  addPrediction,
  bucketStart,
  emptyBucket,
  mergeAll,
  mergeBuckets,
  statusClass,
  type MetricBucket,
} from '$lib/core/monitor/buckets';
import { CONFIDENCE_EDGES, confidenceBin } from '$lib/core/monitor/confidence';
import { latencyBin } from '$lib/core/monitor/latencyHistogram';
import { createRng, pick } from '$lib/core/random';
import { MINUTE, T0, iso, prediction } from './fixtures';

/**
 * Five calls in the minute 12:00 UTC:
 *   #  route       version status label            conf  latency outcome
 *   1  champion    v1      200    Billing          0.95  10 ms   Billing
 *   2  challenger  v2      200    Technical Issue  0.42  30 ms   —
 *   3  champion    v1      503    —                —      5 ms   —
 *   4  shadow      v3      200    Billing          0.80  50 ms   —
 *   5  champion    v1      400    —                —      1 ms   —
 */
function handBucket(): MetricBucket {
  const b = emptyBucket(T0, MINUTE);
  addPrediction(b, prediction(T0 + 1_000, { confidence: 0.95, latencyMs: 10, outcome: 'Billing' }));
  addPrediction(b, prediction(T0 + 2_000, { route: 'challenger', modelVersionId: 'v2', label: 'Technical Issue', confidence: 0.42, latencyMs: 30 }));
  addPrediction(b, prediction(T0 + 3_000, { status: 503, label: '', confidence: NaN, latencyMs: 5 }));
  addPrediction(b, prediction(T0 + 4_000, { route: 'shadow', modelVersionId: 'v3', confidence: 0.8, latencyMs: 50 }));
  addPrediction(b, prediction(T0 + 59_999, { status: 400, label: '', confidence: -1, latencyMs: 1 }));
  return b;
}

describe('bucketStart', () => {
  it('rounds down to an epoch-aligned multiple of the size', () => {
    expect(bucketStart(T0 + 59_999, MINUTE)).toBe(T0);
    expect(bucketStart(T0 + 60_000, MINUTE)).toBe(T0 + MINUTE);
    expect(bucketStart(125_000, MINUTE)).toBe(120_000);
    expect(bucketStart(-1, MINUTE)).toBe(-60_000);
    expect(BASE_BUCKET_MS).toBe(60_000);
    expect(() => bucketStart(0, 0)).toThrow(RangeError);
    expect(() => bucketStart(NaN, MINUTE)).toThrow(RangeError);
  });
});

describe('addPrediction', () => {
  it('tallies served traffic, by hand', () => {
    const b = handBucket();
    expect(b.requests).toBe(4); // #1 #2 #3 #5; the shadow answer #4 served nobody
    expect(b.status).toEqual({ informational: 0, success: 2, redirect: 0, clientError: 1, serverError: 1, failed: 0 });
    expect(b.routes).toEqual({ champion: 3, challenger: 1, shadow: 1 });
    expect(b.latencySumUs).toBe(10_000 + 30_000 + 5_000 + 1_000);
    expect(b.latencyMinMs).toBe(1);
    expect(b.latencyMaxMs).toBe(30);
    const latencyCounts = new Array<number>(82).fill(0);
    for (const ms of [10, 30, 5, 1]) latencyCounts[latencyBin(ms)]++;
    expect(b.latencyCounts).toEqual(latencyCounts);
    expect(b.answered).toBe(2); // #1 #2
    expect(b.confidenceCounts).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]); // 0.42 → bin 4, 0.95 → bin 9
    expect(b.confidenceSumE6).toBe(950_000 + 420_000);
    expect(b.labels).toEqual({ Billing: 1, 'Technical Issue': 1 });
    expect(b.labelled).toBe(1);
    expect(b.correct).toBe(1);
    expect(b.confusion).toEqual({ Billing: { Billing: 1 } });
  });

  it('keeps a tally per model version, shadow included', () => {
    expect(handBucket().versions).toEqual({
      v1: { requests: 3, errors: 1, latencySumUs: 16_000, answered: 1, labelled: 1, correct: 1 },
      v2: { requests: 1, errors: 0, latencySumUs: 30_000, answered: 1, labelled: 0, correct: 0 },
      v3: { requests: 1, errors: 0, latencySumUs: 50_000, answered: 1, labelled: 0, correct: 0 },
    });
  });

  it('is plain JSON', () => {
    const b = handBucket();
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
    expect(structuredClone(b)).toEqual(b);
  });

  it('rejects a log outside the bucket, an unknown route, a bad latency or an answer without a confidence', () => {
    const b = emptyBucket(T0, MINUTE);
    expect(() => addPrediction(b, prediction(T0 - 1))).toThrow(RangeError);
    expect(() => addPrediction(b, prediction(T0 + MINUTE))).toThrow(RangeError);
    expect(() => addPrediction(b, prediction(T0, { route: 'canary' as 'champion' }))).toThrow(RangeError);
    expect(() => addPrediction(b, prediction(T0, { latencyMs: -1 }))).toThrow(RangeError);
    expect(() => addPrediction(b, prediction(T0, { confidence: 1.5 }))).toThrow(RangeError);
    expect(() => addPrediction(b, prediction(T0, { at: 'yesterday' }))).toThrow(RangeError);
    expect(b).toEqual(emptyBucket(T0, MINUTE)); // nothing half-counted
  });

  it('treats labels and version ids such as "__proto__" as ordinary keys', () => {
    const b = emptyBucket(T0, MINUTE);
    addPrediction(b, prediction(T0, { label: '__proto__', modelVersionId: 'constructor', outcome: 'toString' }));
    expect(Object.getPrototypeOf(b.labels)).toBe(Object.prototype);
    expect(Object.entries(b.labels)).toEqual([['__proto__', 1]]);
    expect(Object.entries(b.versions).map(([id, v]) => [id, v.requests, v.labelled, v.correct])).toEqual([['constructor', 1, 1, 0]]);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});

describe('status classes and confidence bins', () => {
  it('classify statuses; anything outside 100–599 failed', () => {
    expect([101, 200, 204, 301, 404, 429, 500, 503, 0, 600, 200.5].map(statusClass)).toEqual([
      'informational', 'success', 'success', 'redirect', 'clientError', 'clientError', 'serverError', 'serverError', 'failed', 'failed', 'failed',
    ]);
  });

  it('put each edge in the bin above it, and 1.0 in the last bin', () => {
    CONFIDENCE_EDGES.slice(0, 10).forEach((edge, i) => expect(confidenceBin(edge)).toBe(i));
    expect(confidenceBin(1)).toBe(9);
    // The double just below 0.9: 10·x rounds up to exactly 9, the edge table corrects it.
    expect(0.8999999999999999 * 10).toBe(9);
    expect(confidenceBin(0.8999999999999999)).toBe(8);
    expect(confidenceBin(0.29999999999999993)).toBe(2);
    expect(() => confidenceBin(NaN)).toThrow(RangeError);
  });
});

describe('addOutcome', () => {
  it('counts late ground truth in the bucket of the prediction', () => {
    const b = handBucket();
    addOutcome(b, { predictedLabel: 'Technical Issue', outcome: 'Billing', modelVersionId: 'v2', route: 'challenger' });
    expect(b.labelled).toBe(2);
    expect(b.correct).toBe(1);
    expect(b.confusion).toEqual({ Billing: { Billing: 1 }, 'Technical Issue': { Billing: 1 } });
    expect(b.versions.v2).toMatchObject({ labelled: 1, correct: 0 });
  });

  it('grades a shadow prediction for its version only', () => {
    const b = handBucket();
    addOutcome(b, { predictedLabel: 'Billing', outcome: 'Billing', modelVersionId: 'v3', route: 'shadow' });
    expect(b.labelled).toBe(1);
    expect(b.versions.v3).toMatchObject({ labelled: 1, correct: 1 });
    expect(() => addOutcome(b, { predictedLabel: '', outcome: 'Billing' })).toThrow(RangeError);
  });
});

describe('mergeBuckets', () => {
  const rng = createRng('merge');
  const routes = ['champion', 'champion', 'challenger', 'shadow'] as const;
  const logs = Array.from({ length: 600 }, () =>
    prediction(T0 + Math.floor(rng() * 3 * MINUTE), {
      route: pick(rng, routes),
      modelVersionId: pick(rng, ['v1', 'v2', 'v3']),
      label: pick(rng, ['Billing', 'Technical Issue', 'General Inquiry']),
      confidence: rng(),
      latencyMs: Math.exp(rng() * 8 - 2), // fractional ms: exercises the integer µs sums
      status: pick(rng, [200, 200, 200, 200, 500, 0, 422]),
      outcome: rng() < 0.3 ? pick(rng, ['Billing', 'Technical Issue']) : undefined,
    }),
  );
  const [a, b, c] = bucketizePredictions(logs, MINUTE);

  it('is commutative and associative, exactly', () => {
    expect(mergeBuckets(a, b)).toEqual(mergeBuckets(b, a));
    expect(mergeBuckets(mergeBuckets(a, b), c)).toEqual(mergeBuckets(a, mergeBuckets(b, c)));
    expect(mergeBuckets(mergeBuckets(a, c), b)).toEqual(mergeBuckets(mergeBuckets(c, b), a));
  });

  it('equals the bucket built from all the logs at once, and spans both inputs', () => {
    const [whole] = bucketizePredictions(logs, 3 * MINUTE);
    const merged = mergeBuckets(mergeBuckets(a, b), c);
    expect(merged).toEqual(whole);
    expect(merged.start).toBe(T0);
    expect(merged.sizeMs).toBe(3 * MINUTE);
  });

  it('mergeAll gives the same record as folding with mergeBuckets, inputs untouched', () => {
    const before = structuredClone([c, a, b]);
    expect(mergeAll([c, a, b])).toEqual(mergeBuckets(mergeBuckets(a, b), c));
    expect([c, a, b]).toEqual(before);
    expect(mergeAll([b])).toEqual(b);
    expect(() => mergeAll([])).toThrow(RangeError);
  });

  it('leaves its inputs alone and has the empty bucket as identity', () => {
    const before = structuredClone(a);
    const merged = mergeBuckets(a, emptyBucket(T0, MINUTE));
    expect(merged).toEqual(a);
    expect(a).toEqual(before);
  });

  it('refuses a bucket of another layout', () => {
    const old = { ...a, latencyCounts: a.latencyCounts.slice(0, 40) };
    expect(() => mergeBuckets(old, b)).toThrow(RangeError);
  });

  it('sees the same tallies whichever way a log arrives', () => {
    const one = emptyBucket(T0, MINUTE);
    addPrediction(one, prediction(T0, { at: iso(T0) }), T0);
    expect(one).toEqual(bucketizePredictions([prediction(T0)])[0]);
  });
});
