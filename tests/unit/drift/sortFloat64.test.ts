import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '$lib/core/drift/sortFloat64';
import { createRng } from '$lib/core/random';

describe('sortFloat64', () => {
  it('orders like Float64Array.prototype.sort, signed zeros, infinities and subnormals included', () => {
    const rng = createRng('sort');
    const values = Float64Array.from({ length: 5000 }, (_, i) => (rng() - 0.5) * (i % 3 === 0 ? 1e-300 : i % 3 === 1 ? 1 : 1e300));
    values.set([-0, 0, Infinity, -Infinity, 5e-324, -5e-324, 1, 1, -1], 100);
    const expected = values.slice().sort();
    const sorted = sortFloat64(values);
    expect(sorted).toBe(values);
    expect(Array.from(sorted).map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(expected).map((v) => Object.is(v, -0) ? '-0' : v));
  });

  it('sorts short arrays and constant arrays', () => {
    expect(Array.from(sortFloat64(Float64Array.of(3, 1, 2)))).toEqual([1, 2, 3]);
    expect(Array.from(sortFloat64(new Float64Array(4096).fill(7)))).toEqual(new Array(4096).fill(7));
  });

  it('sorts a view into a larger buffer in place', () => {
    const buffer = Float64Array.from({ length: 6000 }, (_, i) => 6000 - i);
    const view = buffer.subarray(500, 5500);
    sortFloat64(view);
    expect(view[0]).toBe(501);
    expect(view[view.length - 1]).toBe(5500);
    expect(buffer[0]).toBe(6000);
    expect(buffer[5999]).toBe(1);
  });
});
