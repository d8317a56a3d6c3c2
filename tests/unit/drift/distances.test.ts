import { describe, expect, it } from 'vitest';
import { binnedShares, histogramCounts, sturgesEdges } from '$lib/core/drift/binning';
import { jensenShannonDistance } from '$lib/core/drift/jensenShannon';
import { psi } from '$lib/core/drift/psi';
import { sortedFinite } from '$lib/core/drift/samples';
import { STAT_TESTS, type PreparedColumn } from '$lib/core/drift/statTests';
import { wassersteinDistanceSorted, wassersteinNormedSorted } from '$lib/core/drift/wasserstein';
import { bell, categories, floored, relDiff } from './samples';

// Reference values: Evidently's `get_binned_data` (legacy/calculations/stattests/utils.py),
// `_psi`, `_jensenshannon` (base=None) and `_wasserstein_distance_norm` re-run in /tmp with
// numpy 2.4 and scipy 1.17.1 (value_counts via collections.Counter; no pandas), on samples
// rebuilt by the generators quoted in ./samples.ts.
const TOLERANCE = 1e-10;
const numeric = (reference: Float64Array, current: Float64Array): PreparedColumn => ({ kind: 'numeric', reference: sortedFinite(reference), current: sortedFinite(current) });
const categorical = (reference: string[], current: string[]): PreparedColumn => ({ kind: 'categorical', reference, current });

describe('binning (Evidently get_binned_data)', () => {
  const column = numeric(bell('psi-ref', 1500), bell('psi-cur', 1200, 0.3, 1.2));

  it("cuts numeric columns with > 20 reference values into numpy's Sturges bins over both samples", () => {
    // np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges')
    const expected = [
      -3.37317358860746, -2.847373092633027, -2.3215725966585943, -1.7957721006841614, -1.2699716047097285, -0.7441711087352956, -0.21837061276086267,
      0.30742988321357023, 0.8332303791880031, 1.3590308751624365, 1.884831371136869, 2.4106318671113014, 2.9364323630857347, 3.462232859060168,
    ];
    const shares = binnedShares(column, false);
    expect(shares.bins.type).toBe('range');
    if (shares.bins.type !== 'range') return;
    expect(Array.from(shares.bins.edges)).toEqual(expected);
    // np.histogram(ref, edges)[0] / len(ref), same for cur
    const refShares = [
      0.0006666666666666666, 0.008666666666666666, 0.03, 0.07266666666666667, 0.12333333333333334, 0.196, 0.21533333333333332, 0.14333333333333334, 0.126,
      0.056, 0.02266666666666667, 0.004666666666666667, 0.0006666666666666666,
    ];
    const curShares = [
      0.006666666666666667, 0.006666666666666667, 0.024166666666666666, 0.055, 0.09666666666666666, 0.16083333333333333, 0.17416666666666666,
      0.17416666666666666, 0.13, 0.08666666666666667, 0.04666666666666667, 0.028333333333333332, 0.01,
    ];
    expect(Array.from(shares.reference)).toEqual(refShares);
    expect(Array.from(shares.current)).toEqual(curShares);
  });

  it('makes one bin of ±0.5 around a constant, and closes the last bin', () => {
    // np.histogram_bin_edges([5.0]*40, bins='sturges') = [4.5, 5.5]
    expect(Array.from(sturgesEdges(new Float64Array(30).fill(5), new Float64Array(10).fill(5)))).toEqual([4.5, 5.5]);
    // np.histogram_bin_edges([1.0]*10 + [2.0]*30, bins='sturges')
    const edges = sturgesEdges(new Float64Array(10).fill(1), new Float64Array(30).fill(2));
    expect(Array.from(edges)).toEqual([1.0, 1.1428571428571428, 1.2857142857142856, 1.4285714285714286, 1.5714285714285714, 1.7142857142857142, 1.8571428571428572, 2.0]);
    expect(Array.from(histogramCounts(Float64Array.of(1, 1, 1.5, 2, 2), edges))).toEqual([2, 0, 0, 1, 0, 0, 2]);
  });

  it('bins categories and numeric columns with ≤ 20 reference values by value, filling zeros for PSI', () => {
    const shares = binnedShares(categorical(['a', 'a', 'b', 'b'], ['a', 'c', 'c', 'c']), true);
    expect(shares.bins).toEqual({ type: 'values', categories: ['a', 'b', 'c'] });
    expect(Array.from(shares.reference)).toEqual([0.5, 0.5, 0.0001]);
    expect(Array.from(shares.current)).toEqual([0.25, 0.0001, 0.75]);
    // Smallest non-zero share ≤ 0.0001: zeros become a millionth of it.
    const tiny = binnedShares(categorical(['c'], ['a', ...new Array<string>(99999).fill('b')]), true);
    expect(Array.from(tiny.current)).toEqual([1e-5, 0.99999, 1e-5 / 10 ** 6]);
    const fewValues = binnedShares(numeric(Float64Array.of(2, 1, 2), Float64Array.of(3, 1)), false);
    expect(fewValues.bins).toEqual({ type: 'values', categories: [1, 2, 3] });
  });
});

