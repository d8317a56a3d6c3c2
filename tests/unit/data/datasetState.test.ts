import { describe, expect, it } from 'vitest';
import { DatasetState, relabelDelta, type Delta } from '$lib/core/data/datasetState';
import { hashRows } from '$lib/core/data/hash';
import type { DataRow } from '$lib/core/data/dataset';

const rows: DataRow[] = [
  { key: 'a', text: 'refund please', label: 'Billing', meta: { tier: 'pro' } },
  { key: 'b', text: 'app crashes', label: null, meta: { tier: 'free' } },
  { key: 'c', text: 'opening hours?', label: 'General Inquiry', meta: { tier: 'free' } },
];

describe('DatasetState', () => {
  it('hashes like a full recomputation and counts classes', () => {
    const state = new DatasetState(rows);
    expect(state.contentHash).toBe(hashRows(rows));
    expect(state.classBalance()).toEqual({ Billing: 1, '': 1, 'General Inquiry': 1 });
    expect(state.size).toBe(3);
  });

  it('refuses two rows with one key', () => {
    expect(() => new DatasetState([rows[0], { ...rows[1], key: 'a' }])).toThrow(/key “a”/);
  });

  it('applies upserts and removals, keeping order and the hash in step', () => {
    const state = new DatasetState(rows);
    const delta: Delta = {
      upserts: [{ ...rows[1], label: 'Technical Issue' }, { key: 'd', text: 'new one', label: 'Billing', meta: {} }],
      removedKeys: ['a'],
    };
    const predicted = state.hashAfter(delta);
    state.apply(delta);
    expect(state.rows.map((r) => r.key)).toEqual(['b', 'c', 'd']);
    expect(state.get('b')?.label).toBe('Technical Issue');
    expect(state.has('a')).toBe(false);
    expect(state.contentHash).toBe(hashRows(state.rows));
    expect(predicted).toBe(state.contentHash);
  });

  it('finds every row by key after removals in the middle and at both ends', () => {
    const five: DataRow[] = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, text: `text ${key}`, label: null, meta: {} }));
    const state = new DatasetState(five);
    state.apply({ upserts: [], removedKeys: ['c'] });
    expect(state.rows.map((r) => r.key)).toEqual(['a', 'b', 'd', 'e']);
    for (const key of ['a', 'b', 'd', 'e']) expect(state.get(key)?.key).toBe(key);
    expect(state.has('c')).toBe(false);
    state.apply({ upserts: [{ key: 'f', text: 'f', label: null, meta: {} }], removedKeys: ['e', 'a'] });
    expect(state.rows.map((r) => r.key)).toEqual(['b', 'd', 'f']);
    for (const key of ['b', 'd', 'f']) expect(state.get(key)?.key).toBe(key);
    expect([state.has('a'), state.has('e')]).toEqual([false, false]);
    expect(state.contentHash).toBe(hashRows(state.rows));
    // The positions are right for a later change too: replacing a row keeps it where it is.
    state.apply({ upserts: [{ key: 'd', text: 'd2', label: 'X', meta: {} }], removedKeys: [] });
    expect(state.rows.map((r) => r.text)).toEqual(['text b', 'd2', 'f']);
    expect(state.contentHash).toBe(hashRows(state.rows));
  });

  it('predicts the hash of a delta that upserts and removes the same key', () => {
    const state = new DatasetState(rows);
    const delta: Delta = { upserts: [{ ...rows[0], label: 'X' }, { key: 'z', text: 'z', label: null, meta: {} }], removedKeys: ['a', 'z'] };
    const predicted = state.hashAfter(delta);
    state.apply(delta);
    expect(state.rows.map((r) => r.key)).toEqual(['b', 'c']);
    expect(predicted).toBe(state.contentHash);
  });

  it('builds relabel deltas that skip rows already carrying the label', () => {
    const state = new DatasetState(rows);
    const delta = relabelDelta(state, ['a', 'b', 'b'], 'Billing');
    expect(delta.upserts.map((r) => r.key)).toEqual(['b']);
    expect(delta.upserts[0]).toEqual({ ...rows[1], label: 'Billing' });
    expect(() => relabelDelta(state, ['nope'], 'Billing')).toThrow(/No row/);
    // Undo is another relabel: back to the old label gives back the old hash.
    const before = state.contentHash;
    state.apply(delta);
    expect(state.contentHash).not.toBe(before);
    state.apply(relabelDelta(state, ['b'], null));
    expect(state.contentHash).toBe(before);
  });

  it('clones and adopts rows and hash without tying the two states together', () => {
    const state = new DatasetState(rows);
    const copy = state.clone();
    copy.apply(relabelDelta(copy, ['b'], 'Billing'));
    expect(state.get('b')?.label).toBeNull();
    expect(state.contentHash).toBe(hashRows(rows));
    state.adopt(copy);
    expect(state.get('b')?.label).toBe('Billing');
    expect(state.contentHash).toBe(copy.contentHash);
    copy.apply({ upserts: [], removedKeys: ['a'] });
    expect(state.rows.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(state.contentHash).toBe(hashRows(state.rows));
  });
});
