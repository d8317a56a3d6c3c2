import { describe, expect, it } from 'vitest';
import { calibrationMap, estimateAccuracy } from '../../../src/lib/core/monitor/cbpe';

const reference = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, hi: (i + 1) / 10, count: i >= 3 ? 100 : 0, accuracy: i >= 3 ? Math.min(1, i / 10 + 0.02) : NaN }));

describe('confidence-based performance estimation', () => {
  it('maps each band through the reference reliability curve, mid-point where the reference saw none', () => {
    const map = calibrationMap(reference);
    expect(map[0]).toBeCloseTo(0.05, 12);
    expect(map[3]).toBeCloseTo(0.32, 12);
    expect(map[9]).toBeCloseTo(0.92, 12);
  });

  it('estimates accuracy as the count-weighted calibrated accuracy', () => {
    const map = calibrationMap(reference);
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 10, 30];
    // (10 × 0.82 + 30 × 0.92) / 40
    expect(estimateAccuracy(counts, map)).toBeCloseTo((10 * 0.82 + 30 * 0.92) / 40, 12);
    expect(estimateAccuracy(Array(10).fill(0), map)).toBeNull();
    expect(() => estimateAccuracy([1, 2], map)).toThrow(/2 confidence bands/);
  });

  it('a perfectly calibrated reference gives the band mid-points; coarser reference bands spread over the bands they cover', () => {
    const calibrated = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, hi: (i + 1) / 10, count: 50, accuracy: (i + 0.5) / 10 }));
    expect(calibrationMap(calibrated).map((x) => +x.toFixed(12))).toEqual([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]);
    const coarse = calibrationMap([{ lo: 0, hi: 0.5, count: 10, accuracy: 0.3 }, { lo: 0.5, hi: 1, count: 30, accuracy: 0.9 }]);
    expect(coarse.slice(0, 5)).toEqual([0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(coarse.slice(5)).toEqual([0.9, 0.9, 0.9, 0.9, 0.9]);
  });
});
