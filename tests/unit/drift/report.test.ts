import { describe, expect, it } from 'vitest';
import { driftReport, type DriftColumnInput } from '$lib/core/drift/report';
import { defaultStatTest, selectStatTest } from '$lib/core/drift/selectTest';
import { STAT_TESTS } from '$lib/core/drift/statTests';
import { bell, categories, floored, relDiff } from './samples';

// Reference values: Evidently's `_get_default_stattest` (legacy/calculations/stattests/registry.py)
// and the chosen tests re-run in /tmp with numpy 2.4 / scipy 1.17.1 (see distances.test.ts) on
// samples rebuilt by the generators quoted in ./samples.ts.
const TOLERANCE = 1e-10;

describe('defaultStatTest (Evidently _get_default_stattest)', () => {
  it('uses hypothesis tests up to 1000 reference rows', () => {
    expect(defaultStatTest('numeric', 1000, 6)).toBe('ks');
    expect(defaultStatTest('numeric', 1000, 5)).toBe('chisquare');
    expect(defaultStatTest('numeric', 1000, 2)).toBe('z');
    expect(defaultStatTest('categorical', 10, 3)).toBe('chisquare');
    expect(defaultStatTest('categorical', 10, 2)).toBe('z');
    expect(defaultStatTest('categorical', 10, 1)).toBe('z');
  });

  it('uses distances above 1000 reference rows', () => {
    expect(defaultStatTest('numeric', 1001, 6)).toBe('wasserstein');
    expect(defaultStatTest('numeric', 1001, 5)).toBe('jensenshannon');
    expect(defaultStatTest('categorical', 1001, 2)).toBe('jensenshannon');
  });

  it('takes overrides of test and threshold, and rejects tests of the wrong kind', () => {
    expect(selectStatTest('numeric', 50, 40)).toEqual({ test: STAT_TESTS.ks, threshold: 0.05 });
    expect(selectStatTest('numeric', 50, 40, { threshold: 0.01 })).toEqual({ test: STAT_TESTS.ks, threshold: 0.01 });
    expect(selectStatTest('numeric', 50, 40, { test: 'psi' })).toEqual({ test: STAT_TESTS.psi, threshold: 0.1 });
    expect(() => selectStatTest('categorical', 50, 4, { test: 'ks' })).toThrow(/does not apply to categorical/);
    expect(() => selectStatTest('numeric', 50, 40, { threshold: -1 })).toThrow(/threshold/);
    expect(() => selectStatTest('numeric', 50, 40, { test: 'nope' as 'ks' })).toThrow(/Unknown drift test/);
  });
});

describe('STAT_TESTS', () => {
  it('labels each test and says what its threshold is', () => {
    expect(Object.values(STAT_TESTS).map((t) => [t.id, t.label, t.thresholdKind, t.defaultThreshold])).toEqual([
      ['ks', 'K-S p-value', 'p-value', 0.05],
      ['chisquare', 'chi-square p-value', 'p-value', 0.05],
      ['z', 'Z-test p-value', 'p-value', 0.05],
      ['wasserstein', 'Wasserstein distance (normed)', 'distance', 0.1],
      ['jensenshannon', 'Jensen-Shannon distance', 'distance', 0.1],
      ['psi', 'PSI', 'distance', 0.1],
    ]);
  });

  it("compares as Evidently: K-S at p ≤ t, chi-square and Z at p < t, distances at ≥ t", () => {
    expect(STAT_TESTS.ks.isDrift(0.05, 0.05)).toBe(true);
    expect(STAT_TESTS.chisquare.isDrift(0.05, 0.05)).toBe(false);
    expect(STAT_TESTS.z.isDrift(0.05, 0.05)).toBe(false);
    expect(STAT_TESTS.wasserstein.isDrift(0.1, 0.1)).toBe(true);
    expect(STAT_TESTS.psi.isDrift(0.0999, 0.1)).toBe(false);
  });
});

