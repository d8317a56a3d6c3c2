import { describe, expect, it } from 'vitest';
import { emptyBucket } from '$lib/core/monitor/buckets';
import { DEFAULT_BUSINESS } from '$lib/core/monitor/businessValue';
import { fitDecay } from '$lib/core/practice/retireDecay';
import { parseRetireForm, recentTraffic, retireDefaults, VOLUME_DAYS, type RetireFacts } from '$lib/core/practice/retireDefaults';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

const FACTS: RetireFacts = {
  served: { name: 'Router v2', ageWeeks: 1.5 },
  weeks: [{ week: 1, labelled: 12, correct: 9, accuracy: 0.75 }],
  fit: fitDecay([{ week: 1, labelled: 12, correct: 9, accuracy: 0.75 }], 1.5),
  testAccuracy: 0.912,
  trainingMs: null,
  trainRows: 800,
  majorityAccuracy: 0.41,
  business: DEFAULT_BUSINESS,
  traffic: { predictions: 700, days: 7 },
};

describe('recentTraffic', () => {
  it('counts served predictions of the last four weeks over the days since the first of them, at least one day', () => {
    const at = (daysAgo: number, n: number) => Object.assign(emptyBucket(NOW - daysAgo * DAY), { requests: n });
    expect(recentTraffic([at(VOLUME_DAYS + 1, 999), at(10, 30), at(2, 70), at(1, 0)], NOW)).toEqual({ predictions: 100, days: 10 });
    expect(recentTraffic([at(0.1, 5)], NOW)).toEqual({ predictions: 5, days: 1 });
    expect(recentTraffic([], NOW)).toEqual({ predictions: 0, days: VOLUME_DAYS });
  });
});

describe('retireDefaults', () => {
  it('without a fit takes the latest week’s accuracy, says why no decay is filled, and asks for what is not measured', () => {
    const { form, sources } = retireDefaults(FACTS);
    expect(form).toEqual({
      accuracyNow: '75', accuracyFresh: '91.2', decayPerWeek: '', trainingHours: '', computePricePerHour: '0', labellingCostPerRow: '0',
      rowsToLabel: '800', valuePerCorrect: '0', monthlyVolume: '3044', upkeepPerMonth: '0', fallbackAccuracy: '41', horizonMonths: '3',
    });
    expect(sources.accuracyNow).toBe('week 1 of age: 9 right of 12 outcomes');
    expect(sources.decayPerWeek).toMatch(/^No decay is fitted: it needs 3 weeks/);
    expect(sources.trainingHours).toBe('not measured here: enter it');
    expect(sources.valuePerCorrect).toBe('no business value set (Frame stage)');
    expect(sources.monthlyVolume).toBe('700 predictions over 7 days');
  });

  it('with no outcomes falls back to the test accuracy; with no test accuracy either, leaves it to the person', () => {
    expect(retireDefaults({ ...FACTS, weeks: [] }).form.accuracyNow).toBe('91.2');
    const blank = retireDefaults({ ...FACTS, weeks: [], testAccuracy: null });
    expect(blank.form).toMatchObject({ accuracyNow: '', accuracyFresh: '' });
    expect(blank.sources.accuracyFresh).toBe('not measured here: enter it');
  });
});

describe('parseRetireForm', () => {
  const form = { ...retireDefaults(FACTS).form, trainingHours: '0.5' };
  it('reads percentages as ratios and an empty decay as unknown', () => {
    const parsed = parseRetireForm(form);
    expect(parsed.ok && parsed.inputs).toMatchObject({ accuracyNow: 0.75, accuracyFresh: 0.912, decayPerWeek: null, fallbackAccuracy: 0.41, trainingHours: 0.5, monthlyVolume: 3044 });
  });
  it('refuses an empty field, text that is not a number, and a negative price, naming the field', () => {
    expect(parseRetireForm({ ...form, trainingHours: ' ' })).toEqual({ ok: false, message: 'Training time per retraining (hours) is empty: enter a number.' });
    expect(parseRetireForm({ ...form, monthlyVolume: 'lots' })).toEqual({ ok: false, message: 'Predictions per month: “lots” is not a number.' });
    expect(parseRetireForm({ ...form, labellingCostPerRow: '-2' })).toEqual({ ok: false, message: 'The labelling cost per row cannot be negative (got -2).' });
    expect(parseRetireForm({ ...form, accuracyNow: '120' })).toEqual({ ok: false, message: 'The accuracy now must be a percentage from 0 to 100.' });
  });
});
