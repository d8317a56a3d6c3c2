import { describe, it, expect } from 'vitest';
import {
  DEFAULT_SPLIT_RATIOS,
  allocateCounts,
  splitCounts,
  stratifiedSplit,
  timeSplit,
  countUndated,
  validateRatios,
} from '$lib/core/data/split';
import type { SplitName } from '$lib/core/data/dataset';
import { createRng, shuffleInPlace } from '$lib/core/random';

type Row = { key: string; label: string | null };

function makeRows(sizes: Record<string, number>, unlabelled = 0): Row[] {
  const rows: Row[] = [];
  for (const [label, n] of Object.entries(sizes)) for (let i = 0; i < n; i++) rows.push({ key: `${label}-${i}`, label });
  for (let i = 0; i < unlabelled; i++) rows.push({ key: `u-${i}`, label: null });
  return rows;
}

function countsOf(rows: readonly Row[], splits: readonly SplitName[], label: string | null): number[] {
  const c = { train: 0, validation: 0, test: 0 };
  rows.forEach((r, i) => {
    if (r.label === label) c[splits[i]]++;
  });
  return [c.train, c.validation, c.test];
}

function byKey(rows: readonly Row[], splits: readonly SplitName[]): Record<string, SplitName> {
  return Object.fromEntries(rows.map((r, i) => [r.key, splits[i]]));
}

describe('validateRatios', () => {
  it('accepts ratios that sum to 1, including an empty validation or test split', () => {
    expect(validateRatios(DEFAULT_SPLIT_RATIOS)).toEqual([]);
    expect(validateRatios([0.8, 0.2, 0])).toEqual([]);
    expect(validateRatios([0.33, 0.33, 0.34])).toEqual([]);
    expect(validateRatios([0.7, 0.15, 0.15 + 5e-10])).toEqual([]);
  });

  it('names each problem', () => {
    expect(validateRatios([0.5, 0.5])).toEqual(['Give three ratios (train, validation, test), not 2.']);
    expect(validateRatios([0.7, 0.2, 0.2])).toEqual(['The ratios must add up to 1 (they add up to 1.1).']);
    expect(validateRatios([1.1, -0.1, 0])).toEqual([
      'The train ratio must lie between 0 and 1 (got 1.1).',
      'The validation ratio must lie between 0 and 1 (got -0.1).',
    ]);
    expect(validateRatios([Number.NaN, 0.5, 0.5])).toEqual(['The train ratio must be a number.']);
    expect(validateRatios([0, 0.5, 0.5])).toEqual(['The train ratio must be above 0.']);
  });
});

describe('allocateCounts', () => {
  it('gives leftover rows to the largest remainders, ties to the earlier split', () => {
    expect(allocateCounts(100, [0.7, 0.15, 0.15])).toEqual([70, 15, 15]);
    expect(allocateCounts(10, [0.7, 0.15, 0.15])).toEqual([7, 2, 1]);
    expect(allocateCounts(7, [0.7, 0.15, 0.15])).toEqual([5, 1, 1]);
    expect(allocateCounts(3, [1 / 3, 1 / 3, 1 / 3])).toEqual([1, 1, 1]);
    expect(allocateCounts(0, [0.7, 0.15, 0.15])).toEqual([0, 0, 0]);
    expect(allocateCounts(169, [0.7, 0.15, 0.15])).toEqual([118, 26, 25]);
  });
});

describe('stratifiedSplit', () => {
  const rows = makeRows({ Billing: 100, Technical: 50, General: 10, Rare: 3, Tiny: 2 }, 4);

  it('returns one split per row and overall counts from the largest-remainder method', () => {
    const splits = stratifiedSplit(rows, { seed: 'x' });
    expect(splits).toHaveLength(rows.length);
    const totals = { train: 0, validation: 0, test: 0 };
    for (const s of splits) totals[s]++;
    expect(Object.values(totals)).toEqual(allocateCounts(rows.length, DEFAULT_SPLIT_RATIOS));
  });

  it('keeps every class within one row of its share and puts classes of 3+ rows in every split', () => {
    // Per class: Billing 70/15/15, Technical 35/8/7, General 7/2/1, Rare 2/1/0 → 1/1/1 (minimum),
    // Tiny 1/1/0, unlabelled 3/1/0 → 2/1/1; totals 116/28/25 against 118/26/25, so two rows move
    // from validation to train: Tiny's (its smallest relative error) and Technical's (its extra
    // half row, and the least relative cost among the large classes).
    const splits = stratifiedSplit(rows, { seed: 'x' });
    expect(countsOf(rows, splits, 'Billing')).toEqual([70, 15, 15]);
    expect(countsOf(rows, splits, 'Technical')).toEqual([36, 7, 7]);
    expect(countsOf(rows, splits, 'General')).toEqual([7, 2, 1]);
    expect(countsOf(rows, splits, 'Rare')).toEqual([1, 1, 1]);
    expect(countsOf(rows, splits, null)).toEqual([2, 1, 1]);
    expect(countsOf(rows, splits, 'Tiny')).toEqual([2, 0, 0]);
  });

  it('puts every class of three or more rows in all three splits', () => {
    const many = makeRows({ A: 3, B: 3, C: 3, D: 4, E: 5, F: 200 });
    const splits = stratifiedSplit(many, { seed: 7 });
    for (const label of ['A', 'B', 'C', 'D', 'E', 'F']) expect(countsOf(many, splits, label), label).not.toContain(0);
  });

  it('gives the same assignment whatever the input order', () => {
    const first = byKey(rows, stratifiedSplit(rows, { seed: 42 }));
    const shuffled = shuffleInPlace(createRng('order'), [...rows]);
    expect(byKey(shuffled, stratifiedSplit(shuffled, { seed: 42 }))).toEqual(first);
  });

  it('changes with the seed', () => {
    const a = byKey(rows, stratifiedSplit(rows, { seed: 1 }));
    const b = byKey(rows, stratifiedSplit(rows, { seed: 2 }));
    expect(a).not.toEqual(b);
  });

  it('shuffles within a class instead of cutting it in key order', () => {
    const splits = byKey(rows, stratifiedSplit(rows, { seed: 'x' }));
    const firstSeventy = Array.from({ length: 70 }, (_, i) => splits[`Billing-${i}`]);
    expect(firstSeventy.some((s) => s !== 'train')).toBe(true);
  });

  it('leaves a zero-ratio split empty', () => {
    const splits = stratifiedSplit(rows, { seed: 'x', ratios: [0.8, 0.2, 0] });
    expect(splits).not.toContain('test');
    expect(countsOf(rows, splits, 'Tiny')).toEqual([1, 1, 0]);
  });

  it('rejects bad ratios', () => {
    expect(() => stratifiedSplit(rows, { seed: 1, ratios: [0.5, 0.3, 0.3] })).toThrow(/add up to 1/);
  });
});

