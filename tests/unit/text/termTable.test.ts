import { describe, expect, it } from 'vitest';
import { appendTokenIds, IdList, TermTable } from '$lib/core/text/termTable';
import { tokenize } from '$lib/core/text/tokenize';
import { createRng } from '$lib/core/random';

/** The tokens the table saw in `text`, as strings (−1 → null). */
function tokensVia(table: TermTable, text: string, add: boolean): (string | null)[] {
  const list = new IdList();
  appendTokenIds(text, table, add, list);
  return Array.from(list.data.subarray(0, list.length), (id) => (id < 0 ? null : table.terms[id]));
}

describe('TermTable and appendTokenIds', () => {
  it.each([
    'Invoice #4411 was charged TWICE__ on 2024-05-01; a b cd x_y 7z',
    '  leading and trailing  ',
    'Café crème: naïve ΣΊΣΥΦΟΣ ς déjà-vu',
    'emoji 😀😀 and 𝐀𝐁 math letters, e\u0301 combining',
    '',
    'x',
  ])('finds the tokens sklearn\'s pattern finds, ASCII scan or not: %j', (text) => {
    const table = new TermTable();
    expect(tokensVia(table, text, true)).toEqual(tokenize(text));
    // Seen once, found again without adding; an unseen term is −1.
    expect(tokensVia(table, text, false)).toEqual(tokenize(text));
    expect(tokensVia(table, 'zzqq', false)).toEqual([null]);
  });

  it('keeps dense ids in order of first appearance across growth, each term once', () => {
    const rng = createRng('terms');
    const words = Array.from({ length: 5000 }, () => Array.from({ length: 2 + Math.floor(rng() * 6) }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join(''));
    const table = new TermTable();
    const expected = new Map<string, number>();
    for (const w of words) {
      if (!expected.has(w)) expected.set(w, expected.size);
      expect(table.id(w, 0, w.length, true)).toBe(expected.get(w));
    }
    expect(table.terms).toEqual([...expected.keys()]);
    // A range inside a longer text finds the same id.
    const [first] = expected.keys();
    expect(table.id(`--${first}--`, 2, 2 + first.length, false)).toBe(0);
    expect(TermTable.of(table.terms).terms).toEqual(table.terms);
  });
});

describe('the scan over non-ASCII text', () => {
  it('agrees with the token pattern on every BMP unit, alone, in pairs and inside words', () => {
    // Each unit c as "c", "cc", "ac" and "ca"-style neighbours: a unit the table misjudged would
    // split or join a token differently from tokenize().
    const units: string[] = [];
    for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units.push(String.fromCharCode(c));
    for (let i = 0; i < units.length; i += 512) {
      const text = units.slice(i, i + 512).map((u) => `${u} ${u}${u} x${u} ${u}9 `).join('');
      const table = new TermTable();
      expect(tokensVia(table, text, true)).toEqual(tokenize(text));
    }
  });

  it('keeps the regular expression for text beyond the BMP, counting code points', () => {
    const table = new TermTable();
    // One astral letter is one code point (not a token); two are a token; a lone surrogate splits.
    expect(tokensVia(table, 'a𝐀 𝐀 𝐀𝐁 \ud800x Ünï', true)).toEqual(tokenize('a𝐀 𝐀 𝐀𝐁 \ud800x Ünï'));
    expect(tokenize('a𝐀 𝐀 𝐀𝐁')).toEqual(['a𝐀', '𝐀𝐁']);
  });
});
