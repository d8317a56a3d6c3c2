import { describe, it, expect } from 'vitest';
import { chiSquareCritical99, classImbalance, classMixBySlice } from '$lib/core/data/bias';
import type { DataRow } from '$lib/core/data/dataset';

describe('classImbalance', () => {
  it('flags a small class and a ratio above 3:1', () => {
    expect(classImbalance({ Technical: 250, Billing: 700, General: 50 })).toEqual({
      classes: 3,
      total: 1000,
      majority: { label: 'Billing', count: 700 },
      minority: { label: 'General', count: 50 },
      ratio: 14,
      minorityShare: 0.05,
      warnings: [
        'General is 5.0 % of labelled rows (under 10.0 %): check its recall, not just accuracy.',
        'Billing has 14.0× as many examples as General (over 3:1): consider class weights, resampling or more General examples.',
      ],
    });
  });

  it('says nothing about a balanced set', () => {
    expect(classImbalance({ A: 100, B: 100, C: 100 })).toMatchObject({ ratio: 1, minorityShare: 1 / 3, warnings: [] });
    // exactly 3:1 and exactly 10 % are still fine
    expect(classImbalance({ A: 100, B: 300, C: 300, D: 300 }).warnings).toEqual([]);
    expect(classImbalance({ A: 99, B: 300, C: 300, D: 301 }).warnings).toHaveLength(2);
  });

  it('warns about classes with too few examples, empty classes and a single class', () => {
    expect(classImbalance({ A: 20, B: 25 }).warnings).toEqual([
      'A has only 20 examples (under 30): its precision and recall will be noisy.',
      'B has only 25 examples (under 30): its precision and recall will be noisy.',
    ]);
    expect(classImbalance({ A: 40, B: 0 })).toMatchObject({
      classes: 1,
      ratio: 1,
      warnings: ['B has no labelled examples.', 'Only A has examples; a classifier needs at least two classes.'],
    });
    expect(classImbalance({})).toMatchObject({ classes: 0, ratio: null, minorityShare: null, warnings: ['No labelled rows yet.'] });
  });
});

describe('chiSquareCritical99', () => {
  it('is within 1 % of the table values', () => {
    for (const [dof, table] of [[1, 6.635], [2, 9.21], [3, 11.345], [10, 23.209], [30, 50.892]]) {
      expect(Math.abs(chiSquareCritical99(dof) / table - 1), `dof ${dof}`).toBeLessThan(0.01);
    }
  });
});

describe('classMixBySlice', () => {
  function rows(value: string, a: number, b: number): Pick<DataRow, 'label' | 'meta' | 'split'>[] {
    return [
      ...Array.from({ length: a }, () => ({ label: 'A', meta: { channel: value }, split: 'train' as const })),
      ...Array.from({ length: b }, () => ({ label: 'B', meta: { channel: value }, split: 'test' as const })),
    ];
  }
  const data = [
    ...rows('email', 70, 30),
    ...rows('chat', 30, 70),
    ...rows('web', 210, 90),
    ...rows('phone', 0, 10),
    { label: null, meta: { channel: 'email' } },
  ];
  const report = classMixBySlice(data, 'channel');

  it('compares each value with the overall mix', () => {
    // Overall: A 310, B 200 of 510.
    expect(report.classes).toEqual(['A', 'B']);
    expect(report.overallShares[0]).toBeCloseTo(310 / 510, 12);
    expect(report.unlabelled).toBe(1);
    expect(report.segments.map((s) => [s.value, s.rows])).toEqual([['web', 300], ['chat', 100], ['email', 100], ['phone', 10]]);
    const chat = report.segments[1];
    expect(chat.counts).toEqual([30, 70]);
    expect(chat.shares).toEqual([0.3, 0.7]);
    expect(chat.chiSquare).toBeCloseTo(39.7565, 3);
    expect(chat.distance).toBeCloseTo(0.30784, 4);
  });

  it('flags only large, significant, big-enough deviations', () => {
    const flags = Object.fromEntries(report.segments.map((s) => [s.value, s.flagged]));
    // web: significant (χ² 10.7) but only 9 pp off; email: 9 pp, χ² 3.6; phone: far off but 10 rows.
    expect(flags).toEqual({ web: false, chat: true, email: false, phone: false });
    expect(report.segments[0].chiSquare).toBeCloseTo(10.6887, 3);
    expect(report.rule).toContain('at least 30 labelled rows');
  });

  it('works on the split column and groups missing values as null', () => {
    const bySplit = classMixBySlice(data, 'split');
    expect(bySplit.segments.map((s) => [s.value, s.counts])).toEqual([['train', [310, 0]], ['test', [0, 200]]]);
    const missing = classMixBySlice([{ label: 'A', meta: {} }, { label: 'B', meta: { channel: null } }], 'channel');
    expect(missing.segments).toHaveLength(1);
    expect(missing.segments[0]).toMatchObject({ value: null, rows: 2, counts: [1, 1] });
  });
});
