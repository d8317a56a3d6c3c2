import { describe, expect, it } from 'vitest';
import { canonicalRow, hashRows, MultisetHash, rowDigest } from '$lib/core/data/hash';
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
