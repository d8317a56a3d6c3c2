/** Marker labels above a chart go to the first row where they overlap nothing. */
import { describe, expect, it } from 'vitest';
import { labelRows } from '../../../src/lib/charts/labelRows';
import { textWidth } from '../../../src/lib/charts/layout';

describe('labelRows', () => {
  it('keeps labels that do not overlap on the first row', () => {
    expect(labelRows([{ x: 0, width: 100 }, { x: 120, width: 100 }])).toEqual([0, 0]);
  });

  it('moves an overlapping label down, and reuses a row once it is free, whatever the input order', () => {
    expect(labelRows([{ x: 300, width: 50 }, { x: 0, width: 100 }, { x: 50, width: 100 }, { x: 110, width: 100 }])).toEqual([0, 0, 1, 0]);
    expect(labelRows([{ x: 10, width: 100 }, { x: 10, width: 100 }, { x: 10, width: 100 }])).toEqual([0, 1, 2]);
  });

  it('estimates a label’s width from its length and font size', () => {
    expect(textWidth('v2 retrained', 20)).toBe(144);
  });
});