describe('PSI and Jensen–Shannon distance on the binned data', () => {
  it('match Evidently for a numeric column (Sturges bins)', () => {
    const column = numeric(bell('psi-ref', 1500), bell('psi-cur', 1200, 0.3, 1.2));
    expect(relDiff(STAT_TESTS.psi.run(column).statistic, 0.14752442777428085)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(STAT_TESTS.jensenshannon.run(column).statistic, 0.12937411614827202)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('match Evidently for a categorical column with a category new in current', () => {
    const labels = ['web', 'ios', 'android', 'tv'];
    const column = categorical(categories('cat-ref', 2000, labels, [0.5, 0.25, 0.25, 0]), categories('cat-cur', 1800, labels, [0.4, 0.25, 0.25, 0.1]));
    expect(relDiff(STAT_TESTS.psi.run(column).statistic, 0.6364438816836273)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(STAT_TESTS.jensenshannon.run(column).statistic, 0.18425803582129538)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('match Evidently for a numeric column with few values (binned by value)', () => {
    // ref = floored(bell('few-ref', 800, 3, 1), 1.0): 8 distinct values in both together
    const column = numeric(floored(bell('few-ref', 800, 3, 1), 1), floored(bell('few-cur', 700, 3.4, 1), 1));
    expect(relDiff(STAT_TESTS.psi.run(column).statistic, 0.14627947760619625)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(STAT_TESTS.jensenshannon.run(column).statistic, 0.13392014706962138)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('psi and jensenShannonDistance on explicit vectors', () => {
    // scipy.spatial.distance.jensenshannon([1, 0], [0, 1]) = sqrt(ln 2); with base=2: 1
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    expect(jensenShannonDistance([1, 0], [0, 1], 2)).toBeCloseTo(1, 15);
    expect(jensenShannonDistance([2, 2], [1, 1])).toBe(0);
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.25 * Math.log(2) - 0.25 * Math.log(2 / 3), 15);
    expect(() => psi([1], [0.5, 0.5])).toThrow(/bins/);
  });
});

describe('normed Wasserstein distance', () => {
  it('matches scipy.stats.wasserstein_distance(ref, cur) / np.std(ref)', () => {
    const column = numeric(bell('psi-ref', 1500), bell('psi-cur', 1200, 0.3, 1.2));
    expect(relDiff(STAT_TESTS.wasserstein.run(column).statistic, 0.29799637442437266)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('floors the reference deviation at 0.001', () => {
    // wasserstein_distance([2.0]*20, [2.0]*10 + [3.0]*10) / max(np.std([2.0]*20), 0.001) = 0.5 / 0.001
    const ref = new Float64Array(20).fill(2);
    const cur = Float64Array.from({ length: 20 }, (_, i) => (i < 10 ? 2 : 3));
    expect(wassersteinNormedSorted(ref, sortedFinite(cur))).toBeCloseTo(500, 10);
    expect(wassersteinDistanceSorted(Float64Array.of(0, 1), Float64Array.of(0, 1))).toBe(0);
    expect(wassersteinDistanceSorted(Float64Array.of(0), Float64Array.of(5))).toBe(5);
  });
});
