import { describe, it, expect } from 'vitest';
import { bucketizePredictions } from '$lib/core/monitor/aggregate';
import { addOutcome, addPrediction, emptyBucket, mergeAll, mergeBuckets, type MetricBucket } from '$lib/core/monitor/buckets';
import { emptyTallies, fromSparseTallies, tallyBin, toSparseTallies } from '$lib/core/monitor/confidenceTallies';
import { businessFigures } from '$lib/core/monitor/businessMetrics';
import { evaluateBusinessAlerts } from '$lib/core/monitor/businessAlerts';
import { businessOf, businessProblem, decisionWorth, DEFAULT_BUSINESS, type BusinessSettings } from '$lib/core/monitor/businessValue';
import { createRng, pick } from '$lib/core/random';
import { HOUR, MINUTE, T0, prediction } from './fixtures';

const settings = (over: Partial<BusinessSettings> = {}): BusinessSettings => ({ ...businessOf(undefined), valueRight: 3, costWrong: 10, ...over });

/** One minute: answers at the given confidences, with outcome 'right', 'wrong' or none. */
function minute(start: number, answers: [number, 'right' | 'wrong' | null][]): MetricBucket {
  const b = emptyBucket(start, MINUTE);
  answers.forEach(([confidence, outcome], i) =>
    addPrediction(b, prediction(start + i, { confidence, ...(outcome ? { outcome: outcome === 'right' ? 'Billing' : 'Technical Issue' } : {}) })),
  );
  return b;
}

describe('confidence tallies in the minute buckets', () => {
  it('bins by hundredths with the decimal edges: 0.8 is bin 80, 0.29 bin 29, 1.0 bin 99', () => {
    expect(tallyBin(0.8)).toBe(80);
    expect(tallyBin(0.79999999)).toBe(79);
    expect(tallyBin(0.29)).toBe(29);
    expect(tallyBin(0.58)).toBe(58);
    expect(tallyBin(1)).toBe(99);
    expect(tallyBin(0)).toBe(0);
    expect(() => tallyBin(1.01)).toThrow(RangeError);
  });

  it('counts served answers, labelled and right ones per bin; shadow and errors stay out', () => {
    const b = minute(T0, [[0.95, 'right'], [0.95, 'wrong'], [0.5, null]]);
    addPrediction(b, prediction(T0 + 10, { route: 'shadow', confidence: 0.95 }));
    addPrediction(b, prediction(T0 + 11, { status: 500, confidence: NaN }));
    expect(toSparseTallies(b.confidenceTallies!)).toEqual({ 95: [2, 2, 1], 50: [1, 0, 0] });
    addOutcome(b, { predictedLabel: 'Billing', outcome: 'Billing', confidence: 0.5 });
    expect(toSparseTallies(b.confidenceTallies!)[50]).toEqual([1, 1, 1]);
    expect(fromSparseTallies(toSparseTallies(b.confidenceTallies!))).toEqual(b.confidenceTallies);
    expect(() => addOutcome(b, { predictedLabel: 'Billing', outcome: 'Billing', confidence: 2 })).toThrow(RangeError);
    expect(b.labelled).toBe(3); // the refused outcome counted nothing
  });

  it('merges exactly, associatively and commutatively, with the tallies summed', () => {
    const rng = createRng('business-merge');
    const logs = Array.from({ length: 300 }, (_, i) =>
      prediction(T0 + Math.floor((i / 300) * 3 * MINUTE), {
        confidence: rng(),
        status: pick(rng, [200, 200, 200, 500]),
        outcome: rng() < 0.4 ? pick(rng, ['Billing', 'Technical Issue']) : undefined,
      }),
    );
    const [a, b, c] = bucketizePredictions(logs, MINUTE);
    const ab_c = mergeBuckets(mergeBuckets(a, b), c);
    expect(ab_c).toEqual(mergeBuckets(a, mergeBuckets(b, c)));
    expect(mergeBuckets(c, a)).toEqual(mergeBuckets(a, c));
    const [whole] = bucketizePredictions(logs, 3 * MINUTE);
    expect(ab_c.confidenceTallies).toEqual(whole.confidenceTallies);
    const total = ab_c.confidenceTallies!.answered.reduce((n, x) => n + x, 0);
    expect(total).toBe(ab_c.answered);
    expect(mergeAll([c, b, a])).toEqual(ab_c);
  });

  it('refuses to merge tallies of another layout', () => {
    const odd = minute(T0, [[0.9, null]]);
    odd.confidenceTallies = { ...emptyTallies(), answered: [1] };
    expect(() => mergeBuckets(odd, minute(T0, []))).toThrow(RangeError);
  });

  it('merges an older bucket without tallies as if it had none', () => {
    const old = minute(T0, [[0.9, 'right']]);
    delete old.confidenceTallies;
    const merged = mergeBuckets(old, minute(T0 + MINUTE, [[0.9, null]]));
    expect(toSparseTallies(merged.confidenceTallies!)).toEqual({ 90: [1, 0, 0] });
    expect(businessFigures(merged, settings()).untallied).toBe(1);
  });
});

