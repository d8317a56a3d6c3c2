import { describe, expect, it } from 'vitest';
import { compareOnRows } from '$lib/core/loop/challengerEval';

/** Eight rows; the references are scikit-learn 1.2 (accuracy_score, f1_score average="macro", precision_recall_fscore_support). */
const TRUTH = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c'];
const CHAMPION = ['a', 'a', 'b', 'b', 'a', 'c', 'c', 'a'];
const CHALLENGER = ['a', 'a', 'a', 'b', 'b', 'c', 'b', 'c'];
const rows = TRUTH.map((label, i) => ({ label, meta: { channel: i < 4 ? 'email' : 'chat' } }));
const slices = [
  { id: 's-email', name: 'Email', where: [{ column: 'channel', op: '=' as const, value: 'email' }] },
  { id: 's-chat', name: 'Chat', where: [{ column: 'channel', op: '=' as const, value: 'chat' }] },
];

describe('compareOnRows', () => {
  it('scores both models on the same rows and counts the rows only one of them gets right', () => {
    const result = compareOnRows({ rows, champion: CHAMPION, challenger: CHALLENGER, slices });
    expect(result.n).toBe(8);
    expect([result.bothRight, result.mcnemar.b, result.mcnemar.c, result.bothWrong]).toEqual([4, 1, 3, 0]);
    expect(result.mcnemar.pValue).toBe(0.625);
    expect(result.mcnemar.significant).toBe(false);
    expect(result.champion.accuracy).toBe(0.625);
    expect(result.champion.macroF1).toBeCloseTo(0.6238095238095239, 12);
    expect(result.challenger.accuracy).toBe(0.875);
    expect(result.challenger.macroF1).toBeCloseTo(0.8666666666666667, 12);
    expect(result.champion.perClass.map((c) => c.label)).toEqual(['a', 'b', 'c']);
    expect(result.champion.perClass[0]).toMatchObject({ precision: 0.5, support: 3 });
    expect(result.champion.perClass[0].recall).toBeCloseTo(2 / 3, 12);
    expect(result.challenger.perClass[1]).toMatchObject({ label: 'b', recall: 1, support: 2 });
    expect(result.challenger.perClass[1].precision).toBeCloseTo(2 / 3, 12);
    expect(result.challenger.perClass[1].f1).toBeCloseTo(0.8, 12);
    expect(result.perSlice).toEqual([
      { sliceId: 's-email', name: 'Email', n: 4, champion: expect.objectContaining({ accuracy: 0.75 }), challenger: expect.objectContaining({ accuracy: 1 }) },
      { sliceId: 's-chat', name: 'Chat', n: 4, champion: expect.objectContaining({ accuracy: 0.5 }), challenger: expect.objectContaining({ accuracy: 0.75 }) },
    ]);
  });

  it('lists a class only one model predicts for both, so the tables line up', () => {
    const result = compareOnRows({ rows: [{ label: 'a', meta: {} }, { label: 'b', meta: {} }], champion: ['a', 'z'], challenger: ['a', 'b'] });
    expect(result.champion.perClass.map((c) => c.label)).toEqual(['a', 'b', 'z']);
    expect(result.challenger.perClass.map((c) => c.label)).toEqual(['a', 'b', 'z']);
    expect([result.mcnemar.b, result.mcnemar.c]).toEqual([0, 1]);
  });

  it('refuses predictions that do not cover the same rows, or unlabelled rows', () => {
    expect(() => compareOnRows({ rows, champion: CHAMPION.slice(1), challenger: CHALLENGER })).toThrow(/predict every row/);
    expect(() => compareOnRows({ rows: [{ label: null, meta: {} }], champion: ['a'], challenger: ['a'] })).toThrow(/labelled/);
  });
});
