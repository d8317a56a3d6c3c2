import { describe, expect, it } from 'vitest';
import type { DataRow, SplitName } from '$lib/core/data/dataset';
import { retrainSplit, checkRetrainSplit, trainedOnWords } from '$lib/core/loop/retrainSplit';

const row = (key: string, split: SplitName | undefined, timestamp?: string, label: string | null = 'a'): DataRow => ({
  key, text: `text ${key}`, label, meta: {}, ...(split ? { split } : {}), ...(timestamp ? { timestamp } : {}),
});
const day = (d: number) => `2026-05-${String(d).padStart(2, '0')}T10:00:00.000Z`;
const keys = (rows: readonly DataRow[]) => rows.map((r) => r.key);

/** The champion's data: 4 rows split before, one of them test. */
const OLD = [row('o1', 'train', day(1)), row('o2', 'train', day(2)), row('o3', 'validation', day(3)), row('o4', 'test', day(4))];
const CHAMPION = new Map(OLD.map((r) => [r.key, r]));

describe('retrainSplit', () => {
  it('keeps the old rows\' splits and places the new labelled rows by time: oldest train, then validation, the newest share as the holdout', () => {
    // Ten new rows stored out of time order; n9 is the newest, n0 the oldest.
    const fresh = [5, 2, 9, 0, 7, 1, 8, 3, 6, 4].map((d) => row(`n${d}`, undefined, day(10 + d)));
    const split = retrainSplit([...OLD, ...fresh], CHAMPION, { holdoutShare: 0.2, validationShare: 0.1 });
    expect(split.assignedCounts).toEqual({ train: 7, validation: 1, test: 2 });
    expect(split.order).toBe('time');
    const placed = Object.fromEntries(split.assigned.map((r) => [r.key, r.split]));
    expect(placed).toEqual({ n0: 'train', n1: 'train', n2: 'train', n3: 'train', n4: 'train', n5: 'train', n6: 'train', n7: 'validation', n8: 'test', n9: 'test' });
    expect(keys(split.originalTest)).toEqual(['o4']);
    expect(keys(split.recentHoldout).sort()).toEqual(['n8', 'n9']);
    expect(keys(split.train)).toEqual(['o1', 'o2', 'n5', 'n2', 'n0', 'n1', 'n3', 'n6', 'n4']);
    expect(keys(split.test)).toEqual(['o4', 'n9', 'n8']);
    expect([split.newRows, split.newLabelled, split.unlabelled]).toEqual([10, 10, 0]);
    expect(split.words).toBe('10 rows without a split assigned by time: 7 train, 1 validation, 2 test (the newest 20 %, the recent production holdout); rows that had a split keep it');
  });

  it('breaks ties in time by key, so the same rows always split the same way', () => {
    const same = ['t3', 't1', 't4', 't2', 't0'].map((k) => row(k, undefined, day(20)));
    const split = retrainSplit([...OLD, ...same], CHAMPION, { holdoutShare: 0.4, validationShare: 0 });
    expect(Object.fromEntries(split.assigned.map((r) => [r.key, r.split]))).toEqual({ t0: 'train', t1: 'train', t2: 'train', t3: 'test', t4: 'test' });
  });

  it('falls back to the order rows were added when some have no timestamp, and says so', () => {
    const fresh = [row('x1', undefined, day(25)), row('x2', undefined), row('x3', undefined, day(21)), row('x4', undefined, day(22)), row('x5', undefined)];
    const split = retrainSplit([...OLD, ...fresh], CHAMPION, { holdoutShare: 0.2, validationShare: 0.2 });
    expect(split.order).toBe('added');
    expect(split.assigned.map((r) => [r.key, r.split])).toEqual([['x1', 'train'], ['x2', 'train'], ['x3', 'train'], ['x4', 'validation'], ['x5', 'test']]);
    expect(split.words).toContain('by the order they were added (not all of them have a timestamp)');
  });

  it('leaves unlabelled rows out of every split and counts them; new rows that already have a split keep it and count in the holdout', () => {
    const rows = [...OLD, row('u1', undefined, day(30), null), row('s1', 'test', day(12)), row('s2', 'train', day(13)), row('n1', undefined, day(14))];
    const split = retrainSplit(rows, CHAMPION, { holdoutShare: 0.5, validationShare: 0 });
    expect(split.assigned.map((r) => [r.key, r.split])).toEqual([['n1', 'train']]);
    expect([split.newRows, split.newLabelled, split.unlabelled]).toEqual([4, 3, 1]);
    expect(split.counts).toEqual({ train: 4, validation: 1, test: 2 });
    expect(keys(split.recentHoldout)).toEqual(['s1']);
    expect([...split.train, ...split.validation, ...split.test].some((r) => r.key === 'u1')).toBe(false);
    expect(split.words).toContain('1 row without a label left out (they stay for labelling)');
  });

  it('tells the two test parts apart by the champion\'s data, so placing the rows in an earlier step changes neither', () => {
    // u0 was in the champion's data without a label (so without a split); it was labelled since.
    const champion = new Map([...OLD, row('u0', undefined, day(5), null)].map((r) => [r.key, r]));
    const rows = [...OLD, row('u0', undefined, day(19)), ...[0, 1, 2].map((d) => row(`n${d}`, undefined, day(10 + d)))];
    const placing = retrainSplit(rows, champion, { holdoutShare: 0.5, validationShare: 0 });
    expect(placing.assigned.map((r) => [r.key, r.split])).toEqual([['u0', 'test'], ['n0', 'train'], ['n1', 'train'], ['n2', 'test']]);
    expect(placing.unsplitLabelled).toBe(4);
    const placed = new Map(placing.assigned.map((r) => [r.key, r]));
    const retraining = retrainSplit(rows.map((r) => placed.get(r.key) ?? r), champion, { holdoutShare: 0.5, validationShare: 0 });
    expect(retraining.assigned).toEqual([]);
    expect(retraining.unsplitLabelled).toBe(0);
    for (const split of [placing, retraining]) {
      expect(keys(split.originalTest)).toEqual(['o4']);
      expect(keys(split.recentHoldout)).toEqual(['u0', 'n2']);
    }
    // A row the champion trained on, moved to test since (a re-split), judges neither model.
    const moved = retrainSplit([{ ...OLD[0], split: 'test' }, ...OLD.slice(1)], CHAMPION);
    expect([keys(moved.originalTest), keys(moved.recentHoldout)]).toEqual([['o4'], []]);
    expect(trainedOnWords(5, retraining)).toBe('dataset v5 as it is — 4 train, 1 validation; judged on 1 row of the original test split and 2 rows of the recent production holdout');
  });

  it('assigns nothing when every labelled row has a split, and refuses shares that leave nothing to train on', () => {
    const split = retrainSplit(OLD, CHAMPION);
    expect(split.assigned).toEqual([]);
    expect(split.newRows).toBe(0);
    expect(split.words).toBe('Every labelled row already had a split and keeps it');
    expect(checkRetrainSplit({ holdoutShare: 0.6, validationShare: 0.4 })).toEqual(['The holdout and validation shares must leave some rows to train on.']);
    expect(() => retrainSplit(OLD, CHAMPION, { holdoutShare: 0, validationShare: 0.1 })).toThrow(/holdout share/);
  });
});
