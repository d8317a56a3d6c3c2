/** The distributions the simulation draws from. */
import { describe, expect, it } from 'vitest';
import { cumulative, drawCode, drawLatencyMs, drawTenureDays, normalQuantile } from '../../../../src/lib/core/scenarios/ctr/population';

describe('population draws', () => {
  it('inverts the standard normal CDF (reference values from statistical tables)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.2)).toBeCloseTo(-0.8416212335729143, 8);
  });

  it('draws codes by cumulative share', () => {
    const cdf = cumulative([1, 2, 1]);
    expect(Array.from(cdf)).toEqual([0.25, 0.75, 1]);
    expect([0, 0.2499, 0.25, 0.74, 0.75, 0.9999].map((u) => drawCode(cdf, u))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('maps one uniform to tenure and latency monotonically', () => {
    expect(drawTenureDays(0)).toBe(0);
    expect(drawTenureDays(0.2199)).toBe(29);
    expect(drawTenureDays(0.22)).toBeGreaterThanOrEqual(30);
    expect(drawTenureDays(0.61)).toBe(380); // 30 + the 350-day median
    expect(drawTenureDays(0.999999)).toBeLessThanOrEqual(3650);
    expect(drawLatencyMs(0.5)).toBeCloseTo(42, 10);
    expect(drawLatencyMs(0.95)).toBeCloseTo(42 * Math.exp(0.35 * 1.6448536269514722), 6);
    expect(drawLatencyMs(0)).toBeGreaterThan(0);
  });
});
