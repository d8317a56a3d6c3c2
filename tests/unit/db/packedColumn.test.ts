/**
 * Packed columns (db/packedColumn.ts): every cell comes back exactly (each UTF-16 code unit, lone
 * surrogates, -0, null against absent), over any range of rows; strings with a character above
 * U+00FF are joined apart so the rest stays one byte per character.
 */
import { describe, expect, it } from 'vitest';
import { packColumn, unpackColumn, type Cell, type JoinedColumn, type PackedColumn } from '$lib/db/packedColumn';
import { createRng, pick, randomInt, type Rng } from '$lib/core/random';

const WIDE_CHAR = /[\u0100-\uffff]/;

/** Characters from every class that matters: ASCII, Latin-1, BMP two-byte, astral pairs, lone surrogates. */
const UNITS = ['a', 'Z', ' ', '\n', '"', '\u0000', 'é', 'ÿ', '\u0080', '€', '日', '\u0100', '😀', '\ud800', '\udfff', '\ufffd'];

function randomString(rng: Rng, wideShare: number): string {
  const length = pick(rng, [0, 0, 1, 2, 12, 13, 14, randomInt(rng, 0, 300)]);
  const narrowOnly = rng() >= wideShare;
  let s = '';
  while (s.length < length) {
    const unit = pick(rng, UNITS);
    if (!narrowOnly || !WIDE_CHAR.test(unit)) s += unit;
  }
  return s;
}

function randomCells(rng: Rng, n: number, mix: { wide: number; other: number }): Cell[] {
  return Array.from({ length: n }, () => {
    if (rng() >= mix.other) return randomString(rng, mix.wide);
    return pick<Cell>(rng, [null, undefined, 0, -0, 1.5, -3, NaN, Infinity, Number.MAX_VALUE, 2 ** 53 + 2]);
  });
}

const joined = (column: PackedColumn): JoinedColumn => {
  if (!('narrow' in column)) throw new Error('expected a joined column');
  return column;
};

/** Reads back every cell of `cells`, whole and over ranges that start and end anywhere. */
function expectReadsBack(cells: readonly Cell[], column = packColumn(cells)): void {
  expect(unpackColumn(column, 0, cells.length)).toEqual(cells);
  const n = cells.length;
  for (const [from, to] of [[0, 1], [1, 2], [n - 1, n], [Math.floor(n / 3), Math.floor(n / 2)], [n, n], [5, n]]) {
    expect(unpackColumn(column, from, to), `${from}…${to}`).toEqual(cells.slice(from, to));
  }
}

describe('packed columns', () => {
  it('give back seeded random cells exactly, whole and over any range', () => {
    for (const seed of [1, 2, 3, 4]) {
      const rng = createRng(`packed-${seed}`);
      for (const mix of [{ wide: 0, other: 0 }, { wide: 0.05, other: 0 }, { wide: 0.3, other: 0.2 }, { wide: 1, other: 0.5 }]) {
        const cells = randomCells(rng, 600, mix);
        const column = joined(packColumn(cells));
        expectReadsBack(cells, column);
        // Every code unit survives (toEqual compares strings unit by unit; this says so plainly).
        const back = unpackColumn(column, 0, cells.length);
        cells.forEach((cell, i) => typeof cell === 'string' && expect([...back[i] as string].map((c) => c.codePointAt(0))).toEqual([...cell].map((c) => c.codePointAt(0))));
      }
    }
  });

  it('joins the strings with a character above U+00FF apart, so the others stay one byte per character', () => {
    const rng = createRng('wide-apart');
    const cells = randomCells(rng, 2000, { wide: 0.03, other: 0 });
    const column = joined(packColumn(cells));
    const wideCells = cells.filter((c) => typeof c === 'string' && WIDE_CHAR.test(c)) as string[];
    expect(wideCells.length).toBeGreaterThan(10);
    expect(WIDE_CHAR.test(column.narrow.chars)).toBe(false);
    expect(column.wide?.chars).toBe(wideCells.join(''));
    expect(column.narrow.ends.length + column.wide!.ends.length).toBe(cells.length);
    // Only narrow strings: no kinds and no wide part at all.
    const narrowOnly = joined(packColumn(['abc', 'é', '', ...Array.from({ length: 300 }, (_, i) => `ÿ${i}`)]));
    expect(narrowOnly.kinds).toBeUndefined();
    expect(narrowOnly.wide).toBeUndefined();
  });

  it('records where each string ends, so an offset one off reads other characters', () => {
    const cells = ['ab', 'c', '', 'def', '€x', 'g'];
    const column = joined(packColumn(cells.concat(Array.from({ length: 300 }, (_, i) => `k${i}`))));
    expect(column.narrow.chars.startsWith('abcdefg')).toBe(true);
    expect([...column.narrow.ends.slice(0, 5)]).toEqual([2, 3, 3, 6, 7]);
    expect(column.wide).toEqual({ chars: '€x', ends: Uint32Array.of(2) });
    expectReadsBack(cells.concat(Array.from({ length: 300 }, (_, i) => `k${i}`)), column);
    // The same column with every end one further reads the wrong strings.
    const shifted = { ...column, narrow: { ...column.narrow, ends: column.narrow.ends.map((e) => e + 1) } };
    expect(unpackColumn(shifted, 0, 4)).not.toEqual(cells.slice(0, 4));
  });

  it('keeps a column of few distinct values as choices, shared on reading, and null apart from absent', () => {
    const labels: Cell[] = Array.from({ length: 2000 }, (_, i) => [`Technical ${'x'.repeat(20)}`, null, undefined, 'Billing', 3][i % 5]);
    const column = packColumn(labels);
    expect('choices' in column && column.choices).toEqual([`Technical ${'x'.repeat(20)}`, null, undefined, 'Billing', 3]);
    expectReadsBack(labels, column);
    const back = unpackColumn(column, 0, 10);
    expect(back[0]).toBe(back[5]);
    expect(back[1]).toBeNull();
    expect(back[2]).toBeUndefined();
    expect(1 in back && 2 in back).toBe(true);
  });

  it('does not take -0 for 0 among few values, nor make choices of more than 256 values', () => {
    const zeros: Cell[] = [0, -0, 0, 'a'];
    expect('choices' in packColumn(zeros)).toBe(false);
    expectReadsBack(zeros);
    expect(Object.is(unpackColumn(packColumn(zeros), 1, 2)[0], -0)).toBe(true);
    const many = Array.from({ length: 257 }, (_, i) => `v${i}`);
    expect('choices' in packColumn(many)).toBe(false);
    expect('choices' in packColumn(many.slice(0, 256))).toBe(true);
    expectReadsBack(many);
    expectReadsBack(many.slice(0, 256));
  });

  it('survives the structured clone IndexedDB makes of it', () => {
    const rng = createRng('clone');
    const cells = randomCells(rng, 500, { wide: 0.1, other: 0.3 });
    expectReadsBack(cells, structuredClone(packColumn(cells)));
  });
});
