import { describe, it, expect } from 'vitest';
import {
  ISSUE_CATEGORIES,
  ISSUE_POLICIES,
  applyDecisions,
  validateRecords,
  type AppliedDataset,
  type Decisions,
  type IssueAction,
} from '$lib/core/data/validation';
import type { ColumnMapping, DataRow } from '$lib/core/data/dataset';
import { HEADER, LONG_TEXT_CHARS, MALFORMED, MAPPING, RECORDS, TOTAL } from './validationFixture';
import { records } from './records';

const report = validateRecords(HEADER, RECORDS, MALFORMED, MAPPING, { longTextChars: LONG_TEXT_CHARS });
const apply = (decisions: Decisions = {}) => applyDecisions(report, RECORDS, MALFORMED, decisions);
const rowOf = (result: AppliedDataset, key: string): DataRow | undefined => result.rows.find((r) => r.key === key);
const excludedLines = (result: AppliedDataset) => result.excluded.map((e) => e.line);

/** Every record is in exactly one of rows and excluded; keys are unique. */
function expectAccounted(result: AppliedDataset, total: number): void {
  expect(result.rows.length + result.excluded.length).toBe(total);
  const keys = result.rows.map((r) => r.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const e of result.excluded) expect(e.reasons.length).toBeGreaterThan(0);
}

describe('applyDecisions with the defaults', () => {
  const result = apply();

  it('accounts for every record', () => {
    expectAccounted(result, TOTAL);
    expect(result.rows).toHaveLength(9);
  });

  it('excludes malformed records, empty texts and later exact duplicates, with reasons', () => {
    expect(result.excluded).toEqual([
      { line: 4, reasons: ['exact-duplicate'] },
      { line: 5, reasons: ['empty-text'] },
      { line: 8, reasons: ['exact-duplicate'] },
      { line: 11, reasons: ['field-count'] },
    ]);
  });

  it('builds rows: joined trimmed text, trimmed label, ISO timestamp, typed metadata, id key', () => {
    expect(result.rows[0]).toEqual({
      key: '1',
      text: 'Refund\n\nI was charged twice',
      label: 'Billing',
      timestamp: '2026-01-05T00:00:00.000Z',
      meta: { channel: 'email', amount: 12.5 },
    });
    expect(rowOf(result, '5')).toEqual({
      key: '5',
      text: 'Hours\n\nWhat are your hours?',
      label: null,
      timestamp: '2026-01-08T00:00:00.000Z',
      meta: { channel: 'email', amount: 1200 },
    });
    expect(rowOf(result, '10')).toMatchObject({ label: 'Billing', meta: { channel: 'web', amount: -3 } });
    expect(rowOf(result, '12')).toMatchObject({ timestamp: '2026-01-13T07:00:00.000Z' });
  });

  it('keeps conflicting duplicates with their labels, a bad date without timestamp, and a long text whole', () => {
    expect(rowOf(result, '2')?.label).toBe('Technical Issue');
    expect(rowOf(result, '6')?.label).toBe('Billing');
    expect(rowOf(result, '8')).not.toHaveProperty('timestamp');
    expect(rowOf(result, '8')?.text).toBe('Caf\uFFFD\n\nMenu broken');
    expect(rowOf(result, 'row-10')?.text).toHaveLength(66);
  });

  it('gives a later copy of an id a key from its line', () => {
    expect(rowOf(result, 'row-10')?.text.startsWith('Long')).toBe(true);
  });

  it('merges label variants into the canonical spelling', () => {
    expect(rowOf(result, '12')?.label).toBe('Billing');
  });

  it('summarises what each action did', () => {
    expect(result.summary).toEqual({
      'field-count': { action: 'exclude', rows: 1 },
      'empty-text': { action: 'exclude', rows: 1 },
      'missing-label': { action: 'keep', rows: 1 },
      'exact-duplicate': { action: 'exclude', rows: 2 },
      'conflicting-duplicate': { action: 'keep', rows: 4 },
      'label-variant': { action: 'merge', rows: 1 },
      'long-text': { action: 'keep', rows: 1 },
      encoding: { action: 'keep', rows: 1 },
      'empty-date': { action: 'keep-without-time', rows: 0 },
      'bad-date': { action: 'keep-without-time', rows: 1 },
      'implausible-date': { action: 'keep-without-time', rows: 0 },
      'duplicate-id': { action: 'keep', rows: 1 },
    });
  });
});

