import { describe, expect, it } from 'vitest';
import { ksStatisticSorted, ksTwoSample } from '$lib/core/drift/ks';
import { kolmogornSf } from '$lib/core/drift/kolmogn';
import { smirnovSf } from '$lib/core/drift/smirnov';
import { bell, floored, relDiff } from './samples';

// Reference values: scipy 1.17.1, `r = scipy.stats.ks_2samp(a, b)` (alternative='two-sided',
// method='auto'), with a and b rebuilt in Python by the generators quoted in ./samples.ts.
const TOLERANCE = 1e-10;

function expectKs(a: ArrayLike<number>, b: ArrayLike<number>, statistic: number, pValue: number, method: 'exact' | 'asymp') {
  const result = ksTwoSample(a, b);
  expect(result.method).toBe(method);
  expect(relDiff(result.statistic, statistic)).toBeLessThanOrEqual(TOLERANCE);
  expect(relDiff(result.pValue, pValue)).toBeLessThanOrEqual(TOLERANCE);
}

describe('ksTwoSample: exact p-values (max(n) ≤ 10000)', () => {
  it('matches scipy for 5 vs 7 values', () => {
    // ks_2samp([0.61, 0.29, 0.06, 0.59, -1.73], [-0.74, 0.51, -0.56, 0.39, 1.23, -0.26, 0.14])
    expectKs([0.61, 0.29, 0.06, 0.59, -1.73], [-0.74, 0.51, -0.56, 0.39, 1.23, -0.26, 0.14], 0.2571428571428571, 0.9595959595959594, 'exact');
  });

  it('handles ties as scipy does (ECDFs counting values ≤ x)', () => {
    // ks_2samp([1,2,2,3,3,3], [2,3,3,4,4,5,5,5])
    expectKs([1, 2, 2, 3, 3, 3], [2, 3, 3, 4, 4, 5, 5, 5], 0.625, 0.09257409257409258, 'exact');
  });

  it('gives D = 0 and p = 1 for equal samples, and D = p = 1 for one value each', () => {
    expectKs([1, 2, 3, 4], [4, 3, 2, 1], 0, 1, 'exact');
    expectKs([1], [2], 1, 1, 'exact');
  });

  it('uses the equal-size formula for n = m', () => {
    // ks_2samp(bell('ks-eq-a', 50), bell('ks-eq-b', 50, 0.5))
    expectKs(bell('ks-eq-a', 50), bell('ks-eq-b', 50, 0.5), 0.28, 0.039194586195352224, 'exact');
  });

  it('counts lattice paths for moderate sizes (300 vs 400), with and without ties', () => {
    // ks_2samp(bell('ks-300', 300), bell('ks-400', 400, 0.15, 1.1)); then both floored to steps of 0.25
    const a = bell('ks-300', 300);
    const b = bell('ks-400', 400, 0.15, 1.1);
    expectKs(a, b, 0.155, 0.00047291150573248547, 'exact');
    expectKs(floored(a, 0.25), floored(b, 0.25), 0.13916666666666666, 0.002379412019386767, 'exact');
  });

  it('is symmetric and does not touch its inputs', () => {
    const a = bell('ks-300', 300);
    const copy = a.slice();
    const b = bell('ks-400', 400, 0.15, 1.1);
    expect(ksTwoSample(b, a)).toEqual(ksTwoSample(a, b));
    expect(a).toEqual(copy);
  });
});

