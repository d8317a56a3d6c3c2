import { describe, expect, it } from 'vitest';
import type { DataRow } from '$lib/core/data/dataset';
import { DatasetState } from '$lib/core/data/datasetState';
import { splitDelta, withSplit } from '$lib/core/data/splitDelta';

/** 20 rows, two classes, one a day from 1 March; the last two undated. */
function rows(): DataRow[] {
  return Array.from({ length: 20 }, (_, i) => ({
    key: `r${i}`,
    text: `reading ${i}`,
    label: i % 2 ? 'high' : 'low',
    meta: {},
    ...(i < 18 ? { timestamp: new Date(Date.UTC(2026, 2, 1 + i)).toISOString() } : {}),
  }));
}

describe('splitDelta', () => {
  it('assigns a stratified split as upserts of every row, named with its ratios and seed, with counts', () => {
    const change = splitDelta(new DatasetState(rows()), { method: 'stratified', ratios: [0.6, 0.2, 0.2], seed: 's1' });
    expect(change.change).toBe('split');
    expect(change.message).toBe('Stratified split 60/20/20, seed “s1”');
    expect(change.delta.removedKeys).toEqual([]);
    expect(change.delta.upserts).toHaveLength(20);
    expect(change.split).toEqual({ seed: 's1', method: 'stratified', ratios: [0.6, 0.2, 0.2], counts: { train: 12, validation: 4, test: 4 } });
  });

  it('writes only rows whose split changes, and refuses a split that changes nothing', () => {
    const state = new DatasetState(rows());
    const plan = { method: 'stratified' as const, ratios: [0.6, 0.2, 0.2] as const, seed: 's1' };
    state.apply(splitDelta(state, plan).delta);
    expect(() => splitDelta(state, plan)).toThrow('This split is already the one assigned to this version.');
    const other = splitDelta(state, { ...plan, seed: 's2' });
    expect(other.delta.upserts.length).toBeGreaterThan(0);
    expect(other.delta.upserts.length).toBeLessThan(20);
    expect(other.delta.upserts.every((r) => r.split !== state.get(r.key)!.split)).toBe(true);
  });

  it('names the undated rows a time split leaves out, and takes their split away', () => {
    const state = new DatasetState(rows().map((r) => withSplit(r, 'train')));
    const change = splitDelta(state, { method: 'time', ratios: [0.5, 0.25, 0.25], seed: 'unused', undated: 'leave-out' });
    expect(change.message).toBe('Time-based split 50/25/25 (oldest rows train, newest test); 2 rows without a date left out of every split');
    const undated = change.delta.upserts.filter((r) => r.timestamp === undefined);
    expect(undated.map((r) => [r.key, 'split' in r])).toEqual([['r18', false], ['r19', false]]);
    expect(change.split.counts).toEqual({ train: 9, validation: 5, test: 4 });
  });

  it('refuses invalid ratios with the reason', () => {
    expect(() => splitDelta(new DatasetState(rows()), { method: 'stratified', ratios: [0.5, 0.5, 0.5], seed: 's' })).toThrow('The ratios must add up to 1 (they add up to 1.5).');
  });
});

describe('withSplit', () => {
  it('sets a split or removes it, leaving the rest of the row and the original as they were', () => {
    const row: DataRow = { key: 'k', text: 't', label: 'a', meta: { n: 1 }, split: 'test' };
    expect(withSplit(row, 'train')).toEqual({ ...row, split: 'train' });
    expect(withSplit(row, undefined)).toEqual({ key: 'k', text: 't', label: 'a', meta: { n: 1 } });
    expect('split' in withSplit(row, undefined)).toBe(false);
    expect(row.split).toBe('test');
  });
});
