import { describe, expect, it } from 'vitest';
import type { DataRow, SplitName } from '$lib/core/data/dataset';
import { DatasetState } from '$lib/core/data/datasetState';
import { findLeakage } from '$lib/core/data/leakage';
import { leakageFixAction, leakageFixCounts, leakageFixDelta, leakageFixMessage } from '$lib/core/data/leakageFix';

const row = (key: string, text: string, split?: SplitName, label: string | null = 'a'): DataRow => ({ key, text, label, meta: { n: key }, ...(split ? { split } : {}) });
const SPLIT = { seed: 's', method: 'stratified' as const, ratios: [0.7, 0.15, 0.15] as [number, number, number], counts: { train: 0, validation: 0, test: 0 } };

const rows = [
  row('t1', 'Refund please', 'train'),
  row('x1', '  REFUND   please ', 'test'), // same text once normalised: moves to train
  row('v1', 'Where is my invoice', 'validation'),
  row('x2', 'where is my invoice', 'test'), // no train copy: moves to validation
  row('x3', 'The app crashes', 'test'),
  row('v2', 'the app crashes', 'validation', 'b'),
  row('t2', 'The app crashes', 'train'), // a train copy, listed last: the group still goes to train
  row('u1', 'Refund please'), // no split: stays without one
  row('c1', 'Clean text', 'test'),
  row('c2', 'Same split twice', 'test'),
  row('c3', 'same split twice', 'test'),
];

describe('leakageFixDelta', () => {
  const state = new DatasetState(rows);
  const change = leakageFixDelta(state, SPLIT);
  const after = state.clone();
  after.apply(change.delta);
  const splitOf = (key: string) => after.get(key)?.split;

  it('gathers each group of rows sharing a normalised text in train when any copy is in train, else in validation', () => {
    expect(Object.fromEntries(change.delta.upserts.map((r) => [r.key, r.split]))).toEqual({ x1: 'train', x2: 'validation', x3: 'train', v2: 'train' });
    expect(change.delta.removedKeys).toEqual([]);
    expect(findLeakage(after.rows)).toEqual({ groups: [], affectedRows: 0 });
  });

  it('changes nothing but the split of the moved rows, and leaves rows outside a leaking group and rows without a split as they were', () => {
    for (const moved of change.delta.upserts) expect({ ...moved, split: undefined }).toEqual({ ...state.get(moved.key), split: undefined });
    for (const key of ['t1', 'v1', 't2', 'c1', 'c2', 'c3']) expect(after.get(key)).toBe(state.get(key));
    expect(after.get('u1')).toBe(state.get('u1'));
    expect(splitOf('u1')).toBeUndefined();
    expect(after.size).toBe(state.size);
  });

  it('records a split change named by what moved, keeping the split record with its counts brought up to date', () => {
    expect(change.change).toBe('split');
    expect(change.message).toBe('Moved 3 rows whose text repeats a training row into train and 1 row whose text repeats a validation row into validation.');
    expect(change.split).toEqual({ ...SPLIT, counts: { train: 5, validation: 2, test: 3 } });
  });

  it('refuses when no text is shared between splits, naming why', () => {
    const clean = new DatasetState([row('a', 'One', 'train'), row('b', 'Two', 'test'), row('c', 'one')]);
    expect(() => leakageFixDelta(clean, SPLIT)).toThrow('No text is shared between splits, so there is nothing to move.');
  });
});

describe('the fix in words', () => {
  const tickets = { singular: 'ticket', plural: 'tickets' };

  it('counts the rows it moves into each split from the leakage groups', () => {
    expect(leakageFixCounts(findLeakage(rows).groups)).toEqual({ train: 3, validation: 1, test: 0 });
    expect(leakageFixCounts([])).toEqual({ train: 0, validation: 0, test: 0 });
  });

  it('names the action with the project\'s word for a row, and the version with what moved', () => {
    expect(leakageFixAction({ train: 3, validation: 0, test: 0 }, tickets)).toBe('Move 3 repeated tickets to train in a new version');
    expect(leakageFixAction({ train: 1, validation: 0, test: 0 }, tickets)).toBe('Move 1 repeated ticket to train in a new version');
    expect(leakageFixAction({ train: 2, validation: 1, test: 0 }, { singular: 'e-mail', plural: 'e-mails' })).toBe('Move 2 repeated e-mails to train and 1 to validation in a new version');
    expect(leakageFixAction({ train: 0, validation: 2, test: 0 }, tickets)).toBe('Move 2 repeated tickets to validation in a new version');
    expect(leakageFixMessage({ train: 1, validation: 0, test: 0 })).toBe('Moved 1 row whose text repeats a training row into train.');
  });
});