describe('ksTwoSample: asymptotic p-values (max(n) > 10000)', () => {
  const a = bell('ks-asymp-a', 12000);

  it('matches scipy with no shift (Pelz–Good branch)', () => {
    // ks_2samp(bell('ks-asymp-a', 12000), bell('ks-asymp-c', 15000))
    expectKs(a, bell('ks-asymp-c', 15000), 0.006066666666666665, 0.9655993686074733, 'asymp');
  });

  it('matches scipy near the 0.05 threshold', () => {
    // ks_2samp(bell('ks-asymp-a', 12000), bell('ks-asymp-b', 15000, 0.04))
    expectKs(a, bell('ks-asymp-b', 15000, 0.04), 0.01656666666666662, 0.05091532716853542, 'asymp');
  });

  it('matches scipy far in the tail (2·smirnov branch)', () => {
    // ks_2samp(bell('ks-asymp-a', 12000), bell('ks-asymp-d', 15000, 0.5))
    expectKs(a, bell('ks-asymp-d', 15000, 0.5), 0.20205, 4.455518667762617e-239, 'asymp');
  });

  it('matches scipy when the effective n is small (12000 vs 50: n = 50)', () => {
    // ks_2samp(bell('ks-asymp-a', 12000), bell('ks-asymp-e', 50, 0.3))
    expectKs(a, bell('ks-asymp-e', 50, 0.3), 0.19316666666666668, 0.041468343964263354, 'asymp');
  });

  it('can be forced to the asymptotic method', () => {
    const result = ksTwoSample([1, 2, 3], [4, 5, 6, 7], { method: 'asymp' });
    expect(result.method).toBe('asymp');
  });
});

describe('kolmogornSf (scipy.stats.kstwo.sf) in each branch of Simard & L’Ecuyer', () => {
  // [n, x, scipy.stats.kstwo.sf(x, n)]
  const cases: [number, number, number][] = [
    [5, 0.05, 1.0], // n·x ≤ 0.5
    [10, 0.08, 0.9999978058034054], // n·x ≤ 1 (Ruben–Gambino)
    [300, 0.003, 1.0], // n·x ≤ 1, n > 140 (Stirling)
    [10, 0.95, 1.9531250000000172e-13], // n·x ≥ n − 1
    [20, 0.6, 2.0483011649719853e-7], // x ≥ 0.5: 2·smirnov
    [50, 0.1, 0.6623112704658186], // n ≤ 140, Durbin
    [50, 0.2, 0.03143877776953241], // n ≤ 140, Pomeranz
    [50, 0.35, 5.573523514803185e-6], // n ≤ 140, 2·smirnov
    [1000, 0.02, 0.8108971656895577], // Pelz–Good
    [1000, 0.01, 0.9999496745370611], // n > 140, Durbin
    [1000, 0.06, 0.001428597887952891], // 2·smirnov
    [500000, 0.0025, 0.0038544560212235442], // 2·smirnov, large n (recurrence)
    [200000, 0.05, 0.0], // n·x² ≥ 370
  ];
  it.each(cases)('n = %i, x = %f', (n, x, expected) => {
    expect(relDiff(kolmogornSf(n, x), expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('is 1 at x ≤ 0 and 0 at x ≥ 1', () => {
    expect(kolmogornSf(10, 0)).toBe(1);
    expect(kolmogornSf(10, 1)).toBe(0);
    expect(kolmogornSf(2.5, 0.3)).toBeNaN();
  });
});

describe('smirnovSf (scipy.special.smirnov)', () => {
  // [n, x, scipy.special.smirnov(n, x)]
  const cases: [number, number, number][] = [
    [1, 0.3, 0.7],
    [10, 0.05, 0.9224335892010742], // x ≤ 1/n
    [10, 0.95, 9.765625000000086e-14], // x ≥ 1 − 1/n
    [100, 0.1, 0.1265906584562817],
    [100, 0.01, 0.9732196650552324], // upper sum
    [100, 0.3, 8.859934946331458e-9],
    [5000, 0.02, 0.01806981293722266],
    [2000000, 0.001, 0.018303432023617325], // n > 10⁶: xsf's approximation
  ];
  it.each(cases)('n = %i, x = %f', (n, x, expected) => {
    expect(relDiff(smirnovSf(n, x), expected)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('ksStatisticSorted', () => {
  it('takes the larger of the two one-sided gaps', () => {
    expect(ksStatisticSorted(Float64Array.of(1, 2), Float64Array.of(3, 4))).toBe(1);
    expect(ksStatisticSorted(Float64Array.of(0, 0, 1), Float64Array.of(0, 1, 1))).toBeCloseTo(1 / 3, 15);
  });
});

describe('ksTwoSample: input checks', () => {
  it('rejects empty samples and NaN', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/at least one value/);
    expect(() => ksTwoSample([1, NaN], [1])).toThrow(/NaN/);
    expect(() => ksTwoSample([1], [-NaN, 2])).toThrow(/NaN/);
  });
});
