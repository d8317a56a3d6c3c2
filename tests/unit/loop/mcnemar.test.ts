import { describe, expect, it } from 'vitest';
import { mcnemarExactP, mcnemarTest } from '$lib/core/loop/mcnemar';

/**
 * Reference p-values from scipy 1.10:
 *   /usr/bin/python3 -c 'from scipy.stats import binomtest; print(binomtest(min(b, c), b + c, 0.5).pvalue)'
 * (b + c = 0 has no test: p = 1 by definition).
 */
const SCIPY: [b: number, c: number, p: number][] = [
  [0, 0, 1],
  [0, 1, 1],
  [0, 5, 0.0625],
  [7, 0, 0.015625],
  [1, 1, 1],
  [5, 6, 1],
  [3, 10, 0.09228515625],
  [10, 3, 0.09228515625],
  [12, 12, 1],
  [25, 40, 0.08168153394154003],
  [200, 260, 0.0058839224731039984],
  [260, 200, 0.0058839224731039984],
];

describe('McNemar exact test', () => {
  it.each(SCIPY)('b = %i, c = %i gives scipy\'s p-value', (b, c, p) => {
    const got = mcnemarExactP(b, c);
    expect(Math.abs(got - p) / p).toBeLessThan(1e-12);
  });

  it('stays finite and tiny for thousands of lopsided discordant rows', () => {
    const p = mcnemarExactP(1000, 3000);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
    expect(mcnemarExactP(2000, 2000)).toBe(1);
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => mcnemarExactP(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExactP(1.5, 2)).toThrow(RangeError);
  });

  it('says in words whether the difference is real at 5 %, and which model is better', () => {
    const real = mcnemarTest(200, 260);
    expect(real).toMatchObject({ significant: true, better: 'challenger', b: 200, c: 260 });
    expect(real.words).toMatch(/^The difference is real at the 5 % level: the challenger is better/);
    expect(real.words).toContain('p = 0.0059');
    const chance = mcnemarTest(10, 3);
    expect(chance).toMatchObject({ significant: false, better: 'champion' });
    expect(chance.words).toMatch(/^The difference could be chance at the 5 % level/);
    expect(mcnemarTest(0, 0)).toMatchObject({ pValue: 1, significant: false, better: null });
    expect(mcnemarTest(0, 0).words).toMatch(/no difference to test/);
    // p = 0.015625 is real at 5 % but not at 1 %.
    expect(mcnemarTest(7, 0, 0.01)).toMatchObject({ significant: false, better: 'champion' });
  });
});