describe('timeSplit', () => {
  const rows = [
    { key: 'j', timestamp: '2026-01-10T00:00:00Z' },
    { key: 'a', timestamp: '2026-01-01T00:00:00Z' },
    { key: 'h', timestamp: '2026-01-08T00:00:00Z' },
    { key: 'c', timestamp: '2026-01-03T00:00:00Z' },
    { key: 'g2', timestamp: '2026-01-07T00:00:00Z' },
    { key: 'g1', timestamp: '2026-01-07T00:00:00.000Z' },
    { key: 'b', timestamp: '2026-01-02T00:00:00Z' },
    { key: 'e', timestamp: '2026-01-05T00:00:00Z' },
    { key: 'd', timestamp: '2026-01-04T00:00:00Z' },
    { key: 'i', timestamp: '2026-01-09T00:00:00Z' },
  ];

  it('puts the oldest rows in train and the newest in test, ties broken by key', () => {
    const splits = Object.fromEntries(timeSplit(rows).map((s, i) => [rows[i].key, s]));
    // 10 rows → 7 / 2 / 1; in time order: a b c d e g1 g2 | h i | j
    expect(splits).toEqual({
      a: 'train', b: 'train', c: 'train', d: 'train', e: 'train', g1: 'train', g2: 'train',
      h: 'validation', i: 'validation', j: 'test',
    });
    const cut = timeSplit(rows, [0.6, 0.2, 0.2]);
    expect(cut[rows.findIndex((r) => r.key === 'g1')]).toBe('train');
    expect(cut[rows.findIndex((r) => r.key === 'g2')]).toBe('validation');
  });

  it('refuses rows without a usable timestamp and says how many', () => {
    const broken = [...rows.slice(0, 3), { key: 'x' }, { key: 'y', timestamp: 'yesterday' }];
    expect(() => timeSplit(broken)).toThrow('2 of 5 rows');
    expect(countUndated(broken)).toBe(2);
  });

  it('leaves undated rows out of every split when asked, splitting the dated ones by time', () => {
    const withUndated = [{ key: 'x' }, ...rows, { key: 'y', timestamp: 'yesterday' }];
    const splits = timeSplit(withUndated, DEFAULT_SPLIT_RATIOS, 'leave-out');
    expect(splits[0]).toBeUndefined();
    expect(splits[11]).toBeUndefined();
    // The dated rows split exactly as they do alone: 7 / 2 / 1.
    expect(splits.slice(1, 11)).toEqual(timeSplit(rows));
    expect(splitCounts(splits, withUndated.map(() => null))).toMatchObject({ totals: { train: 7, validation: 2, test: 1 }, unassigned: 2 });
    expect(() => timeSplit([{ key: 'x' }], DEFAULT_SPLIT_RATIOS, 'leave-out')).toThrow(/No row has a timestamp/);
  });
});

describe('splitCounts', () => {
  it('counts rows per class and split, with unlabelled last and unassigned rows apart', () => {
    const counts = splitCounts(
      ['train', 'test', 'train', undefined, 'validation', 'train'],
      ['B', 'B', 'A', 'A', null, 'B'],
    );
    expect(counts).toEqual({
      classes: [
        { label: 'A', train: 1, validation: 0, test: 0, total: 2 },
        { label: 'B', train: 2, validation: 0, test: 1, total: 3 },
        { label: null, train: 0, validation: 1, test: 0, total: 1 },
      ],
      totals: { train: 3, validation: 1, test: 1 },
      unassigned: 1,
    });
  });

  it('rejects lists of different lengths', () => {
    expect(() => splitCounts(['train'], [])).toThrow(/1 assignments but 0 labels/);
  });
});
