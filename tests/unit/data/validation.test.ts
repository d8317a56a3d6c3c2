import { describe, it, expect } from 'vitest';
import {
  ISSUE_BIT,
  ISSUE_CATEGORIES,
  ISSUE_POLICIES,
  validateRecords,
  type CategoryReport,
  type IssueCategory,
  type ValidationReport,
} from '$lib/core/data/validation';
import { EXPECTED_LINES, HEADER, LONG_TEXT_CHARS, MALFORMED, MAPPING, RECORDS, TOTAL } from './validationFixture';
import { malformedRecord, records } from './records';

const report = validateRecords(HEADER, RECORDS, MALFORMED, MAPPING, { longTextChars: LONG_TEXT_CHARS });
const category = (r: ValidationReport, c: IssueCategory): CategoryReport => r.categories.find((x) => x.category === c)!;

describe('validateRecords: the fixture with every issue', () => {
  it('counts malformed records in the total and keeps line order', () => {
    expect(report.total).toBe(TOTAL);
    expect([...report.recordLines]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('lists every category in catalogue order, even when empty', () => {
    expect(report.categories.map((c) => c.category)).toEqual([...ISSUE_CATEGORIES]);
  });

  it.each(ISSUE_CATEGORIES.map((c) => [c]))('finds exactly the expected lines for %s', (c) => {
    const r = category(report, c);
    expect(r.lines).toEqual(EXPECTED_LINES[c]);
    expect(r.count).toBe(EXPECTED_LINES[c].length);
  });

  it('sets the per-record bitmask to match the line lists', () => {
    for (const c of ISSUE_CATEGORIES) {
      const lines = [...report.recordLines].filter((_, i) => (report.flags[i] & ISSUE_BIT[c]) !== 0);
      expect(lines, c).toEqual(EXPECTED_LINES[c]);
    }
  });

  it('offers the catalogue actions with the first as default', () => {
    for (const c of report.categories) {
      expect(c.actions).toEqual(ISSUE_POLICIES[c.category].actions);
      expect(c.defaultAction).toBe(c.actions[0]);
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.explanation.length).toBeGreaterThan(20);
    }
    expect(category(report, 'field-count').defaultAction).toBe('exclude');
    expect(category(report, 'missing-label').defaultAction).toBe('keep');
    expect(category(report, 'exact-duplicate').defaultAction).toBe('exclude');
    expect(category(report, 'conflicting-duplicate').defaultAction).toBe('keep');
    expect(category(report, 'label-variant').defaultAction).toBe('merge');
    expect(category(report, 'long-text').title).toContain('50');
  });

  it('gives examples with text previews and details', () => {
    expect(category(report, 'exact-duplicate').examples).toEqual([
      { line: 4, text: 'refund\n\nI was  charged TWICE', detail: 'same text and label as line 2' },
      { line: 8, text: 'Hours\n\nwhat are your hours?', detail: 'same text and label as line 6' },
    ]);
    expect(category(report, 'field-count').examples).toEqual([{ line: 11, text: '9, Short, only three', detail: '3 fields, expected 7' }]);
    expect(category(report, 'bad-date').examples[0]).toMatchObject({ line: 9, detail: '"01/02/2026"' });
    expect(category(report, 'encoding').examples[0]).toMatchObject({ line: 9, detail: 'in column "subject"' });
    expect(category(report, 'duplicate-id').examples[0]).toMatchObject({ line: 10, detail: 'id "8" also on line 9' });
    expect(category(report, 'long-text').examples[0].detail).toBe('66 characters');
    expect(category(report, 'label-variant').examples.map((e) => e.detail)).toEqual(['"billing" → "Billing"', '"BILLING" → "Billing"']);
  });

  it('groups label variants under the most frequent spelling', () => {
    expect(category(report, 'label-variant').variantGroups).toEqual([
      { canonical: 'Billing', variants: ['billing', 'BILLING'], counts: { Billing: 3, billing: 1, BILLING: 1 } },
    ]);
  });

  it('reports conflicting duplicates as groups in order of appearance', () => {
    expect(category(report, 'conflicting-duplicate').conflictGroups).toEqual([
      {
        text: 'Login\n\nCannot log in',
        labels: [
          { label: 'Technical Issue', lines: [3] },
          { label: 'Billing', lines: [7] },
        ],
      },
      {
        text: 'Plan\n\nUpgrade my plan please',
        labels: [
          { label: 'Billing', lines: [12] },
          { label: 'General Inquiry', lines: [13] },
        ],
      },
    ]);
  });

  it('groups same-text records by their first member', () => {
    const group = (line: number) => report.textGroups[[...report.recordLines].indexOf(line)];
    expect(group(2)).toBe(group(4));
    expect(group(3)).toBe(group(7));
    expect(group(6)).toBe(group(8));
    expect(group(2)).not.toBe(group(3));
    expect(group(9)).toBe(-1);
    expect(group(5)).toBe(-1); // empty text is never a duplicate
  });
});

describe('validateRecords: rules in isolation', () => {
  const header = ['text', 'label'];
  const mapping = { textColumns: ['text'], labelColumn: 'label', timestampColumn: null, idColumn: null, metaTypes: {} };
  const lines = (rows: string[][], c: IssueCategory) => category(validateRecords(header, records(rows), [], mapping), c).lines;

  it('calls an unlabelled copy of a labelled text a duplicate, wherever it appears', () => {
    expect(lines([['same', ''], ['same', 'A']], 'exact-duplicate')).toEqual([2]);
    expect(lines([['same', 'A'], ['same', '']], 'exact-duplicate')).toEqual([3]);
    expect(lines([['same', 'A'], ['same', ''], ['same', 'B']], 'conflicting-duplicate')).toEqual([2, 4]);
  });

  it('finds duplicates across case, whitespace kinds and non-ASCII text', () => {
    expect(lines([['Café  au lait', 'A'], ['CAFÉ au\u00a0lait', 'A'], ['refund please', 'A'], ['Refund\r\n please', 'A']], 'exact-duplicate')).toEqual([3, 5]);
    expect(lines([['refund please', 'A'], ['refund\u00a0please', 'A'], ['refund pleas', 'A']], 'exact-duplicate')).toEqual([3]);
  });

  it('treats labels differing in case or spacing as the same for duplicates, and reports the variant', () => {
    expect(lines([['x', 'Technical Issue'], ['X', 'technical  issue']], 'exact-duplicate')).toEqual([3]);
    expect(lines([['x', 'Technical Issue'], ['X', 'technical  issue']], 'conflicting-duplicate')).toEqual([]);
    expect(lines([['x', 'Technical Issue'], ['y', 'Technical  Issue']], 'label-variant')).toEqual([3]);
  });

  it('breaks canonical-spelling ties by first appearance', () => {
    const r = validateRecords(header, records([['a', 'billing'], ['b', 'Billing']]), [], mapping);
    expect(category(r, 'label-variant').variantGroups).toEqual([{ canonical: 'billing', variants: ['Billing'], counts: { billing: 1, Billing: 1 } }]);
  });

  it('does not report missing labels when no label column is mapped', () => {
    const r = validateRecords(['text'], records([['a'], ['b']]), [], { ...mapping, labelColumn: null });
    expect(category(r, 'missing-label').count).toBe(0);
  });

  it('detects mojibake as well as the replacement character', () => {
    expect(lines([['CafÃ© au lait', 'A'], ['Itâ€™s broken', 'A'], ['SÃO PAULO', 'A'], ['fine', 'A']], 'encoding')).toEqual([2, 3]);
  });

  it('uses the default long-text limit of 5000 characters', () => {
    expect(lines([['x'.repeat(5000), 'A'], ['y'.repeat(5001), 'A']], 'long-text')).toEqual([3]);
  });

  it('merges malformed records into line order, even when given out of order', () => {
    const r = validateRecords(header, records([['a', 'A'], ['b', 'B']], 5).reverse(), [malformedRecord(3, ['c'], 2), malformedRecord(9, ['d', 'D', 'x'], 2)], mapping);
    expect([...r.recordLines]).toEqual([3, 5, 6, 9]);
    expect(category(r, 'field-count').lines).toEqual([3, 9]);
  });

  it('explains an unterminated quote', () => {
    const r = validateRecords(header, [], [{ ...malformedRecord(2, ['a "b', 'A'], 2), problem: 'unterminated-quote' }], mapping);
    expect(category(r, 'field-count').examples[0].detail).toBe("the quote opened on line 2, the file's last line, is never closed");
  });

  it('throws when the mapping names a column the header lacks', () => {
    expect(() => validateRecords(header, [], [], { ...mapping, labelColumn: 'category' })).toThrow(/category/);
  });

  it('keeps every line but only five examples', () => {
    const rows = Array.from({ length: 12 }, () => ['', 'A']);
    const r = category(validateRecords(header, records(rows), [], mapping), 'empty-text');
    expect(r.count).toBe(12);
    expect(r.lines).toHaveLength(12);
    expect(r.examples.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('gives the details of the first lines as examples even when found out of order', () => {
    // Group A's duplicates come later in the file than group B's, but group A is found first.
    const rows = [['a', 'X'], ['b', 'X'], ['b', 'X'], ['b', 'X'], ['b', 'X'], ['b', 'X'], ['b', 'X'], ['a', 'X']];
    const examples = category(validateRecords(header, records(rows), [], mapping), 'exact-duplicate').examples;
    expect(examples.map((e) => e.line)).toEqual([4, 5, 6, 7, 8]);
    expect(examples.every((e) => e.detail === 'same text and label as line 3')).toBe(true);
  });
});
