import { describe, it, expect } from 'vitest';
import { LATENCY_BLOCK, LATENCY_MIN_SAMPLES, latencySettled, percentileOfSorted, percentiles, throughput } from '$lib/core/eval/latency';

// Expected values are numpy's np.percentile(x, q) (method 'linear'): h = (q/100)·(n − 1),
// value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on the sorted samples.
describe('percentiles (linear interpolation, as numpy)', () => {
  it('matches numpy on five samples', () => {
    // sorted 15 20 35 40 50 (n = 5, n − 1 = 4)
    // p50: h = 2    → x[2] = 35
    // p95: h = 3.8  → 40 + 0.8·10 = 48
    // p99: h = 3.96 → 40 + 0.96·10 = 49.6  (nearest-rank would say 50)
    expect(percentiles([50, 15, 40, 20, 35])).toEqual({ n: 5, p50: 35, p95: 48, p99: 49.6, mean: 32, min: 15, max: 50 });
  });

  it('interpolates between the two middle samples for an even count', () => {
    // 1 2 3 4: p50 h = 1.5 → 2.5; p95 h = 2.85 → 3.85; p99 h = 2.97 → 3.97
    // numpy prints 3.8499999999999996 and 3.9699999999999998 (its _lerp, reproduced bit for bit).
    const s = percentiles(Float64Array.from([4, 3, 2, 1]));
    expect(s?.p50).toBe(2.5);
    expect(s?.p95).toBe(3.8499999999999996);
    expect(s?.p99).toBe(3.9699999999999998);
  });

  it('agrees with numpy to the last bit on uneven samples', () => {
    // np.percentile([0.8, 1.2, 3.4, 2.2, 9.7, 1.1, 0.9, 4.4], [50, 95, 99])
    //   sorted 0.8 0.9 1.1 1.2 2.2 3.4 4.4 9.7, n − 1 = 7
    //   p50: h = 3.5   → 1.2 + 0.5·(2.2 − 1.2)     = 1.7000000000000002
    //   p95: h = 6.65  → 4.4 + 0.65·(9.7 − 4.4)    = 7.844999999999997
    //   p99: h = 6.93  → 4.4 + 0.93·(9.7 − 4.4)    = 9.328999999999997
    const s = percentiles([0.8, 1.2, 3.4, 2.2, 9.7, 1.1, 0.9, 4.4]);
    expect(s?.p50).toBe(1.7000000000000002);
    expect(s?.p95).toBe(7.844999999999997);
    expect(s?.p99).toBe(9.328999999999997);
    expect(s?.mean).toBeCloseTo(23.7 / 8, 12);
  });

  it('interpolates from the upper sample when t ≥ 0.5, as numpy does', () => {
    // sorted 7.7 12.5 18.7 25.9 33.3 40.1 101.3, n − 1 = 6
    //   p50: h = 3    → 25.9
    //   p95: h = 5.7  → 40.1 + 0.7·61.2  = 82.94   (numpy: 82.93999999999996)
    //   p99: h = 5.94 → 40.1 + 0.94·61.2 = 97.628  (numpy: 97.62799999999997, computed as
    //        101.3 − 61.2·(1 − 0.94); the naive 40.1 + 61.2·0.94 gives 97.62799999999996)
    const s = percentiles([12.5, 40.1, 33.3, 18.7, 25.9, 101.3, 7.7]);
    expect(s?.p50).toBe(25.9);
    expect(s?.p95).toBe(82.93999999999996);
    expect(s?.p99).toBe(97.62799999999997);
  });

  it('gives p99 of 1…10 as 9.91', () => {
    // h = 0.99·9 = 8.91 → 9 + 0.91·1
    expect(percentiles(Array.from({ length: 10 }, (_, i) => i + 1))?.p99).toBe(9.91);
  });

  it('handles one sample, no samples and bad samples', () => {
    expect(percentiles([7])).toEqual({ n: 1, p50: 7, p95: 7, p99: 7, mean: 7, min: 7, max: 7 });
    expect(percentiles([])).toBeNull();
    expect(() => percentiles([3, -1])).toThrow(/sample 1/);
    expect(() => percentiles([NaN])).toThrow(RangeError);
  });

  it('reads any percentile of sorted samples', () => {
    expect(percentileOfSorted([10, 20, 30], 0)).toBe(10);
    expect(percentileOfSorted([10, 20, 30], 25)).toBe(15);
    expect(percentileOfSorted([10, 20, 30], 100)).toBe(30);
    expect(percentileOfSorted([], 50)).toBeNaN();
    expect(() => percentileOfSorted([1], 101)).toThrow(RangeError);
  });
});

describe('throughput', () => {
  it('is items per second', () => {
    expect(throughput(500, 250)).toBe(2000);
    expect(throughput(0, 100)).toBe(0);
  });

  it('is null for no elapsed time and rejects a negative count', () => {
    expect(throughput(10, 0)).toBeNull();
    expect(() => throughput(-1, 10)).toThrow(RangeError);
  });
});

describe('latencySettled (when to stop timing single predictions)', () => {
  // A steady predictor: 0.20–0.29 ms, the same spread in every block of 50.
  const steady = (n: number) => Array.from({ length: n }, (_, i) => 0.2 + (i % 10) / 100);

  it('never stops before the minimum, however steady', () => {
    expect(latencySettled(steady(LATENCY_MIN_SAMPLES - LATENCY_BLOCK))).toBe(false);
    expect(latencySettled(steady(LATENCY_MIN_SAMPLES - 1))).toBe(false);
    expect(latencySettled(steady(LATENCY_MIN_SAMPLES))).toBe(true);
  });

  it('keeps timing when the last block moved p99 (a slow tail) or p50 (a shift)', () => {
    const tail = [...steady(50), ...steady(45), 3, 3, 3, 3, 3];
    expect(percentiles(tail)!.p99).toBeGreaterThan(1.1 * percentiles(tail.slice(0, 50))!.p99);
    expect(latencySettled(tail)).toBe(false);
    const shifted = [...steady(50), ...steady(50).map((v) => v * 1.5)];
    expect(latencySettled(shifted)).toBe(false);
    // One more steady block after the tail: p99 holds (within 10 %), so it stops.
    expect(latencySettled([...tail, ...steady(50), ...steady(50)])).toBe(true);
  });
});
