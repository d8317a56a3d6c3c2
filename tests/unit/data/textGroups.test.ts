import { describe, it, expect } from 'vitest';
import { textKey } from '$lib/core/data/duplicates';
import { rowText } from '$lib/core/data/recordFields';
import { TextGroupFinder, fingerprintText, type RowTextFingerprint } from '$lib/core/data/textGroups';

const fingerprint = (fields: string[], indexes = fields.map((_, i) => i)): RowTextFingerprint => {
  const out = { length: -1, h1: -1, h2: -1 };
  fingerprintText(rowText(fields, indexes), out);
  return out;
};

describe('textKey', () => {
  it('folds case and collapses whitespace of every kind', () => {
    expect(textKey('  Refund\r\n\tPLEASE  now ')).toBe('refund please now');
    expect(textKey('a\u00a0\u2003b')).toBe('a b');
    expect(textKey('already a key')).toBe('already a key');
  });
});

describe('fingerprintText', () => {
  it.each([
    [['Refund', 'I was charged twice']],
    [['  Subject ', '', 'body\r\nwith CRLF\rand CR']],
    [['', ' ']],
    [['Café', 'naïve ünïcödé']],
    [['emoji 🎉 here']],
    [['x'.repeat(6000)]],
  ])('gives the length of rowText for %j', (fields) => {
    expect(fingerprint(fields).length).toBe(rowText(fields, fields.map((_, i) => i)).length);
  });

  it('hashes equal text keys equally, on the ASCII and the Unicode path alike', () => {
    const same = [['Refund', 'please'], ['refund  PLEASE'], [' REFUND\r\nplease '], ['refund\u00a0please'], ['Refund', '', '\u2003please']];
    const prints = same.map((f) => fingerprint(f));
    for (const p of prints) expect([p.h1, p.h2]).toEqual([prints[0].h1, prints[0].h2]);
    expect(fingerprint(['Café au lait']).h1).toBe(fingerprint(['CAFÉ  AU LAIT']).h1);
  });

  it('hashes different keys differently', () => {
    const a = fingerprint(['refund please']);
    const b = fingerprint(['refund pleas']);
    const c = fingerprint(['refundplease']);
    expect(new Set([a.h1, b.h1, c.h1]).size).toBe(3);
    expect(new Set([a.h2, b.h2, c.h2]).size).toBe(3);
  });

  it('keeps h1 a small non-negative integer', () => {
    for (const t of ['a', 'zzzz', 'The quick brown fox', 'Ünïcödé']) {
      const { h1 } = fingerprint([t]);
      expect(Number.isInteger(h1) && h1 >= 0 && h1 < 2 ** 30).toBe(true);
    }
  });
});

describe('TextGroupFinder', () => {
  const keys = ['alpha', 'beta', 'alpha', 'gamma', 'beta', 'gamma', 'delta'];

  it('groups records by key when hashes are honest', () => {
    const finder = new TextGroupFinder(keys.length, (i) => keys[i]);
    const fp = (i: number) => ({ length: 1, h1: keys[i].length, h2: keys[i].charCodeAt(0) });
    expect(keys.map((_, i) => finder.add(i, fp(i)))).toEqual([0, 1, 0, 3, 1, 3, 6]);
  });

  it('finds the first record of each key among thousands whose hashes crowd the same slots', () => {
    // 6,000 records of 1,500 keys; h1 values share their low bits, so the table's probes run long and it grows.
    const many = Array.from({ length: 6000 }, (_, i) => `key ${(i * 7919) % 1500}`);
    const finder = new TextGroupFinder(16, (i) => many[i]);
    const h1 = (key: string) => Number(key.slice(4)) * 4096;
    const got = many.map((key, i) => finder.add(i, { length: key.length, h1: h1(key), h2: Number(key.slice(4)) }));
    const want = many.map((key) => many.indexOf(key));
    expect(got).toEqual(want);
  });

  it('never merges different texts whose hashes collide', () => {
    const finder = new TextGroupFinder(keys.length, (i) => keys[i]);
    // Every record gets the same h1 and h2: only the key confirmation can tell them apart.
    const collide = { length: 1, h1: 7, h2: 7 };
    expect(keys.map((_, i) => finder.add(i, collide))).toEqual([0, 1, 0, 3, 1, 3, 6]);
  });

  it('trusts identical cells without building keys, but not a hash collision', () => {
    const asked: number[] = [];
    const finder = new TextGroupFinder(3, (i) => (asked.push(i), ['a', 'a', 'b'][i]), (i, j) => ['a', 'a', 'b'][i] === ['a', 'a', 'b'][j]);
    const same = { length: 1, h1: 1, h2: 1 };
    expect([0, 1, 2].map((i) => finder.add(i, same))).toEqual([0, 0, 2]);
    expect(asked.sort()).toEqual([0, 2]);
  });

  it('only builds keys for records whose hash matched', () => {
    const asked: number[] = [];
    const finder = new TextGroupFinder(3, (i) => (asked.push(i), ['a', 'b', 'a'][i]));
    finder.add(0, { length: 1, h1: 1, h2: 1 });
    finder.add(1, { length: 1, h1: 2, h2: 2 });
    finder.add(2, { length: 1, h1: 1, h2: 1 });
    expect(asked.sort()).toEqual([0, 2]);
  });
});
