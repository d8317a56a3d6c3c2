/**
 * The live comparison's figures. Wilson intervals: statsmodels is not installed here, so the
 * reference numbers are the closed form (centre (p̂ + z²/2n)/(1 + z²/n), half-width
 * z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²)) computed in /usr/bin/python3 with z = scipy.stats.norm.ppf(0.975).
 */
import { describe, expect, it } from 'vitest';
import { sideFigures, wilsonInterval, Z_95, type ComparedAnswer } from '$lib/core/loop/liveCompare';

describe('wilsonInterval', () => {
  it('matches the closed form computed with scipy\'s z, to 1e-12', () => {
    expect(Z_95).toBe(1.959963984540054);
    const cases: [number, number, number, number][] = [
      [180, 200, 0.8505941875672826, 0.9343295513309041],
      [170, 200, 0.7939442071583334, 0.89286406437758],
      [0, 10, 0.0, 0.2775327998628892],
      [10, 10, 0.7224672001371107, 0.9999999999999999],
      [1, 3, 0.06149194472039615, 0.7923403991979523],
      [462, 500, 0.8974035863260316, 0.9441309729625723],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilsonInterval(k, n)!;
      expect(w.lo).toBeCloseTo(lo, 12);
      expect(w.hi).toBeCloseTo(hi, 12);
    }
  });

  it('is null without outcomes and refuses counts that are not counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});

describe('sideFigures', () => {
  const answer = (label: string, outcome: string | undefined, confidence: number, latencyMs: number, status = 200): ComparedAnswer => ({ label, outcome, confidence, latencyMs, status });

  it('grades answers with an outcome only, and measures calibration on them and latency on every answer', () => {
    const answers = [
      answer('a', 'a', 0.95, 1), // bin [0.9, 1.0]: right
      answer('a', 'b', 0.92, 2), // bin [0.9, 1.0]: wrong
      answer('b', 'b', 0.65, 3), // bin [0.6, 0.7): right
      answer('b', undefined, 0.55, 4), // no outcome: not graded
      answer('a', 'a', 0.99, 100, 500), // an error answer is not graded
    ];
    const s = sideFigures({ modelVersionId: 'v1', name: 'Router v1' }, answers, { requests: 5, serverErrors: 1 });
    expect(s).toMatchObject({ answers: 5, graded: 3, correct: 2, requests: 5, serverErrors: 1, serverErrorRate: 0.2 });
    expect(s.accuracy).toBeCloseTo(2 / 3, 12);
    expect(s.errorRate).toBeCloseTo(1 / 3, 12);
    // ECE = 2/3·|0.5 − 0.935| + 1/3·|1 − 0.65| = 0.29 + 0.11666… = 0.40666…
    expect(s.ece).toBeCloseTo((2 / 3) * 0.435 + (1 / 3) * 0.35, 12);
    // numpy: np.percentile([1, 2, 3, 4, 100], [50, 99]) = [3, 96.16]
    expect(s.p50Ms).toBe(3);
    expect(s.p99Ms).toBeCloseTo(96.16, 10);
  });

  it('gives a shadow no requests of its own, and nothing graded before outcomes arrive', () => {
    const s = sideFigures({ modelVersionId: 'v2', name: 'Router v2' }, [answer('a', undefined, 0.8, 1)], null);
    expect(s).toMatchObject({ graded: 0, accuracy: null, interval: null, errorRate: null, ece: null, requests: null, serverErrorRate: null });
  });
});
