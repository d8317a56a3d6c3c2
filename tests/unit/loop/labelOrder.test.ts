import { describe, expect, it } from 'vitest';
import { disagrees, orderQueue, queueCandidate, rowScore, scoringModel, type QueueCandidate, type RowScore } from '$lib/core/loop/labelOrder';
import type { DataRow } from '$lib/core/data/dataset';

const CLASSES = ['Billing', 'General Inquiry', 'Technical Issue'];
const unlabelled = (key: string): QueueCandidate => ({ key, label: null, source: null, reviewed: false });
const feedback = (key: string, label: string, reviewed = false): QueueCandidate => ({ key, label, source: 'feedback', reviewed });
const scores = (entries: [string, number[]][]) => new Map<string, RowScore>(entries.map(([k, p]) => [k, rowScore(CLASSES, p)]));

describe('rowScore', () => {
  it('gives the top class, its probability and the margin to the second', () => {
    const s = rowScore(CLASSES, [0.2, 0.5, 0.3]);
    expect(s.predicted).toBe('General Inquiry');
    expect(s.confidence).toBeCloseTo(0.5, 12);
    expect(s.margin).toBeCloseTo(0.2, 12);
    // The second may come before the top in class order, and two equal tops have margin 0 (the first wins).
    expect(rowScore(CLASSES, [0.45, 0.1, 0.45])).toMatchObject({ predicted: 'Billing', margin: 0 });
    expect(rowScore(CLASSES, [0.1, 0.3, 0.6]).margin).toBeCloseTo(0.3, 12);
  });

  it('takes the only class’s probability as the margin of a one-class model, and refuses mismatched lengths', () => {
    expect(rowScore(['Billing'], [1])).toEqual({ predicted: 'Billing', confidence: 1, margin: 1 });
    expect(() => rowScore(CLASSES, [0.5, 0.5])).toThrow(/2 probabilities for 3 classes/);
    expect(() => rowScore([], [])).toThrow();
  });
});

describe('orderQueue, most uncertain first', () => {
  it('puts the lowest margin first, breaks ties by key, leaves labelled rows out and rows without a score last', () => {
    const candidates = [unlabelled('d'), unlabelled('b'), feedback('f', 'Billing'), unlabelled('a'), unlabelled('z'), unlabelled('c'), unlabelled('y')];
    const s = scores([
      ['d', [0.4, 0.35, 0.25]], // margin 0.05
      ['b', [0.9, 0.05, 0.05]], // 0.85
      ['a', [0.35, 0.4, 0.25]], // 0.05 (tie with d: key a first)
      ['c', [0.5, 0.3, 0.2]], // 0.2
      ['f', [0.34, 0.33, 0.33]], // labelled: not in this order
    ]);
    expect(orderQueue('uncertain', candidates, s)).toEqual(['a', 'd', 'c', 'b', 'y', 'z']);
  });

  it('keeps the stored order of unlabelled rows when asked to', () => {
    const candidates = [unlabelled('d'), feedback('f', 'Billing'), unlabelled('a')];
    expect(orderQueue('stored', candidates, scores([['a', [0.4, 0.3, 0.3]]]))).toEqual(['d', 'a']);
  });

  it('orders a one-class model’s rows by key alone (every margin is 1)', () => {
    const one = new Map([['q', rowScore(['x'], [1])], ['p', rowScore(['x'], [1])]]);
    expect(orderQueue('uncertain', [unlabelled('q'), unlabelled('p')], one)).toEqual(['p', 'q']);
  });
});

describe('orderQueue, model disagrees with feedback first', () => {
  it('offers feedback rows the model labels otherwise, its most confident disagreements first, ties by key', () => {
    const candidates = [
      feedback('agree', 'Billing'),
      feedback('m1', 'Billing'),
      feedback('m2', 'General Inquiry'),
      feedback('m0', 'Billing'),
      feedback('seen', 'Billing', true),
      feedback('noscore', 'Billing'),
      unlabelled('u'),
      { key: 'app', label: 'Billing', source: 'labelled in app', reviewed: false },
    ];
    const s = scores([
      ['agree', [0.8, 0.1, 0.1]],
      ['m1', [0.1, 0.2, 0.7]], // disagrees at 0.7
      ['m2', [0.05, 0.05, 0.9]], // at 0.9
      ['m0', [0.1, 0.2, 0.7]], // at 0.7, key m0 before m1
      ['seen', [0.0, 0.0, 1.0]], // a person re-checked it already
      ['u', [0.0, 0.0, 1.0]],
      ['app', [0.0, 0.0, 1.0]],
    ]);
    expect(orderQueue('disagreement', candidates, s)).toEqual(['m2', 'm0', 'm1']);
    expect(disagrees(feedback('x', 'Billing'), undefined)).toBe(false);
  });
});

describe('queueCandidate', () => {
  const row = (label: string | null, source?: string): Pick<DataRow, 'key' | 'label' | 'meta'> => ({ key: 'k', label, meta: source ? { source } : {} });
  it('takes unlabelled rows and feedback rows, not other labelled rows', () => {
    expect(queueCandidate(row(null), false)).toEqual({ key: 'k', label: null, source: null, reviewed: false });
    expect(queueCandidate(row('Billing', 'feedback'), true)).toEqual({ key: 'k', label: 'Billing', source: 'feedback', reviewed: true });
    expect(queueCandidate(row('Billing', 'labelled in app'), false)).toBeNull();
    expect(queueCandidate(row('Billing'), false)).toBeNull();
  });
});

describe('scoringModel', () => {
  const v = (runId: string, version: number, createdAt: string, aliases: string[] = [], archived = false) => ({ runId, modelName: 'Router', version, aliases, archived, createdAt });
  it('asks the champion, else the newest registered version, else the newest run', () => {
    const runs = [{ id: 'r1', number: 1 }, { id: 'r3', number: 3 }, { id: 'r2', number: 2 }];
    expect(scoringModel([v('r1', 1, '2026-01-01', ['champion']), v('r2', 2, '2026-02-01')], runs)).toEqual({ runId: 'r1', name: 'Router v1', why: 'champion' });
    expect(scoringModel([v('r1', 1, '2026-01-01'), v('r2', 2, '2026-02-01'), v('r3', 3, '2026-03-01', [], true)], runs)).toEqual({ runId: 'r2', name: 'Router v2', why: 'newest registered version' });
    expect(scoringModel([], runs)).toEqual({ runId: 'r3', name: 'run 3', why: 'newest run' });
    expect(scoringModel([], [])).toBeNull();
  });
});
