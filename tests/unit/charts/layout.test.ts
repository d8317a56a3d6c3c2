import { describe, expect, it } from 'vitest';
import { fitText, labelStride, lastDefined, lonePoints, spreadLabels, textWidth, tickCount, valueDomain } from '../../../src/lib/charts/layout';

describe('spreadLabels', () => {
  it('keeps labels that already clear each other where they want to be', () => {
    expect(spreadLabels([20, 80, 140], 16, 0, 200)).toEqual([20, 80, 140]);
  });

  it('pushes close labels (p50, p95, p99 ending near one value) apart, keeping their order', () => {
    const placed = spreadLabels([101, 100, 102], 16, 0, 200);
    const byPosition = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < byPosition.length; i++) expect(byPosition[i] - byPosition[i - 1]).toBeGreaterThanOrEqual(16);
    expect(placed[1]).toBeLessThan(placed[0]);
    expect(placed[0]).toBeLessThan(placed[2]);
  });

  it('moves labels crowded at the bottom edge back up inside the plot', () => {
    const placed = spreadLabels([198, 199, 200], 15, 10, 200);
    expect(placed).toEqual([170, 185, 200]);
  });

  it('moves labels crowded at the top edge down inside the plot', () => {
    expect(spreadLabels([0, 0], 14, 12, 200)).toEqual([12, 26]);
  });
});

describe('ticks and labels that fit', () => {
  it('asks for fewer ticks when space is short', () => {
    expect(tickCount(400, 30)).toBe(9);
    expect(tickCount(120, 30)).toBe(2);
    expect(tickCount(10, 30)).toBe(1);
    expect(tickCount(4000, 30, 6)).toBe(6);
  });

  it('thins bin labels to every k-th when they would run together', () => {
    expect(labelStride(60, 40)).toBe(1);
    expect(labelStride(30, 50)).toBe(2);
    expect(labelStride(12, 50)).toBe(5);
  });

  it('estimates text width and shortens text that does not fit', () => {
    expect(textWidth('reference', 10)).toBeCloseTo(54);
    expect(fitText('reference (weeks 0–3)', 60, 10)).toBe('reference…');
    expect(fitText('current', 60, 10)).toBe('current');
  });
});

describe('valueDomain', () => {
  it('keeps an accuracy of one version on [0, 1], with headroom above the value', () => {
    const [lo, hi] = valueDomain([0.9], [0, 1]);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(0.9);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it('pads a single value or all-equal values so the point is not on the edge', () => {
    expect(valueDomain([12])).toEqual([0, 13.2]);
    expect(valueDomain([5, 5, NaN])).toEqual([0, 5.5]);
    expect(valueDomain([0, 0])).toEqual([0, 1]);
  });

  it('spans 0 to the largest value and includes negatives', () => {
    expect(valueDomain([0.2, 0.7])).toEqual([0, 0.7]);
    expect(valueDomain([-3, 4])).toEqual([-3, 4]);
  });

  it('never leaves the bounds of a share, and has a domain with no data', () => {
    expect(valueDomain([1], [0, 1])).toEqual([0, 1]);
    expect(valueDomain([])).toEqual([0, 1]);
  });
});

describe('lonePoints', () => {
  it('finds values with no defined neighbour, which a line cannot draw', () => {
    expect(lonePoints([0.8])).toEqual([0]);
    expect(lonePoints([null, 3, null, 4, 5, null, 6])).toEqual([1, 6]);
    expect(lonePoints([NaN, 0.7, NaN])).toEqual([1]);
    expect(lonePoints([1, 2, 3])).toEqual([]);
  });
});

describe('lastDefined', () => {
  it('finds where a line with gaps ends', () => {
    expect(lastDefined([1, 2, null, NaN])).toBe(1);
    expect(lastDefined([null, NaN])).toBe(-1);
  });
});
