import { describe, expect, it } from 'vitest';
import { canonicalRow, hashRows, MultisetHash, rowDigest, rowDigestInto } from '$lib/core/data/hash';
import { murmur3String } from '$lib/core/data/murmur3';
import type { DataRow } from '$lib/core/data/dataset';

const row = (key: string, label: string | null, meta: DataRow['meta'] = {}): DataRow => ({ key, text: `text of ${key}`, label, meta });

describe('content hashes', () => {
  it('hashes the empty set to zero and a single row to its digest read as a big-endian number', () => {
    expect(hashRows([])).toBe('0'.repeat(32));
    expect(canonicalRow(row('a', 'X'))).toBe('["a","text of a","X",null,null,[]]');
    // The sum of one digest is that digest, its 4-byte words read most significant first.
    const d = rowDigest(row('a', 'X'));
    const words = [0, 1, 2, 3].map((w) => ((d[w * 4] << 24) | (d[w * 4 + 1] << 16) | (d[w * 4 + 2] << 8) | d[w * 4 + 3]) >>> 0);
    expect(hashRows([row('a', 'X')])).toBe(words.map((w) => w.toString(16).padStart(8, '0')).join(''));
    // Pinned so a change of the canonical form or the digest (which would re-hash every stored
    // version differently) cannot go unnoticed.
    expect(hashRows([row('a', 'X')])).toMatchInlineSnapshot(`"0af35cac7578876e4a7e9a60c9fe7629"`);
  });

  it('does not depend on row order or meta key order', () => {
    const a = [row('1', 'A', { x: 1, y: 'b' }), row('2', 'B')];
    const b = [row('2', 'B'), row('1', 'A', { y: 'b', x: 1 })];
    expect(hashRows(a)).toBe(hashRows(b));
  });

  it('changes with a label, a text, a split, a timestamp or a meta value', () => {
    const base = hashRows([row('1', 'A'), row('2', 'B')]);
    expect(hashRows([row('1', 'B'), row('2', 'B')])).not.toBe(base);
    expect(hashRows([{ ...row('1', 'A'), text: 'other' }, row('2', 'B')])).not.toBe(base);
    expect(hashRows([{ ...row('1', 'A'), split: 'test' }, row('2', 'B')])).not.toBe(base);
    expect(hashRows([{ ...row('1', 'A'), timestamp: '2026-01-01T00:00:00.000Z' }, row('2', 'B')])).not.toBe(base);
    expect(hashRows([row('1', 'A', { n: 1 }), row('2', 'B')])).not.toBe(hashRows([row('1', 'A', { n: '1' }), row('2', 'B')]));
  });

  it('updates incrementally to the same hash a full recomputation gives', () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(String(i), i % 2 ? 'A' : 'B'));
    const running = new MultisetHash();
    rows.forEach((r) => running.add(rowDigest(r)));
    // Relabel row 7: remove its old digest, add the new one.
    running.remove(rowDigest(rows[7])).add(rowDigest({ ...rows[7], label: 'C' }));
    const relabelled = rows.map((r, i) => (i === 7 ? { ...r, label: 'C' } : r));
    expect(running.hex()).toBe(hashRows(relabelled));
  });

  it('wraps around modulo 2^128 in both directions', () => {
    const max = new Uint8Array(16).fill(0xff);
    const one = new Uint8Array(16);
    one[15] = 1;
    const h = new MultisetHash().add(max).add(one);
    expect(h.hex()).toBe('0'.repeat(32));
    h.remove(one);
    expect(h.hex()).toBe('f'.repeat(32));
    const clone = h.clone().add(one);
    expect(clone.hex()).toBe('0'.repeat(32));
    expect(h.hex()).toBe('f'.repeat(32));
  });
});

describe('the row digest, streamed', () => {
  // A seeded generator (mulberry32): the same rows every run.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  // Characters JSON.stringify escapes or writes in two units, and plain ones.
  const pieces = ['a', 'Z', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u0001', '\u001f', '\u007f', 'é', '€', '\u2028', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '\ud83d\ude00', 'x'.repeat(40)];
  const text = () => Array.from({ length: Math.floor(next() * 12) }, () => pick(pieces)).join('');
  const value = (): DataRow['meta'][string] | boolean | undefined =>
    pick<() => DataRow['meta'][string] | boolean | undefined>([
      text, () => '', () => null, () => undefined, () => true, () => false, () => 0, () => -0, () => 1e21, () => 1e-7, () => -12.5,
      () => Number.NaN, () => Infinity, () => -Infinity, () => 2 ** 53 + 2, () => next() * 1e6,
    ])();
  const randomRow = (): DataRow => {
    const meta: Record<string, unknown> = {};
    for (let k = Math.floor(next() * 5); k > 0; k--) meta[pick(['b', 'a', 'Z', '10', '2', 'é', '\ud800k', text()])] = value();
    const r: DataRow = { key: pick([text(), '', 'row-12']), text: text(), label: pick([null, '', text()]), meta: meta as DataRow['meta'] };
    if (next() < 0.5) r.timestamp = pick(['2026-01-05T00:00:29.000Z', '', text()]);
    if (next() < 0.5) r.split = pick(['train', 'test', ''] as DataRow['split'][]);
    return r;
  };

  it('is MurmurHash3 of the canonical JSON on rows with every kind of character and value', () => {
    for (let i = 0; i < 3000; i++) {
      const r = randomRow();
      expect(rowDigest(r), canonicalRow(r)).toEqual(murmur3String(canonicalRow(r)));
    }
  });

  it('is the same on long texts (written in pieces) and on rows whose meta keys change from row to row', () => {
    const long = Array.from({ length: 9000 }, (_, i) => pieces[i % pieces.length]).join('');
    const rows: DataRow[] = [
      { key: 'k', text: long, label: 'L', meta: {} },
      { key: 'k', text: '\ud800'.repeat(5000) + 'é'.repeat(3000), label: null, meta: { b: 1, a: 2 } },
      { key: 'k', text: 'same', label: null, meta: { a: 2, b: 1 } },
      { key: 'k', text: 'same', label: null, meta: { a: 2, c: 1 } },
      { key: 'k', text: 'same', label: null, meta: { a: 2 } },
      // The same keys as the row before plus more, none, then the same set in another order.
      { key: 'k', text: 'same', label: null, meta: { a: 2, c: 1 } },
      { key: 'k', text: 'same', label: null, meta: {} },
      { key: 'k', text: 'same', label: null, meta: { c: 1, a: 2 } },
      { key: 'k', text: 'same', label: null, meta: { c: 1, a: 2, 10: 3, 2: 4 } },
    ];
    for (const r of rows) expect(rowDigest(r)).toEqual(murmur3String(canonicalRow(r)));
  });

  it('hashes a value no row should hold (an object in meta) by the reference form', () => {
    const r = { key: 'k', text: 't', label: null, meta: { o: { x: [1, 'a'] } } } as unknown as DataRow;
    expect(rowDigest(r)).toEqual(murmur3String(canonicalRow(r)));
  });

  it('lands in the packed words as its bytes read little-endian', () => {
    const r = randomRow();
    const out = new Uint32Array(12);
    rowDigestInto(r, out, 4);
    expect(new Uint8Array(out.buffer, 16, 16)).toEqual(murmur3String(canonicalRow(r)));
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    const running = new MultisetHash().combineWords(out, 4, 1);
    expect(running.hex()).toBe(new MultisetHash().add(rowDigest(r)).hex());
    expect(running.combineWords(out, 4, -1).hex()).toBe('0'.repeat(32));
  });
});
