/** The presenter's y axis: zoomed to the data, so a 15 % drop fills the axis instead of a sliver. */
import { describe, expect, it } from 'vitest';
import { zoomedDomain } from '../../../src/lib/charts/zoomDomain';

describe('zoomedDomain', () => {
  it('zooms a CTR falling 15 % so the drop fills most of the axis, and says it does not start at 0', () => {
    const ctr = [9.8, 9.7, 9.6, 9.2, 8.9, 8.6, 8.3];
    const { domain, fromZero } = zoomedDomain(ctr);
    expect(fromZero).toBe(false);
    expect(domain[0]).toBeGreaterThan(7);
    expect(domain[0]).toBeLessThan(8.3);
    expect(domain[1]).toBeGreaterThan(9.8);
    expect((9.8 - 8.3) / (domain[1] - domain[0])).toBeGreaterThan(0.5);
  });

  it('keeps 0 when the padded data reaches it, and for no data', () => {
    expect(zoomedDomain([0.5, 10])).toEqual({ domain: [0, 12], fromZero: true });
    expect(zoomedDomain([])).toEqual({ domain: [0, 1], fromZero: true });
  });

  it('puts a single value (or a flat line) mid-axis', () => {
    const { domain } = zoomedDomain([9.5]);
    expect(domain[0]).toBeLessThan(9.5);
    expect(domain[1]).toBeGreaterThan(9.5);
  });

  it('does not blow week-to-week noise up to the height of a drop', () => {
    const { domain } = zoomedDomain([9.83, 10.1, 9.9]);
    expect((10.1 - 9.83) / (domain[1] - domain[0])).toBeLessThan(0.2);
  });
});