describe('applyDecisions: each action', () => {
  it('excludes by every category set to exclude, listing all reasons', () => {
    const all: Decisions = Object.fromEntries(
      ISSUE_CATEGORIES.filter((c) => ISSUE_POLICIES[c].actions.includes('exclude')).map((c) => [c, 'exclude']),
    );
    const result = apply(all);
    expectAccounted(result, TOTAL);
    expect(result.rows.map((r) => r.key)).toEqual(['1']);
    expect(result.excluded.find((e) => e.line === 9)?.reasons).toEqual(['encoding', 'bad-date']);
    expect(result.excluded.find((e) => e.line === 10)?.reasons).toEqual(['long-text']);
    expect(result.excluded.find((e) => e.line === 11)?.reasons).toEqual(['field-count', 'missing-label', 'empty-date']);
    expect(result.excluded.find((e) => e.line === 3)?.reasons).toEqual(['conflicting-duplicate']);
    expect(result.excluded.find((e) => e.line === 14)?.reasons).toEqual(['label-variant']);
  });

  it('unlabels conflicting duplicates, after which later copies are plain duplicates', () => {
    const result = apply({ 'conflicting-duplicate': 'unlabel' });
    expectAccounted(result, TOTAL);
    expect(rowOf(result, '2')?.label).toBeNull();
    expect(rowOf(result, '10')?.label).toBeNull();
    expect(excludedLines(result)).toEqual([4, 5, 7, 8, 11, 13]);
    expect(result.summary['conflicting-duplicate']).toEqual({ action: 'unlabel', rows: 4 });
    expect(result.summary['exact-duplicate'].rows).toBe(4);
  });

  it('keeps an unlabelled copy of a conflicting text for relabelling when the labelled ones are excluded', () => {
    const header = ['text', 'label'];
    const mapping: ColumnMapping = { textColumns: ['text'], labelColumn: 'label', timestampColumn: null, idColumn: null, metaTypes: {} };
    const recs = records([['same', 'A'], ['same', ''], ['SAME', 'B'], ['same', '']]);
    const result = applyDecisions(validateRecords(header, recs, [], mapping), recs, [], { 'conflicting-duplicate': 'exclude' });
    expect(result.rows).toEqual([{ key: 'row-3', text: 'same', label: null, meta: {} }]);
    expect(result.excluded).toEqual([
      { line: 2, reasons: ['conflicting-duplicate'] },
      { line: 4, reasons: ['conflicting-duplicate'] },
      { line: 5, reasons: ['exact-duplicate'] },
    ]);
  });

  it('keeps exact duplicates when asked, with merged labels', () => {
    const result = apply({ 'exact-duplicate': 'keep' });
    expectAccounted(result, TOTAL);
    expect(rowOf(result, '3')?.label).toBe('Billing');
    expect(rowOf(result, '7')).toBeDefined();
  });

  it('keeps label variants as spelled when asked', () => {
    expect(rowOf(apply({ 'label-variant': 'keep' }), '12')?.label).toBe('BILLING');
  });

  it('pads a malformed record when kept', () => {
    const result = apply({ 'field-count': 'keep' });
    expect(rowOf(result, '9')).toEqual({ key: '9', text: 'Short\n\nonly three', label: null, meta: { channel: null, amount: null } });
  });

  it('keeps an empty text when asked', () => {
    expect(rowOf(apply({ 'empty-text': 'keep' }), '4')).toMatchObject({ text: '', label: 'General Inquiry', meta: { amount: null } });
  });

  it('truncates long texts to the limit', () => {
    const result = apply({ 'long-text': 'truncate' });
    expect(rowOf(result, 'row-10')?.text).toBe(`Long\n\n${'x'.repeat(44)}`);
    expect(result.summary['long-text']).toEqual({ action: 'truncate', rows: 1 });
  });

  it('excludes later copies of an id when asked', () => {
    const result = apply({ 'duplicate-id': 'exclude' });
    expect(result.excluded.find((e) => e.line === 10)?.reasons).toEqual(['duplicate-id']);
    expect(rowOf(result, '8')?.text).toContain('Menu');
  });

  it('rejects an action the category does not offer', () => {
    expect(() => apply({ 'field-count': 'merge' })).toThrow(/not allowed/);
    expect(() => apply({ 'label-variant': 'unlabel' })).toThrow(/not allowed/);
  });

  it('rejects records that are not the ones validated', () => {
    expect(() => applyDecisions(report, RECORDS.slice(1), MALFORMED, {})).toThrow(/not the ones/);
    expect(() => applyDecisions(report, RECORDS, [], {})).toThrow(/not the ones/);
  });

  it('accounts for every record under every combination of decisions', () => {
    const choices = ISSUE_CATEGORIES.map((c) => ISSUE_POLICIES[c].actions);
    const failures: string[] = [];
    let combos = 0;
    const visit = (i: number, decisions: Decisions) => {
      if (i === ISSUE_CATEGORIES.length) {
        const { rows, excluded } = apply(decisions);
        const keys = new Set(rows.map((r) => r.key));
        const lines = new Set(excluded.map((e) => e.line));
        const ok = rows.length + excluded.length === TOTAL && keys.size === rows.length && lines.size === excluded.length;
        if (!ok || excluded.some((e) => e.reasons.length === 0)) failures.push(JSON.stringify(decisions));
        combos++;
        return;
      }
      for (const action of choices[i]) visit(i + 1, { ...decisions, [ISSUE_CATEGORIES[i]]: action as IssueAction });
    };
    visit(0, {});
    expect(failures).toEqual([]);
    expect(combos).toBe(choices.reduce((p, a) => p * a.length, 1));
  }, 30_000); // every combination: seconds on a loaded machine
});

