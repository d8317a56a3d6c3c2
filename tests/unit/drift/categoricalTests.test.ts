import { describe, expect, it } from 'vitest';
import { chiSquareFromCounts, chiSquareSf } from '$lib/core/drift/chiSquare';
import { zTestFromCounts } from '$lib/core/drift/zTest';
import { valueCounts } from '$lib/core/drift/samples';
import { categories, relDiff } from './samples';

// Reference values: Evidently's `_chi_stat_test` / `_z_stat_test` (legacy/calculations/stattests)
// re-run in /tmp with numpy 2.4 and scipy 1.17.1 (no pandas: value_counts via collections.Counter):
//   keys = list(set(ref) | set(cur)); k_norm = len(cur) / len(ref)
//   chisquare([cur_count[k] for k in keys], [ref_count[k] * k_norm for k in keys])
// and the Z-test lines of z_stattest.py verbatim.
const TOLERANCE = 1e-10;
const chi = (ref: string[], cur: string[]) => chiSquareFromCounts(valueCounts(ref), valueCounts(cur));
const z = (ref: string[], cur: string[]) => zTestFromCounts(valueCounts(ref), valueCounts(cur));

describe("Evidently's chi-square test", () => {
  const ref = categories('chi-ref', 400, ['a', 'b', 'c'], [0.5, 0.3, 0.2]);
  const cur = categories('chi-cur', 300, ['a', 'b', 'c'], [0.4, 0.35, 0.25]);

  it('matches scipy.stats.chisquare on reference-scaled expectations', () => {
    const result = chi(ref, cur);
    expect(result.df).toBe(2);
    expect(relDiff(result.statistic, 23.864692321835175)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(result.pValue, 6.574275599720603e-6)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives χ² = ∞ and p = 0 for a category the reference never saw', () => {
    expect(chi(ref, [...cur, 'd'])).toEqual({ statistic: Infinity, pValue: 0, df: 3 });
  });

  it('counts a category missing from the current sample as 0', () => {
    const result = chi(
      ref,
      cur.filter((c) => c !== 'c'),
    );
    expect(relDiff(result.statistic, 59.13626663001252)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(result.pValue, 1.4411953795555612e-13)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('has no p-value with a single category (scipy: nan)', () => {
    expect(chi(['a', 'a'], ['a']).pValue).toBeNaN();
  });

  it('chiSquareSf is the χ² upper tail', () => {
    // scipy.stats.chi2.sf(3.0, 2) = exp(-1.5); chi2.sf(10, 4) = 0.04042768199451279
    expect(relDiff(chiSquareSf(3, 2), Math.exp(-1.5))).toBeLessThanOrEqual(1e-14);
    expect(relDiff(chiSquareSf(10, 4), 0.04042768199451279)).toBeLessThanOrEqual(1e-14);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});

describe("Evidently's two-proportion Z-test", () => {
  it('matches Evidently on two binary samples', () => {
    const result = z(categories('z-ref', 500, ['no', 'yes'], [0.7, 0.3]), categories('z-cur', 400, ['no', 'yes'], [0.6, 0.4]));
    expect(relDiff(result.statistic, -3.787306066111943)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(result.pValue, 0.00015228946471101956)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('handles disjoint single values and a value new in current', () => {
    // z(['a']*10, ['b']*7); z(['a']*30, ['a']*20 + ['b']*5)
    const disjoint = z(new Array(10).fill('a'), new Array(7).fill('b'));
    expect(relDiff(disjoint.statistic, -4.123105625617661)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(disjoint.pValue, 3.7379818401683806e-5)).toBeLessThanOrEqual(TOLERANCE);
    const oneSide = z(new Array(30).fill('a'), [...new Array(20).fill('a'), ...new Array(5).fill('b')]);
    expect(relDiff(oneSide.statistic, -2.569046515733026)).toBeLessThanOrEqual(TOLERANCE);
    expect(relDiff(oneSide.pValue, 0.010197876776240289)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives p = 1 when both samples hold one and the same value', () => {
    expect(z(['x', 'x'], ['x'])).toEqual({ statistic: 0, pValue: 1 });
  });

  it('does not depend on which value sorts first', () => {
    const a = z(['no', 'yes', 'yes'], ['no', 'no', 'no', 'yes']);
    const b = z(['b', 'a', 'a'], ['b', 'b', 'b', 'a']);
    expect(b.pValue).toBeCloseTo(a.pValue, 15);
    expect(b.statistic).toBeCloseTo(-a.statistic, 15);
  });
});