describe('business figures', () => {
  it('counts a decision at the threshold as automatic, and one just below not', () => {
    const b = minute(T0, [[0.8, 'right'], [0.79, 'right'], [0.99, 'wrong'], [1, null]]);
    const f = businessFigures(b, settings({ threshold: 0.8 }));
    expect(f.answers).toBe(4);
    expect(f.automatic).toBe(3);
    expect(f.automaticShare).toBe(0.75);
    expect(f.confirmedRight).toBe(1);
    expect(f.caughtWrong).toBe(1);
    expect(f.pending).toBe(1);
    expect(businessFigures(b, settings({ threshold: 0.81 })).automatic).toBe(2);
    expect(businessFigures(b, settings({ threshold: 0.79 })).automatic).toBe(4);
  });

  it('estimates unknown outcomes from the confidence, or from the calibration when given', () => {
    // Two automatic answers without outcome at 0.90 and 0.95 (bins 90, 95: middles 0.905, 0.955).
    const b = minute(T0, [[0.9, null], [0.95, null], [0.85, 'right'], [0.86, 'wrong']]);
    const f = businessFigures(b, settings());
    expect(f.expectedFrom).toBe('confidence');
    expect(f.pendingExpectedRight).toBeCloseTo(0.905 + 0.955, 12);
    expect(f.estimatedRight).toBeCloseTo(1 + 1.86, 12);
    expect(f.estimatedWrong).toBeCloseTo(1 + 0.14, 12);
    // value = 2.86 × 3 − 1.14 × 10 = 8.58 − 11.4 = −2.82; the confirmed value 1 × 3 − 1 × 10 = −7.
    expect(f.value).toBeCloseTo(-2.82, 10);
    expect(f.confirmedValue).toBe(-7);
    const calibrated = businessFigures(b, settings(), [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.5, 0.7]);
    expect(calibrated.expectedFrom).toBe('calibration');
    expect(calibrated.pendingExpectedRight).toBeCloseTo(0.7 + 0.7, 12);
  });

  it('with no outcomes at all, the value rests on the estimate; the confirmed value is 0', () => {
    const f = businessFigures(minute(T0, [[0.95, null], [0.85, null]]), settings());
    expect(f.confirmedRight + f.caughtWrong).toBe(0);
    expect(f.confirmedValue).toBe(0);
    expect(f.value).toBeCloseTo((0.955 + 0.855) * 3 - (0.045 + 0.145) * 10, 10);
  });

  it('gives nothing to measure without answers', () => {
    const f = businessFigures(emptyBucket(T0, HOUR), settings());
    expect(f).toMatchObject({ answers: 0, automatic: 0, automaticShare: null, value: 0, valuePerDay: null });
  });

  it('scales the value to a day by the span, and converts to money only when asked', () => {
    const hour = mergeAll([minute(T0, [[0.9, 'right'], [0.9, 'right']]), emptyBucket(T0 + HOUR - MINUTE, MINUTE)]);
    expect(hour.sizeMs).toBe(HOUR);
    const f = businessFigures(hour, settings());
    expect(f.value).toBe(6);
    expect(f.valuePerDay).toBe(144);
    expect(f.money).toBeNull();
    const m = businessFigures(hour, settings({ moneyPerUnit: 0.5, currency: 'EUR' }));
    expect(m.money).toEqual({ currency: 'EUR', value: 3, valuePerDay: 72 });
    expect(m.valuePerDay).toBe(144);
  });
});