describe('applyDecisions: keep the first surviving copy', () => {
  const header = ['id', 'text', 'label', 'when'];
  const mapping: ColumnMapping = { textColumns: ['text'], labelColumn: 'label', timestampColumn: 'when', idColumn: 'id', metaTypes: {} };
  const recs = records([
    ['a', 'Same text', 'X', 'not a date'],
    ['b', 'same  TEXT', 'X', '2026-01-05'],
    ['c', 'SAME text', 'x', '2026-01-06'],
  ]);
  const r = validateRecords(header, recs, [], mapping);

  it('keeps the first copy when nothing else excludes it', () => {
    const result = applyDecisions(r, recs, [], {});
    expect(result.rows.map((x) => x.key)).toEqual(['a']);
    expect(excludedLines(result)).toEqual([3, 4]);
  });

  it('keeps the second copy when the first is excluded for another reason', () => {
    const result = applyDecisions(r, recs, [], { 'bad-date': 'exclude' });
    expect(result.rows.map((x) => x.key)).toEqual(['b']);
    expect(result.excluded).toEqual([
      { line: 2, reasons: ['bad-date'] },
      { line: 4, reasons: ['exact-duplicate'] },
    ]);
  });

  it('gives the id to the first surviving copy', () => {
    const dupIds = records([
      ['a', 'one', 'X', 'bad'],
      ['a', 'two', 'X', '2026-01-05'],
      ['a', 'three', 'X', '2026-01-05'],
    ]);
    const rep = validateRecords(header, dupIds, [], mapping);
    const result = applyDecisions(rep, dupIds, [], { 'bad-date': 'exclude', 'duplicate-id': 'exclude' });
    expect(result.rows.map((x) => [x.key, x.text])).toEqual([['a', 'two']]);
    expect(result.excluded).toEqual([
      { line: 2, reasons: ['bad-date'] },
      { line: 4, reasons: ['duplicate-id'] },
    ]);
  });
});

describe('applyDecisions: keys and metadata', () => {
  it('never lets a line key collide with a real id', () => {
    const header = ['id', 'text'];
    const mapping: ColumnMapping = { textColumns: ['text'], labelColumn: null, timestampColumn: null, idColumn: 'id', metaTypes: {} };
    const recs = records([['row-3', 'a'], ['row-3', 'b'], ['', 'c']]);
    const result = applyDecisions(validateRecords(header, recs, [], mapping), recs, [], {});
    expect(result.rows.map((r) => r.key)).toEqual(['row-3', 'row-3.2', 'row-4']);
  });

  it('uses row-<line> keys without an id column, and converts metadata by type', () => {
    const header = ['text', 'n', 'd', 'c', 't', 'dropped'];
    const mapping: ColumnMapping = {
      textColumns: ['text'],
      labelColumn: null,
      timestampColumn: null,
      idColumn: null,
      metaTypes: { n: 'number', d: 'date', c: 'category', t: 'text' },
    };
    const recs = records([
      ['a', ' -1,500.5 ', '05.01.2026', ' pro ', ' free text ', 'z'],
      ['b', 'n/a', '01/02/2026', '', '  ', 'z'],
    ]);
    const result = applyDecisions(validateRecords(header, recs, [], mapping), recs, [], {});
    expect(rowOf(result, 'row-2')).toEqual({ key: 'row-2', text: 'a', label: null, meta: { n: -1500.5, d: '2026-01-05T00:00:00.000Z', c: 'pro', t: 'free text' } });
    expect(rowOf(result, 'row-3')?.meta).toEqual({ n: null, d: null, c: null, t: null });
  });

  it('normalises CRLF line breaks inside texts', () => {
    const recs = records([['line one\r\nline two\rthree']]);
    const mapping: ColumnMapping = { textColumns: ['text'], labelColumn: null, timestampColumn: null, idColumn: null, metaTypes: {} };
    const result = applyDecisions(validateRecords(['text'], recs, [], mapping), recs, [], {});
    expect(result.rows[0].text).toBe('line one\nline two\nthree');
  });
});
