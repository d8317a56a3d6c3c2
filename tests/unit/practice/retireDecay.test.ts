import { describe, expect, it } from 'vitest';
import { addPrediction, emptyBucket, type MetricBucket } from '$lib/core/monitor/buckets';
import { accuracyByAge, fitDecay, MIN_FIT_WEEKS, MIN_WEEK_OUTCOMES, WEEK_MS, type AgeWeek } from '$lib/core/practice/retireDecay';

const BORN = Date.UTC(2026, 0, 5);

/** A minute bucket `week` weeks after BORN with `right` right and `wrong` wrong labelled answers of version `v`. */
function bucket(week: number, right: number, wrong: number, v = 'v1'): MetricBucket {
  const start = BORN + week * WEEK_MS + 3_600_000;
  const b = emptyBucket(start);
  const log = (label: string) => ({ at: new Date(start + 1000).toISOString(), modelVersionId: v, route: 'champion' as const, label, confidence: 0.9, latencyMs: 5, status: 200, outcome: 'A' });
  for (let i = 0; i < right; i++) addPrediction(b, log('A'));
  for (let i = 0; i < wrong; i++) addPrediction(b, log('B'));
  return b;
}

describe('accuracyByAge', () => {
  it('groups the version’s outcomes by week of age, skipping other versions, unlabelled weeks and counting early traffic in week 0', () => {
    const early = bucket(0, 1, 1);
    early.start = BORN - 86_400_000; // logged before the model's birth: week 0
    const weeks = accuracyByAge([bucket(0, 8, 2), early, bucket(2, 6, 4), bucket(2, 50, 0, 'v2'), bucket(1, 0, 0)], 'v1', BORN);
    expect(weeks).toEqual([
      { week: 0, labelled: 12, correct: 9, accuracy: 0.75 },
      { week: 2, labelled: 10, correct: 6, accuracy: 0.6 },
    ]);
  });
});

describe('fitDecay', () => {
  const week = (w: number, labelled: number, accuracy: number): AgeWeek => ({ week: w, labelled, correct: Math.round(labelled * accuracy), accuracy: Math.round(labelled * accuracy) / labelled });

  it('fits the straight line through weekly accuracies falling 2 points a week', () => {
    const fit = fitDecay([week(0, 100, 0.91), week(1, 100, 0.89), week(2, 100, 0.87), week(3, 100, 0.85)], 4);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.decayPerWeek).toBeCloseTo(0.02, 10);
    expect(fit.accuracyAtStart).toBeCloseTo(0.92, 10); // the line at age 0, half a week before week 0's middle
    expect(fit.accuracyNow).toBeCloseTo(0.84, 10);
    expect(fit).toMatchObject({ weeks: 4, outcomes: 400 });
  });

  it('weights weeks by their outcomes and leaves out thin weeks', () => {
    // The thin week (below the minimum) would pull the line up if it counted.
    const fit = fitDecay([week(0, 1000, 0.9), week(1, 10, 0.99), week(2, 1000, 0.8), week(4, 20, 0.6)], 5);
    expect(fit).toMatchObject({ ok: true, weeks: 3, outcomes: 2020 });
    if (fit.ok) expect(fit.decayPerWeek).toBeGreaterThan(0.05);
  });

  it(`refuses to extrapolate from fewer than ${MIN_FIT_WEEKS} weeks of ${MIN_WEEK_OUTCOMES} outcomes, saying what the history holds`, () => {
    const fit = fitDecay([week(0, 500, 0.9), week(1, 500, 0.8), week(2, MIN_WEEK_OUTCOMES - 1, 0.5)], 3);
    expect(fit).toEqual({
      ok: false,
      weeks: 2,
      outcomes: 1000,
      reason: `No decay is fitted: it needs ${MIN_FIT_WEEKS} weeks of age with at least ${MIN_WEEK_OUTCOMES} outcomes each, and the history has 2 such weeks (1,019 outcomes in all).`,
    });
    expect(fitDecay([], 0)).toMatchObject({ ok: false, weeks: 0, outcomes: 0 });
  });

  it('reads an improving model as negative decay and clamps the line to [0, 1]', () => {
    const fit = fitDecay([week(0, 50, 0.5), week(1, 50, 0.7), week(2, 50, 0.9)], 10);
    expect(fit.ok && fit.decayPerWeek).toBeCloseTo(-0.2, 10);
    expect(fit.ok && fit.accuracyNow).toBe(1);
  });
});