describe('business settings', () => {
  it('defaults to minutes and 0.8, the sample canvas\'s threshold', () => {
    expect(businessOf({})).toEqual(DEFAULT_BUSINESS);
    expect(businessOf({ business: { valueRight: 2 } as Partial<BusinessSettings> }).threshold).toBe(0.8);
  });

  it('refuses negative worth, thresholds outside (0, 1) or between hundredths, money without a currency', () => {
    expect(businessProblem(settings())).toBeNull();
    expect(businessProblem(settings({ valueRight: -1 }))).toMatch(/≥ 0/);
    expect(businessProblem(settings({ costWrong: Number.NaN }))).toMatch(/≥ 0/);
    expect(businessProblem(settings({ threshold: 1 }))).toMatch(/between 0 and 1/);
    expect(businessProblem(settings({ threshold: 0 }))).toMatch(/between 0 and 1/);
    expect(businessProblem(settings({ threshold: 0.855 }))).toMatch(/hundredths/);
    expect(businessProblem(settings({ unit: '  ' }))).toMatch(/unit/);
    expect(businessProblem(settings({ moneyPerUnit: 1, currency: 'euro' }))).toMatch(/three-letter/);
    expect(businessProblem(settings({ targets: { automaticShare: 1.2, netValuePerDay: null } }))).toMatch(/0 to 100/);
  });
});

describe('business alerts', () => {
  const window = { from: T0, to: T0 + 3 * MINUTE, stepMs: MINUTE };
  // Minute 1: 1 of 2 automatic; minute 2: 2 of 2; minute 3: no traffic.
  const buckets = [minute(T0, [[0.9, 'right'], [0.5, null]]), minute(T0 + MINUTE, [[0.9, 'right'], [0.95, 'right']])];

  it('fire below the automatic-share target, for the window and the failing run, not for a quiet step', () => {
    const alerts = evaluateBusinessAlerts(settings({ targets: { automaticShare: 0.8, netValuePerDay: null } }), buckets, window);
    expect(alerts.map((a) => [a.scope, a.steps, a.measured, a.worst])).toEqual([
      ['window', 3, 0.75, 0.5],
      ['steps', 1, 0.5, 0.5],
    ]);
    expect(alerts[0].criterionId).toBe('business:automatic_share');
    expect(alerts[0].message).toMatch(/^Automatic decisions were 75 % of answers from 2024-05-01 12:00 to 2024-05-01 12:03 UTC over 4 answers; target ≥ 80 %\.$/);
  });

  it('fire when the net value per day falls below its target, and stay quiet when met or unset', () => {
    const s = settings({ targets: { automaticShare: null, netValuePerDay: 10_000 } });
    const alerts = evaluateBusinessAlerts(s, buckets, window);
    // Minute 1 earns 3 minutes (× 1440 = 4320 a day), minute 2 earns 6 (8640 a day): both fail,
    // 9 over their 2 minutes is 6480 a day; the 3 minutes of the window 9 (4320 a day).
    expect(alerts.map((a) => [a.scope, a.measured, a.worst])).toEqual([['window', 4320, 4320], ['steps', 6480, 4320]]);
    expect(alerts[0].message).toContain('Estimated net value was 4320 minutes per day');
    expect(evaluateBusinessAlerts(settings({ targets: { automaticShare: null, netValuePerDay: 4000 } }), buckets, window)).toEqual([]);
    expect(evaluateBusinessAlerts(settings(), buckets, window)).toEqual([]);
  });
});

describe('decisionWorth', () => {
  it('prices a decision in money when money per unit is set, else counts it in the unit', () => {
    const minutes: BusinessSettings = { ...DEFAULT_BUSINESS, unit: 'minutes', valueRight: 3, costWrong: 10, moneyPerUnit: null, currency: '' };
    expect(decisionWorth(minutes)).toEqual({ valueRight: 3, costWrong: 10, countedIn: 'minutes', inMoney: false });
    expect(decisionWorth({ ...minutes, moneyPerUnit: 0.5, currency: 'EUR' })).toEqual({ valueRight: 1.5, costWrong: 5, countedIn: 'EUR', inMoney: true });
  });
});
