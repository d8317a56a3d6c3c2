import { describe, expect, it } from 'vitest';
import { assertCsr, csrFromRows } from '../../../src/lib/core/models/csr';

const matrix = csrFromRows(
  [
    { indices: [3, 0], data: [0.5, 1] },
    { indices: [], data: [] },
    { indices: [1, 2, 4], data: [0.1, 0.2, 0.3] },
  ],
  5,
);

describe('csrFromRows / assertCsr', () => {
  it('builds rows with ascending indices', () => {
    expect(Array.from(matrix.indptr)).toEqual([0, 2, 2, 5]);
    expect(Array.from(matrix.indices)).toEqual([0, 3, 1, 2, 4]);
    expect(Array.from(matrix.data)).toEqual([1, 0.5, 0.1, 0.2, 0.3].map(Math.fround));
    expect(() => assertCsr(matrix)).not.toThrow();
  });

  it('rejects malformed matrices with a message naming the problem', () => {
    expect(() => assertCsr({ ...matrix, indptr: Int32Array.from([0, 2, 2]) })).toThrow(/indptr has 3 entries/);
    expect(() => assertCsr({ ...matrix, cols: 4 })).toThrow(/column index 4 outside/);
    expect(() => assertCsr({ ...matrix, indices: Int32Array.from([3, 0, 1, 2, 4]) })).toThrow(/not strictly ascending/);
  });
});
