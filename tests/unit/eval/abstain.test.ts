import { describe, it, expect } from 'vitest';
import { ABSTAIN_GRID, abstentionCurve, exactPoint, thresholdForAccuracy } from '$lib/core/eval/abstain';

// Six answers, most confident first:
//   conf   0.9  0.9  0.8  0.6  0.6  0.3
//   right   1    0    1    1    0    0
const CONF = [0.6, 0.9, 0.3, 0.8, 0.9, 0.6];
const RIGHT = [1, 1, 0, 1, 0, 0];
const curve = abstentionCurve(CONF, RIGHT);

describe('abstentionCurve', () => {
  it('has one exact point per distinct confidence, highest threshold first', () => {
    // t = 0.9: answers 2, 1 right → coverage 2/6, accuracy 1/2
    // t = 0.8: answers 3, 2 right → coverage 3/6, accuracy 2/3
    // t = 0.6: answers 5, 3 right → coverage 5/6, accuracy 3/5
    // t = 0.3: answers 6, 3 right → coverage 1,   accuracy 1/2
    expect(Array.from(curve.exact.thresholds)).toEqual([0.9, 0.8, 0.6, 0.3]);
    expect(Array.from(curve.exact.answered)).toEqual([2, 3, 5, 6]);
    expect(Array.from(curve.exact.coverage)).toEqual([2 / 6, 3 / 6, 5 / 6, 1]);
    expect(Array.from(curve.exact.accuracy)).toEqual([1 / 2, 2 / 3, 3 / 5, 1 / 2]);
    expect(exactPoint(curve.exact, 1)).toEqual({ threshold: 0.8, answered: 3, coverage: 0.5, accuracy: 2 / 3 });
  });

  it('evaluates the grid 0, 0.05, …, 0.95, answering confidence ≥ t', () => {
    expect(ABSTAIN_GRID).toHaveLength(20);
    expect(ABSTAIN_GRID[3]).toBe(0.15);
    expect(curve.n).toBe(6);
    const at = (t: number) => curve.grid[ABSTAIN_GRID.indexOf(t)];
    expect(curve.grid.map((p) => p.threshold)).toEqual([...ABSTAIN_GRID]);
    expect(at(0)).toEqual({ threshold: 0, answered: 6, coverage: 1, accuracy: 0.5 });
    expect(at(0.3)).toMatchObject({ answered: 6 }); // 0.3 ≥ 0.3: answered
    expect(at(0.35)).toMatchObject({ answered: 5, accuracy: 3 / 5 });
    expect(at(0.6)).toMatchObject({ answered: 5 });
    expect(at(0.65)).toMatchObject({ answered: 3, coverage: 0.5, accuracy: 2 / 3 });
    expect(at(0.9)).toMatchObject({ answered: 2, accuracy: 1 / 2 });
    expect(at(0.95)).toMatchObject({ answered: 0, coverage: 0 });
    expect(at(0.95).accuracy).toBeNaN();
  });

  it('handles no examples and rejects mismatched input', () => {
    const empty = abstentionCurve([], []);
    expect(empty.exact.thresholds.length).toBe(0);
    expect(empty.grid[0].coverage).toBeNaN();
    expect(() => abstentionCurve([0.5, 0.5], [1])).toThrow(RangeError);
    expect(() => abstentionCurve([0.5, NaN], [1, 0])).toThrow(/Confidence 1 is NaN/);
    expect(() => abstentionCurve([-0.5], [1])).toThrow(RangeError);
  });
});

describe('thresholdForAccuracy', () => {
  it('returns 0 when answering everything already meets the target', () => {
    expect(thresholdForAccuracy(curve, 0.5)).toBe(0);
  });

  it('returns the smallest threshold whose answered accuracy meets the target', () => {
    expect(thresholdForAccuracy(curve, 0.55)).toBe(0.6); // 3/5 at t = 0.6
    expect(thresholdForAccuracy(curve, 0.6)).toBe(0.6); // 3/5 = 0.6 exactly
    expect(thresholdForAccuracy(curve, 0.61)).toBe(0.8); // 2/3 at t = 0.8 (not 0.9 with 1/2)
    expect(thresholdForAccuracy(curve, 2 / 3)).toBe(0.8);
  });

  it('returns null when no threshold reaches the target, and rejects targets outside [0, 1]', () => {
    expect(thresholdForAccuracy(curve, 0.7)).toBeNull();
    expect(thresholdForAccuracy(abstentionCurve([], []), 0)).toBeNull();
    expect(() => thresholdForAccuracy(curve, 90)).toThrow(RangeError);
  });
});
