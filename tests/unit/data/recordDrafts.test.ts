import { describe, expect, it } from 'vitest';
import { DraftMaker, draftStamp, own, recordDrafts } from '$lib/core/data/recordDrafts';
import type { ColumnMapping } from '$lib/core/data/dataset';
import { rowText } from '$lib/core/data/recordFields';

describe('own', () => {
  it.each([
    ['short', 'abc'],
    ['ASCII', 'The invoice page shows "Something went wrong" when I open it.'],
    ['Latin-1', 'Café crème à 3 £, naïve façade'],
    ['beyond Latin-1', 'Price 30 € — “quoted” 🎉 emoji'],
    ['long', 'abcdefghij'.repeat(1000) + 'é'],
    ['empty', ''],
  ])('copies %s text unchanged', (_, text) => {
    // A view into a larger string, as a parsed field is.
    const parent = `xx${text}yy`;
    const view = parent.slice(2, 2 + text.length);
    expect(own(view)).toBe(text);
  });
});

describe('rowText', () => {
  // The definition: the trimmed non-blank cells, in column order, joined by a blank line, CR line ends as LF.
  const reference = (fields: string[], indexes: number[]) =>
    indexes.map((i) => (fields[i] ?? '').trim()).filter((c) => c !== '').join('\n\n').replace(/\r\n?/g, '\n');
  const cells = ['', '  ', 'Refund', ' charged\r\ntwice ', 'x'.repeat(40), 'é €', '\rold mac'];

  it('joins 0 to 4 non-blank cells of any kind as the definition says, and the joined text is its own string', () => {
    for (let n = 0; n <= 4; n++) {
      for (let start = 0; start < cells.length; start++) {
        const fields = Array.from({ length: n + 1 }, (_, k) => cells[(start + k * 3) % cells.length]);
        const indexes = Array.from({ length: n }, (_, k) => (k * 2) % (n + 1));
        expect(rowText(fields, indexes), JSON.stringify({ fields, indexes })).toBe(reference(fields, indexes));
      }
    }
    // A missing field (short record) reads as blank; a single cell is passed through `copy`.
    expect(rowText(['a'], [0, 3, 0])).toBe('a\n\na');
    expect(rowText([' b ', ''], [1, 0], (c) => `<${c}>`)).toBe('<b>');
  });
});

describe('DraftMaker', () => {
  const header = ['id', 'subject', 'body', 'label', 'created', 'amount', 'tier', 'split', 'notes'];
  const mapping: ColumnMapping = {
    textColumns: ['subject', 'body'], labelColumn: 'label', timestampColumn: 'created', idColumn: 'id', splitColumn: 'split',
    metaTypes: { amount: 'number', tier: 'category' },
  };

  it('keeps what validation and the commit read of a record, and nothing of unmapped columns', () => {
    const maker = new DraftMaker(header, mapping);
    const d = maker.make({ line: 7, fields: [' 42 ', 'Refund', 'charged  twice\r\n', ' Billing ', '2026-01-05 10:00', '1,200', 'gold', ' TRAIN ', 'secret'], malformed: null });
    expect(d).toEqual({
      line: 7, text: 'Refund\n\ncharged  twice', label: 'Billing', id: '42', timestamp: '2026-01-05T10:00:00.000Z', stamp: '2026-01-05 10:00',
      split: 'train', meta: { amount: 1200, tier: 'gold' }, encodingColumn: -1, malformed: null,
    });
    expect(draftStamp(d)).toBe('2026-01-05 10:00');
  });

  it('keeps the written stamp only when it is not the ISO form, and notes encoding trouble', () => {
    const [iso, bad, blank] = recordDrafts(header, [
      { line: 2, fields: ['1', 'a', '', 'x', '2026-01-05T00:00:29.000Z', '', '', '', ''] },
      { line: 3, fields: ['2', 'b', '', 'x', 'not a date', '', '', '', 'cafÃ©'] },
      { line: 4, fields: ['3', 'c', '', 'x', '', '', '', '', ''] },
    ], [], mapping);
    expect([iso.stamp, iso.timestamp, draftStamp(iso)]).toEqual(['', '2026-01-05T00:00:29.000Z', '2026-01-05T00:00:29.000Z']);
    expect([bad.stamp, bad.timestamp, bad.encodingColumn]).toEqual(['not a date', null, 8]);
    expect([blank.stamp, blank.timestamp, draftStamp(blank)]).toEqual(['', null, '']);
  });

  it('merges malformed records in line order and pads them', () => {
    const malformed = { line: 3, fieldCount: 2, expected: 9, fields: ['9', 'short'], problem: 'too-few-fields' as const };
    const drafts = recordDrafts(header, [{ line: 2, fields: ['1', 'a', '', 'x', '', '', '', '', ''] }, { line: 4, fields: ['2', 'b', '', 'y', '', '', '', '', ''] }], [malformed], mapping);
    expect(drafts.map((d) => [d.line, d.text, d.label, d.malformed])).toEqual([[2, 'a', 'x', null], [3, 'short', '', malformed], [4, 'b', 'y', null]]);
  });
});