function smallColumns(): DriftColumnInput[] {
  return [
    { name: 'age', kind: 'numeric', reference: bell('age-ref', 800, 40, 10), current: bell('age-cur', 600, 43, 10) },
    { name: 'plan', kind: 'categorical', reference: categories('plan-ref', 800, ['free', 'pro', 'team'], [0.6, 0.3, 0.1]), current: categories('plan-now', 600, ['free', 'pro', 'team'], [0.6, 0.3, 0.1]) },
    { name: 'churned', kind: 'categorical', reference: categories('churn-ref', 800, ['no', 'yes'], [0.8, 0.2]), current: categories('churn-cur', 600, ['no', 'yes'], [0.7, 0.3]) },
    { name: 'seats', kind: 'numeric', reference: floored(bell('seats-ref', 800, 3, 0.6), 1), current: floored(bell('seats-cur', 600, 3, 0.6), 1) },
  ];
}

function largeColumns(): DriftColumnInput[] {
  return [
    { name: 'age', kind: 'numeric', reference: bell('age-ref', 3000, 40, 10), current: bell('age-cur', 2500, 43, 10) },
    { name: 'plan', kind: 'categorical', reference: categories('plan-ref', 3000, ['free', 'pro', 'team'], [0.6, 0.3, 0.1]), current: categories('plan-now', 2500, ['free', 'pro', 'team'], [0.5, 0.3, 0.2]) },
    { name: 'seats', kind: 'numeric', reference: floored(bell('seats-ref', 3000, 3, 0.4), 1), current: floored(bell('seats-cur', 2500, 3, 0.4), 1) },
  ];
}

