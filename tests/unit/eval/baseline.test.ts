import { describe, it, expect } from 'vitest';
import { compareToBaseline, lift, majorityBaseline, majorityClass, MIN_ACCURACY_GAIN_PP } from '$lib/core/eval/baseline';

const TICKETS = ['Billing', 'Technical Issue', 'General Inquiry'];

describe('majorityClass', () => {
  it('is the most frequent training class, ties to the lowest index', () => {
    expect(majorityClass([2, 2, 0, 1, 2], 3)).toBe(2);
    expect(majorityClass(Int32Array.from([0, 1, 1, 2, 2]), 3)).toBe(1); // 1 and 2 tie at 2
    expect(majorityClass([], 3)).toBeNull();
    expect(() => majorityClass([0, 3], 3)).toThrow(RangeError);
  });
});

describe('majorityBaseline', () => {
  it('predicts the training majority (not the split majority) on the split', () => {
    // Train majority: class 1 (tie 1/2 with 2 → lowest index). Split: [0, 1, 1, 2, 2, 2].
    // Always predicting 1: accuracy 2/6 = 1/3 (predicting the split's majority 2 would give 1/2).
    // Present classes 0, 1, 2: F1_1 = 2·2 / (2 + 6) = 1/2, F1_0 = F1_2 = 0 → macro-F1 = 1/6.
    const b = majorityBaseline([0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 2], TICKETS);
    expect(b).toMatchObject({ classIndex: 1, className: 'Technical Issue', n: 6 });
    expect(b?.accuracy).toBe(2 / 6);
    expect(b?.macroF1).toBeCloseTo(1 / 6, 14);
  });

  it('is null without training labels and NaN on an empty split', () => {
    expect(majorityBaseline([], [0, 1], TICKETS)).toBeNull();
    expect(majorityBaseline([0], [], TICKETS)?.accuracy).toBeNaN();
  });
});

describe('lift', () => {
  it('gives the absolute difference (also in pp) and the relative one', () => {
    // 0.9 − 0.75 = 0.15 = 15 pp; 0.15 / 0.75 = 0.2 (20 % better)
    const l = lift(0.9, 0.75);
    expect(l.absolute).toBeCloseTo(0.15, 14);
    expect(l.absolutePp).toBeCloseTo(15, 12);
    expect(l.relative).toBeCloseTo(0.2, 14);
    expect(lift(0.6, 0.8).relative).toBeCloseTo(-0.25, 14);
    expect(lift(0.5, 0)).toEqual({ absolute: 0.5, absolutePp: 50, relative: null });
  });
});

describe('compareToBaseline', () => {
  const baseline = { className: 'Billing', accuracy: 0.56, macroF1: 0.24 };

  it('calls a gain of at least 1 pp with a higher macro-F1 better', () => {
    expect(MIN_ACCURACY_GAIN_PP).toBe(1);
    // 0.57 − 0.56 is 0.0099999999999999 in doubles; it is still exactly 1 pp.
    const c = compareToBaseline({ accuracy: 0.57, macroF1: 0.5 }, baseline);
    expect(c.verdict).toBe('better');
    expect(c.warning).toBeNull();
    expect(c.accuracyLift.absolutePp).toBeCloseTo(1, 10);
  });

  it('is not better with a gain under 1 pp, and says so', () => {
    const c = compareToBaseline({ accuracy: 0.565, macroF1: 0.5 }, baseline);
    expect(c.verdict).toBe('not-better');
    expect(c.warning).toContain('Accuracy 56.5 % is only 0.5 pp above always answering "Billing" (56.0 %)');
    expect(c.warning).not.toContain('Macro-F1');
  });

  it('is not better when accuracy is below the baseline', () => {
    const c = compareToBaseline({ accuracy: 0.46, macroF1: 0.5 }, baseline);
    expect(c.verdict).toBe('not-better');
    expect(c.warning).toContain('10.0 pp below');
  });

  it('is not better when macro-F1 does not beat the baseline, even with high accuracy', () => {
    const c = compareToBaseline({ accuracy: 0.9, macroF1: 0.24 }, baseline);
    expect(c.verdict).toBe('not-better');
    expect(c.warning).toContain('Macro-F1 0.240 is not above the baseline\'s 0.240');
    expect(c.warning).not.toContain('Accuracy');
  });

  it('is not better when nothing was measured', () => {
    const c = compareToBaseline({ accuracy: NaN, macroF1: NaN }, baseline);
    expect(c.verdict).toBe('not-better');
    expect(c.warning).toMatch(/no examples/);
  });
});
