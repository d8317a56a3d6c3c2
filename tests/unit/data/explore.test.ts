import { describe, it, expect } from 'vitest';
import {
  CHAR_BIN_EDGES,
  exploreDataset,
  NUMBER_BIN_COUNT,
  codePointLength,
  metaDistribution,
  quantile,
  textLengthByClass,
  topTermsByClass,
} from '$lib/core/data/explore';
import type { DataRow } from '$lib/core/data/dataset';

describe('quantile', () => {
  it('interpolates linearly between ranks, like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('codePointLength', () => {
  it('counts an emoji once', () => {
    expect(codePointLength('a👍b')).toBe(3);
    expect(codePointLength('café')).toBe(4);
    expect(codePointLength('')).toBe(0);
  });
});

describe('textLengthByClass', () => {
  const report = textLengthByClass([
    { text: 'hello world', label: 'A' }, // 11 chars, 2 tokens
    { text: 'hi', label: 'A' }, // 2 chars, 1 token
    { text: 'x'.repeat(30), label: 'B' }, // 30 chars, 1 token
    { text: 'I am', label: null }, // 4 chars, 1 token ("i" is too short)
  ]);

  it('summarizes characters and tokens per class, unlabelled last', () => {
    expect(report.classes.map((c) => [c.label, c.count])).toEqual([['A', 2], ['B', 1], [null, 1]]);
    const a = report.classes[0];
    expect(a.chars).toMatchObject({ mean: 6.5, median: 6.5 });
    expect(a.chars.p90).toBeCloseTo(10.1, 12);
    expect(a.tokens).toMatchObject({ mean: 1.5, median: 1.5 });
    expect(report.all.count).toBe(4);
    expect(report.all.chars.mean).toBe(11.75);
  });

  it('fills the documented fixed bins', () => {
    expect(report.charBinEdges).toBe(CHAR_BIN_EDGES);
    expect(report.classes[0].chars.histogram).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.classes[1].chars.histogram).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const long = textLengthByClass([{ text: 'word '.repeat(1000), label: 'L' }]).classes[0];
    expect(long.chars.histogram.at(-1)).toBe(1); // 5,000 chars: the open-ended last bin
    expect(long.tokens.histogram).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('topTermsByClass', () => {
  it('computes log-odds with an informative Dirichlet prior (worked example)', () => {
    // A: apple×3 banana×1 (4 tokens); B: banana×2 cherry×2 (4 tokens); α₀ = 8 so α_w = count_w.
    // apple in A: δ = ln(6/6) − ln(3/9) = ln 3, var = 1/6 + 1/3, z = 1.5537.
    // banana in A: δ = ln(4/8) − ln(5/7) = −0.3567, var = 1/4 + 1/5, z = −0.5317.
    // cherry in B: δ = ln(4/8) − ln(2/10) = 0.9163, var = 1/4 + 1/2, z = 1.0580.
    const terms = topTermsByClass(
      [
        { text: 'apple apple', label: 'A' },
        { text: 'apple banana', label: 'A' },
        { text: 'banana banana cherry cherry', label: 'B' },
        { text: 'apple apple apple apple', label: null },
      ],
      { minCount: 1, priorStrength: 8, stopWords: false },
    );
    expect(terms.map((c) => [c.label, c.tokens])).toEqual([['A', 4], ['B', 4]]);
    const [a, b] = terms;
    expect(a.terms.map((t) => t.term)).toEqual(['apple', 'banana']);
    expect(a.terms[0].logOdds).toBeCloseTo(Math.log(3), 10);
    expect(a.terms[0].zScore).toBeCloseTo(1.5537, 4);
    expect(a.terms[0].count).toBe(3);
    expect(a.terms[1].logOdds).toBeCloseTo(-0.3567, 4);
    expect(a.terms[1].zScore).toBeCloseTo(-0.5317, 4);
    expect(b.terms.map((t) => t.term)).toEqual(['cherry', 'banana']);
    expect(b.terms[0].logOdds).toBeCloseTo(0.9163, 4);
    expect(b.terms[0].zScore).toBeCloseTo(1.058, 3);
    expect(b.terms[1].zScore).toBeCloseTo(0.5317, 4);
  });

  it('finds the words that set each class apart, without stop words, honouring k and minCount', () => {
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => ({ text: `The invoice was charged twice ${i % 2 ? 'refund' : ''}`, label: 'Billing' })),
      ...Array.from({ length: 20 }, (_, i) => ({ text: `The app shows an error ${i % 2 ? 'crash' : ''} twice`, label: 'Technical' })),
      { text: 'rareword rareword', label: 'Billing' },
    ];
    const [billing, technical] = topTermsByClass(rows, { k: 3 });
    // Equal counts give equal scores; ties go alphabetically. 'twice' is in both classes.
    expect(billing.terms.map((t) => t.term)).toEqual(['charged', 'invoice', 'refund']);
    expect(technical.terms.map((t) => t.term)).toEqual(['app', 'error', 'shows']);
    const all = topTermsByClass(rows, { k: 100 })[0].terms.map((t) => t.term);
    expect(all).not.toContain('the'); // a stop word
    expect(all).not.toContain('rareword'); // 2 < minCount 3
    expect(topTermsByClass(rows, { k: 100, minCount: 2 })[0].terms.map((t) => t.term)).toContain('rareword');
    expect(topTermsByClass(rows, { k: 100, stopWords: false })[0].terms.map((t) => t.term)).toContain('the');
  });
});

describe('metaDistribution', () => {
  it('counts category values: top 20, the rest as other, missing apart', () => {
    const rows: Pick<DataRow, 'meta'>[] = [
      ...Array.from({ length: 25 }, (_, i) => ({ meta: { c: `v${String(i).padStart(2, '0')}` } })),
      { meta: { c: 'v00' } },
      { meta: { c: 'v24' } },
      { meta: { c: null } },
      { meta: {} },
      { meta: { c: '' } },
    ];
    const d = metaDistribution(rows, { name: 'c', type: 'category' });
    if (d.kind !== 'category') throw new Error(d.kind);
    expect(d.values).toHaveLength(20);
    expect(d.values.slice(0, 3)).toEqual([{ value: 'v00', count: 2 }, { value: 'v24', count: 2 }, { value: 'v01', count: 1 }]);
    expect(d.other).toEqual({ count: 5, distinct: 5 });
    expect(d).toMatchObject({ distinct: 25, missing: 3 });
  });

  it('bins numbers in 20 equal-width bins between min and max', () => {
    const d = metaDistribution(
      [{ meta: { n: 0 } }, { meta: { n: 10 } }, { meta: { n: 5 } }, { meta: { n: 4.9 } }, { meta: { n: null } }, { meta: { n: 'x' } }],
      { name: 'n', type: 'number' },
    );
    if (d.kind !== 'number') throw new Error(d.kind);
    expect(d).toMatchObject({ count: 4, missing: 2, min: 0, max: 10 });
    expect(d.mean).toBeCloseTo(4.975, 12);
    expect(d.bins).toHaveLength(NUMBER_BIN_COUNT);
    expect(d.bins[0]).toEqual({ x0: 0, x1: 0.5, count: 1 });
    expect(d.bins[9].count).toBe(1); // 4.9 in [4.5, 5)
    expect(d.bins[10].count).toBe(1); // 5 in [5, 5.5)
    expect(d.bins[19]).toEqual({ x0: 9.5, x1: 10, count: 1 }); // max goes in the last bin
    const single = metaDistribution([{ meta: { n: 3 } }, { meta: { n: 3 } }], { name: 'n', type: 'number' });
    expect(single.kind === 'number' && single.bins).toEqual([{ x0: 3, x1: 3, count: 2 }]);
  });

  it('counts dates per day with empty days filled', () => {
    const d = metaDistribution(
      [
        { meta: { t: '2026-01-05T10:00:00Z' } },
        { meta: { t: '2026-01-05T23:59:59Z' } },
        { meta: { t: '2026-01-07T00:00:00Z' } },
        { meta: { t: 'not a date' } },
      ],
      { name: 't', type: 'date' },
    );
    expect(d).toEqual({
      kind: 'date',
      column: 't',
      granularity: 'day',
      count: 3,
      missing: 1,
      min: '2026-01-05T10:00:00.000Z',
      max: '2026-01-07T00:00:00.000Z',
      buckets: [
        { start: '2026-01-05', count: 2 },
        { start: '2026-01-06', count: 0 },
        { start: '2026-01-07', count: 1 },
      ],
    });
  });

  it('counts long spans per ISO week starting on Monday', () => {
    // 2026-01-05 and 2026-04-13 are Mondays, 2026-01-11 a Sunday; 98 days apart.
    const d = metaDistribution(
      [{ meta: { t: '2026-01-11T12:00:00Z' } }, { meta: { t: '2026-01-05T00:00:00Z' } }, { meta: { t: '2026-04-13T08:00:00Z' } }],
      { name: 't', type: 'date' },
    );
    if (d.kind !== 'date') throw new Error(d.kind);
    expect(d.granularity).toBe('week');
    expect(d.buckets).toHaveLength(15);
    expect(d.buckets[0]).toEqual({ start: '2026-01-05', count: 2 });
    expect(d.buckets[1]).toEqual({ start: '2026-01-12', count: 0 });
    expect(d.buckets[14]).toEqual({ start: '2026-04-13', count: 1 });
  });
});

describe('exploreDataset', () => {
  it('summarises lengths and terms, and one distribution per category, number and date column except the timestamp', () => {
    const rows: DataRow[] = [
      { key: 'a', text: 'printer jams again', label: 'hw', timestamp: '2026-01-01T00:00:00.000Z', meta: { site: 'north', score: 3, opened: '2025-12-30T00:00:00.000Z', note: 'x' } },
      { key: 'b', text: 'password reset please', label: 'sw', timestamp: '2026-01-02T00:00:00.000Z', meta: { site: 'south', score: 5, opened: '2025-12-31T00:00:00.000Z', note: 'y' } },
    ];
    const schema = [
      { name: 'body', type: 'text' as const },
      { name: 'created', type: 'date' as const },
      { name: 'site', type: 'category' as const },
      { name: 'score', type: 'number' as const },
      { name: 'opened', type: 'date' as const },
      { name: 'note', type: 'text' as const },
    ];
    const report = exploreDataset(rows, schema);
    expect(report.meta.map((m) => [m.column, m.kind])).toEqual([['site', 'category'], ['score', 'number'], ['opened', 'date']]);
    expect(report.lengths).toEqual(textLengthByClass(rows));
    expect(report.terms).toEqual(topTermsByClass(rows, { k: 12 }));
  });
});
