/**
 * Empty, unreadable and implausible dates in the import: each its own category with its lines,
 * and each choice (keep without a time, leave out, fix the year) doing what it says.
 */
import { describe, it, expect } from 'vitest';
import { applyDecisions, resolveDecisions, validateRecords, type AppliedDataset, type Decisions, type IssueCategory, type IssueFixes } from '$lib/core/data/validation';
import type { ColumnMapping } from '$lib/core/data/dataset';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { records } from './records';

const HEADER = ['id', 'text', 'label', 'created'];
const MAPPING: ColumnMapping = { textColumns: ['text'], labelColumn: 'label', timestampColumn: 'created', idColumn: 'id', metaTypes: {} };
const RECORDS = records([
  ['a', 'sensor 1 reads 20.5', 'ok', '2026-01-05'], // 2
  ['b', 'sensor 2 reads 21.0', 'ok', ''], // 3: empty
  ['c', 'sensor 3 reads 19.8', 'ok', '01/02/2026'], // 4: unreadable (ambiguous)
  ['d', 'sensor 4 reads 99.9', 'alarm', '0102-03-04'], // 5: year 0102
  ['e', 'sensor 5 reads 20.1', 'ok', '0102-07-08T09:10:00Z'], // 6: year 0102
  ['f', 'sensor 6 reads 22.2', 'ok', '2031-05-06'], // 7: in the future
  ['g', 'sensor 7 reads 20.0', 'ok', '1989-12-31T23:59:59Z'], // 8: just before 1990
]);
const RANGE = plausibleDateRange(1990, '2026-12-04T18:00:00.000Z');
const report = validateRecords(HEADER, RECORDS, [], MAPPING, { plausibleDates: RANGE });
const category = (c: IssueCategory) => report.categories.find((x) => x.category === c)!;
const apply = (decisions: Decisions, fixes?: IssueFixes) => applyDecisions(report, RECORDS, [], decisions, fixes);
const stampOf = (result: AppliedDataset, key: string) => result.rows.find((r) => r.key === key)?.timestamp;

describe('validateRecords: dates', () => {
  it('reports empty, unreadable and implausible dates as separate categories with their lines', () => {
    expect(category('empty-date').lines).toEqual([3]);
    expect(category('bad-date').lines).toEqual([4]);
    expect(category('implausible-date').lines).toEqual([5, 6, 7, 8]);
    expect(category('bad-date').examples[0].detail).toBe('"01/02/2026"');
    expect(category('implausible-date').examples.map((x) => x.detail)).toEqual([
      '"0102-03-04" is too early',
      '"0102-07-08T09:10:00Z" is too early',
      '"2031-05-06" is in the future',
      '"1989-12-31T23:59:59Z" is too early',
    ]);
  });

  it('groups implausible dates by year for the fix', () => {
    expect(category('implausible-date').yearGroups).toEqual([
      { year: 102, count: 2 },
      { year: 1989, count: 1 },
      { year: 2031, count: 1 },
    ]);
  });

  it('takes the bound from the options: an earlier first year and no "now" accept old and future dates', () => {
    const open = validateRecords(HEADER, RECORDS, [], MAPPING, { plausibleDates: plausibleDateRange(100, null) });
    expect(open.categories.find((c) => c.category === 'implausible-date')!.count).toBe(0);
    expect(open.plausibleDates).toEqual({ earliest: '0100-01-01T00:00:00.000Z', latest: null });
  });

  it('keeps every choice per category: keep without a time and leave out for all, fix only for implausible years', () => {
    expect(category('empty-date').actions).toEqual(['keep-without-time', 'exclude']);
    expect(category('bad-date').actions).toEqual(['keep-without-time', 'exclude']);
    expect(category('implausible-date').actions).toEqual(['keep-without-time', 'exclude', 'fix-year']);
    expect(() => resolveDecisions({ 'bad-date': 'fix-year' })).toThrow(/not allowed/);
  });
});

describe('applyDecisions: dates', () => {
  it('by default keeps every row, with no timestamp where the date is empty, unreadable or implausible', () => {
    const result = apply({});
    expect(result.rows).toHaveLength(7);
    expect(stampOf(result, 'a')).toBe('2026-01-05T00:00:00.000Z');
    for (const key of ['b', 'c', 'd', 'e', 'f', 'g']) expect(result.rows.find((r) => r.key === key), key).not.toHaveProperty('timestamp');
    expect(result.summary['implausible-date']).toEqual({ action: 'keep-without-time', rows: 4 });
  });

  it.each([
    ['empty-date', [3]],
    ['bad-date', [4]],
    ['implausible-date', [5, 6, 7, 8]],
  ] as const)('leaves out the rows of %s when asked', (c, lines) => {
    const result = apply({ [c]: 'exclude' });
    expect(result.excluded).toEqual(lines.map((line) => ({ line, reasons: [c] })));
    expect(result.rows).toHaveLength(7 - lines.length);
  });

  it('fixes implausible years as mapped, keeping month, day and time', () => {
    const result = apply({ 'implausible-date': 'fix-year' }, { years: { 102: 2002, 1989: 1990, 2031: 2021 } });
    expect(stampOf(result, 'd')).toBe('2002-03-04T00:00:00.000Z');
    expect(stampOf(result, 'e')).toBe('2002-07-08T09:10:00.000Z');
    expect(stampOf(result, 'f')).toBe('2021-05-06T00:00:00.000Z');
    expect(stampOf(result, 'g')).toBe('1990-12-31T23:59:59.000Z');
    expect(stampOf(result, 'b')).toBeUndefined();
  });

  it('refuses a fix that misses a year or maps it outside the plausible range', () => {
    expect(() => apply({ 'implausible-date': 'fix-year' }, { years: { 102: 2002, 2031: 2021 } })).toThrow('Give the year to read 1989 as (1 row).');
    expect(() => apply({ 'implausible-date': 'fix-year' }, { years: { 102: 1102, 1989: 1990, 2031: 2021 } })).toThrow('Year 1102 for 0102 is outside 1990–2026.');
  });

  it('refuses a fix that gives a date that does not exist or is still in the future, naming the lines', () => {
    const leap = records([['x', 'leap day', 'ok', '0104-02-29'], ['y', 'late', 'ok', '2031-12-31']]);
    const r = validateRecords(HEADER, leap, [], MAPPING, { plausibleDates: RANGE });
    expect(() => applyDecisions(r, leap, [], { 'implausible-date': 'fix-year' }, { years: { 104: 2003, 2031: 2026 } })).toThrow(
      /dates on lines 2, 3 do not exist or are still implausible/,
    );
    const ok = applyDecisions(r, leap, [], { 'implausible-date': 'fix-year' }, { years: { 104: 2004, 2031: 2025 } });
    expect(ok.rows.map((row) => row.timestamp)).toEqual(['2004-02-29T00:00:00.000Z', '2025-12-31T00:00:00.000Z']);
  });
});