describe('driftReport', () => {
  it('picks the default tests for ≤ 1000 reference rows and matches Evidently', () => {
    const report = driftReport(smallColumns());
    const byName = Object.fromEntries(report.columns.map((c) => [c.name, c]));
    // [test, n_unique(ref ∪ cur), statistic, p-value] from the Python re-run
    const expected: Record<string, [string, number, number, number, boolean]> = {
      age: ['ks', 1400, 0.09416666666666666, 0.004308500285136089, true],
      plan: ['chisquare', 3, 5.444545680793356, 0.06572520164260565, false],
      churned: ['z', 2, -4.339787317113512, 1.4262068279480289e-5, true],
      seats: ['chisquare', 4, 2.9616336209443714, 0.39757842212143935, false],
    };
    for (const [name, [test, unique, statistic, pValue, drifted]] of Object.entries(expected)) {
      const column = byName[name];
      expect(column.test).toBe(test);
      expect(column.uniqueValues).toBe(unique);
      expect(relDiff(column.statistic, statistic)).toBeLessThanOrEqual(TOLERANCE);
      expect(relDiff(column.pValue as number, pValue)).toBeLessThanOrEqual(TOLERANCE);
      expect(column.score).toBe(column.pValue);
      expect(column.threshold).toBe(0.05);
      expect(column.drifted).toBe(drifted);
    }
    // 2 of 4 columns drifted: share 0.5 ≥ driftShare 0.5
    expect(report).toMatchObject({ columnCount: 4, driftedCount: 2, share: 0.5, driftShare: 0.5, datasetDrift: true });
    expect(driftReport(smallColumns(), { driftShare: 0.6 }).datasetDrift).toBe(false);
  });

  it('picks distances above 1000 reference rows and matches Evidently', () => {
    const report = driftReport(largeColumns());
    const expected: [string, string, number, number, boolean][] = [
      ['age', 'wasserstein', 5500, 0.2772475292055384, true],
      ['plan', 'jensenshannon', 3, 0.11557054950091523, true],
      ['seats', 'jensenshannon', 4, 0.010457056010665275, false],
    ];
    report.columns.forEach((column, i) => {
      const [name, test, unique, distance, drifted] = expected[i];
      expect([column.name, column.test, column.uniqueValues, column.drifted]).toEqual([name, test, unique, drifted]);
      expect(relDiff(column.statistic, distance)).toBeLessThanOrEqual(TOLERANCE);
      expect(column.score).toBe(column.statistic);
      expect(column.pValue).toBeUndefined();
      expect(column.threshold).toBe(0.1);
    });
    expect(report).toMatchObject({ driftedCount: 2, datasetDrift: true });
  });

  it('applies per-column overrides of test and threshold', () => {
    const report = driftReport(largeColumns(), { overrides: { age: { test: 'psi' }, plan: { threshold: 0.2 }, seats: { test: 'ks' }, other: { test: 'z' } } });
    const [age, plan, seats] = report.columns;
    // psi(age ref, age cur) = 0.08787746927329958 < 0.1
    expect([age.test, age.drifted]).toEqual(['psi', false]);
    expect(relDiff(age.statistic, 0.08787746927329958)).toBeLessThanOrEqual(TOLERANCE);
    expect([plan.test, plan.threshold, plan.drifted]).toEqual(['jensenshannon', 0.2, false]);
    // ks_2samp(seats ref, seats cur): D = 0.0034666666666666665, p = 1.0 (exact, n ≤ 10000)
    expect([seats.test, seats.pValue, seats.drifted]).toEqual(['ks', 1, false]);
    expect(relDiff(seats.statistic, 0.0034666666666666665)).toBeLessThanOrEqual(TOLERANCE);
    expect(report).toMatchObject({ driftedCount: 0, share: 0, datasetDrift: false });
  });

  it('drops missing values and builds chart-ready histograms', () => {
    const report = driftReport([
      { name: 'x', kind: 'numeric', reference: [1, 2, NaN, 3, Infinity], current: [2, 3, 4] },
      { name: 'c', kind: 'categorical', reference: ['a', null, 'b', 'a'], current: ['b', undefined, 'c'] },
    ]);
    const [x, c] = report.columns;
    expect([x.referenceRows, x.currentRows, x.test]).toEqual([3, 3, 'chisquare']);
    expect(x.histogram).toEqual({ type: 'values', categories: ['1', '2', '3', '4'], reference: [1 / 3, 1 / 3, 1 / 3, 0], current: [0, 1 / 3, 1 / 3, 1 / 3], otherCount: 0 });
    expect(c.histogram).toEqual({ type: 'values', categories: ['a', 'b', 'c'], reference: [2 / 3, 1 / 3, 0], current: [0, 0.5, 0.5], otherCount: 0 });
    const age = driftReport(largeColumns()).columns[0];
    expect(age.histogram.type).toBe('range');
    if (age.histogram.type === 'range') {
      expect(age.histogram.edges.length).toBe(age.histogram.reference.length + 1);
      expect(age.histogram.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    // A category the reference never saw makes χ² infinite (p = 0), as in scipy.
    expect([x.statistic, x.pValue, x.drifted]).toEqual([Infinity, 0, true]);
    const large = driftReport(largeColumns());
    expect(JSON.parse(JSON.stringify(large))).toEqual(large);
  });

  it('folds rare categories into one "Other" bar', () => {
    const labels = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const weights = labels.map((_, i) => 40 - i);
    const report = driftReport([{ name: 'k', kind: 'categorical', reference: categories('k-ref', 2000, labels, weights), current: categories('k-cur', 2000, labels, weights) }]);
    const histogram = report.columns[0].histogram;
    if (histogram.type !== 'values') throw new Error('expected value bins');
    expect(histogram.categories).toHaveLength(30);
    expect(histogram.categories[29]).toBe('Other (11)');
    expect(histogram.otherCount).toBe(11);
    expect(histogram.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('rejects empty columns, duplicate names and bad drift shares', () => {
    expect(() => driftReport([{ name: 'x', kind: 'numeric', reference: [NaN], current: [1] }])).toThrow(/no reference values/);
    expect(() => driftReport([{ name: 'x', kind: 'categorical', reference: ['a'], current: [null] }])).toThrow(/no current values/);
    const col: DriftColumnInput = { name: 'x', kind: 'numeric', reference: [1, 2], current: [1, 2] };
    expect(() => driftReport([col, col])).toThrow(/twice/);
    expect(() => driftReport([col], { driftShare: 0 })).toThrow(/driftShare/);
    expect(driftReport([])).toMatchObject({ columnCount: 0, share: 0, datasetDrift: false });
  });
});
