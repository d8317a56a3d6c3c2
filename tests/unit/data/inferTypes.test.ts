import { describe, it, expect } from 'vitest';
import { CODE_MAX_DISTINCT, exportedColumnType, inferColumnType, isIntegerCode, nameTokens, sampleRecords, suggestMapping } from '$lib/core/data/inferTypes';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { records } from './records';

const repeat = <T>(items: readonly T[], times: number): T[] => Array.from({ length: times }, () => items).flat();

describe('inferColumnType', () => {
  it('finds numbers, ignoring blanks, with signs, decimals and thousands separators', () => {
    expect(inferColumnType(['1', '-2.5', '', '  ', '1,200', '3e2'])).toBe('number');
  });

  it('treats digit runs (epoch seconds, ids) as numbers, not dates', () => {
    expect(inferColumnType(['1767225600', '1767312000'])).toBe('number');
  });

  it('finds dates in any accepted spelling', () => {
    expect(inferColumnType(['2026-01-05', '2026-01-06T10:00:00Z', '07.01.2026', ''])).toBe('date');
  });

  it('does not call a column with one ambiguous date a date', () => {
    expect(inferColumnType(['2026-01-05', '01/02/2026', '2026-01-07', '2026-01-08'])).not.toBe('date');
  });

  it('calls few distinct short values a category', () => {
    expect(inferColumnType(['free', 'pro', 'free', 'enterprise', 'pro', 'free'])).toBe('category');
  });

  it('needs at most 50 distinct values, each repeated on average (≤ 50 % distinct)', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `v${i}`);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `v${i}`);
    expect(inferColumnType(repeat(fifty, 2))).toBe('category');
    expect(inferColumnType(repeat(fiftyOne, 4))).toBe('text');
    expect(inferColumnType(['a', 'b', 'c', 'a'])).toBe('text'); // 3 of 4 distinct
  });

  it('does not call repeated prose a category', () => {
    const long = 'x'.repeat(65);
    expect(inferColumnType([long, long, long, 'y', 'y'])).toBe('text');
  });

  it('calls free text text, and an empty column text', () => {
    expect(inferColumnType(['I cannot log in', 'Refund please', 'Where is my invoice?'])).toBe('text');
    expect(inferColumnType(['', ' '])).toBe('text');
    expect(inferColumnType([])).toBe('text');
  });
});

describe('nameTokens', () => {
  it('splits camelCase, snake_case, spaces and acronyms', () => {
    expect(nameTokens('createdAt')).toEqual(['created', 'at']);
    expect(nameTokens('ticket_id')).toEqual(['ticket', 'id']);
    expect(nameTokens('TicketID')).toEqual(['ticket', 'id']);
    expect(nameTokens(' Ticket  Type ')).toEqual(['ticket', 'type']);
  });
});

describe('suggestMapping', () => {
  it('maps the generated ticket export', () => {
    const tickets = generateTickets({ count: 300 });
    const header = ['id', 'subject', 'body', 'label', 'createdAt', 'channel', 'tier'];
    const recs = records(tickets.map((t) => [t.id, t.subject, t.body, t.label, t.createdAt, t.channel, t.tier]));
    expect(suggestMapping(header, recs)).toEqual({
      textColumns: ['subject', 'body'],
      labelColumn: 'label',
      timestampColumn: 'createdAt',
      idColumn: 'id',
      splitColumn: null,
      metaTypes: { channel: 'category', tier: 'category' },
    });
  });

  it('recognises other common names', () => {
    const header = ['TicketID', 'Customer ID', 'Ticket Type', 'Description', 'Date of Purchase', 'Priority', 'Amount'];
    const recs = records(
      Array.from({ length: 40 }, (_, i) => [
        `TK${1000 + i}`,
        `C${i % 7}`,
        ['Billing inquiry', 'Technical issue', 'Refund request'][i % 3],
        `My order ${i} arrived damaged and I would like some help with it, thanks`,
        `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        ['Low', 'High'][i % 2],
        `${i * 3}.50`,
      ]),
    );
    expect(suggestMapping(header, recs)).toEqual({
      textColumns: ['Description'],
      labelColumn: 'Ticket Type',
      timestampColumn: 'Date of Purchase',
      idColumn: 'TicketID',
      splitColumn: null,
      metaTypes: { 'Customer ID': 'category', Priority: 'category', Amount: 'number' },
    });
  });

  it('falls back to the longest column for text when no name matches, and guesses no label', () => {
    const header = ['a', 'b', 'c'];
    const recs = records(Array.from({ length: 20 }, (_, i) => [String(i), `a fairly long free text number ${i}`, ['x', 'y'][i % 2]]));
    const mapping = suggestMapping(header, recs);
    expect(mapping.textColumns).toEqual(['b']);
    expect(mapping.labelColumn).toBeNull();
    expect(mapping.idColumn).toBeNull();
    expect(mapping.metaTypes).toEqual({ a: 'number', c: 'category' });
  });

  it('recognises a split column of an exported version, and only when its values are splits', () => {
    const header = ['key', 'text', 'label', 'split'];
    const recs = records(Array.from({ length: 30 }, (_, i) => [`k${i}`, `text number ${i}`, ['a', 'b'][i % 2], ['train', 'Validation', 'test', ''][i % 4]]));
    const mapping = suggestMapping(header, recs);
    expect(mapping.splitColumn).toBe('split');
    expect(mapping.metaTypes).toEqual({});
    const other = records(Array.from({ length: 30 }, (_, i) => [`k${i}`, `text number ${i}`, ['a', 'b'][i % 2], ['train', 'holdout'][i % 2]]));
    expect(suggestMapping(header, other).splitColumn).toBeNull();
  });

  it('requires an id column to be (almost) unique, and prefers a column named exactly id', () => {
    const header = ['customer_id', 'id', 'order_id', 'text'];
    const recs = records(Array.from({ length: 100 }, (_, i) => [`c${i % 10}`, `t${i}`, `o${i}`, `text ${i}`]));
    expect(suggestMapping(header, recs).idColumn).toBe('id');
    const noUnique = records(Array.from({ length: 100 }, (_, i) => [`c${i % 10}`, `t${i % 90}`, `o${i % 50}`, `text ${i}`]));
    expect(suggestMapping(header, noUnique).idColumn).toBeNull();
  });

  it('accepts 0/1 class codes as a label and epoch seconds as a timestamp when named so', () => {
    const header = ['review', 'target', 'ts'];
    const recs = records(Array.from({ length: 30 }, (_, i) => [`great product number ${i}`, String(i % 2), String(1767225600 + i * 3600)]));
    const mapping = suggestMapping(header, recs);
    expect(mapping.labelColumn).toBe('target');
    expect(mapping.timestampColumn).toBe('ts');
    expect(mapping.textColumns).toEqual(['review']);
  });

  it('maps a named timestamp column with a few bad dates (they are reported later), not one with mostly bad ones', () => {
    const dates = (bad: number) => Array.from({ length: 10 }, (_, i) => (i < bad ? 'soon' : `2026-01-0${(i % 9) + 1}`));
    const header = ['message', 'created'];
    const good = records(dates(2).map((d, i) => [`text ${i}`, d]));
    expect(suggestMapping(header, good).timestampColumn).toBe('created');
    const bad = records(dates(5).map((d, i) => [`text ${i}`, d]));
    expect(suggestMapping(header, bad).timestampColumn).toBeNull();
  });

  it('takes an unnamed date column as the timestamp', () => {
    const header = ['body', 'when_logged'];
    const recs = records(Array.from({ length: 5 }, (_, i) => [`text ${i}`, `2026-02-0${i + 1}T10:00:00Z`]));
    expect(suggestMapping(header, recs).timestampColumn).toBe('when_logged');
    const header2 = ['body', 'x'];
    expect(suggestMapping(header2, recs).timestampColumn).toBe('x');
  });

  it('takes an unnamed column of mostly dates as the timestamp, the most date-like first, not one with many non-dates', () => {
    const header = ['note', 'seen on', 'logged'];
    // 'seen on': 19 of 20 dates (one typo); 'logged': 18 of 20 — the first wins by its share, not its place.
    const recs = records(
      Array.from({ length: 20 }, (_, i) => [`a sighting ${i}`, i === 3 ? 'yesterday' : `2025-05-${String(i + 1).padStart(2, '0')}`, i < 2 ? 'n/a' : `2025-06-${String(i + 1).padStart(2, '0')}`]),
    );
    expect(suggestMapping(header, recs).timestampColumn).toBe('seen on');
    expect(suggestMapping(['note', 'logged', 'seen on'], records(recs.map((r) => [r.fields[0], r.fields[2], r.fields[1]]))).timestampColumn).toBe('seen on');
    // 17 of 20 (85 %) is not enough without a time-like name.
    const few = records(Array.from({ length: 20 }, (_, i) => [`a sighting ${i}`, i < 3 ? 'unknown' : `2025-05-${String(i + 1).padStart(2, '0')}`]));
    expect(suggestMapping(['note', 'seen on'], few).timestampColumn).toBeNull();
  });

  it('suggests a column of a few repeated whole numbers (period 1 or 2, a 1–5 rating) as a category, not a number', () => {
    const header = ['text', 'label', 'period', 'rating', 'amount', 'year_count'];
    const recs = records(
      Array.from({ length: 40 }, (_, i) => [`message number ${i}`, ['spam', 'ham'][i % 2], String((i % 2) + 1), String((i % 5) + 1), `${i}.5`, String(i)]),
    );
    expect(suggestMapping(header, recs).metaTypes).toEqual({ period: 'category', rating: 'category', amount: 'number', year_count: 'number' });
    expect(isIntegerCode(['1', '2', '', '1', '2'])).toBe(true);
    expect(isIntegerCode(['1', '2', '1.5', '1'])).toBe(false);
    // 13 distinct codes is a number again, and so is a value seen once (nothing repeats).
    expect(isIntegerCode(Array.from({ length: 52 }, (_, i) => String(i % (CODE_MAX_DISTINCT + 1))))).toBe(false);
    expect(isIntegerCode(Array.from({ length: 48 }, (_, i) => String(i % CODE_MAX_DISTINCT)))).toBe(true);
    expect(isIntegerCode(['7'])).toBe(false);
    expect(isIntegerCode(['', ' '])).toBe(false);
  });

  it('reads short records as blanks', () => {
    const mapping = suggestMapping(['text', 'label', 'extra'], records([['hello', 'a'], ['world', 'b', '1']]));
    expect(mapping.textColumns).toEqual(['text']);
    expect(mapping.labelColumn).toBe('label');
    expect(mapping.metaTypes).toEqual({ extra: 'number' });
  });
});

describe('sampleRecords', () => {
  it('returns everything when small and an evenly spaced, ordered sample when large', () => {
    expect(sampleRecords([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const big = Array.from({ length: 10_000 }, (_, i) => i);
    const sample = sampleRecords(big, 2000);
    expect(sample).toHaveLength(2000);
    expect(sample[0]).toBe(0);
    expect(sample[1]).toBe(5);
    expect(sample[1999]).toBe(9995);
  });
});

describe('suggestMapping: a file this app exported', () => {
  const header = ['key', 'text', 'label', 'timestamp', 'split', 'subject', 'created_at', 'zip', 'reading', 'seen'];
  const rows = [
    ['k1', 'first reading', '', '', 'train', 'fan', '2024-01-02', '02134', '-3', '2024-01-02T00:00:00.000Z'],
    ['k2', 'second reading', 'normal', '', '', 'pump', '2024-01-03', '10115', '12.5', ''],
  ].map((fields, i) => ({ line: i + 2, fields }));

  it('maps the fixed columns by position, leaves out a blank timestamp and keeps role-like names as metadata', () => {
    expect(suggestMapping(header, rows)).toEqual({
      textColumns: ['text'],
      labelColumn: 'label',
      timestampColumn: null,
      idColumn: 'key',
      splitColumn: 'split',
      metaTypes: { subject: 'text', created_at: 'text', zip: 'text', reading: 'number', seen: 'date' },
    });
  });

  it('types metadata by how the export writes numbers and dates, so look-alike strings stay strings', () => {
    expect(exportedColumnType(['12.5', '-3', '', '1e+21'])).toBe('number');
    expect(exportedColumnType(['12.50', '3'])).toBe('text');
    expect(exportedColumnType(['2024-01-02', '2024-01-03'])).toBe('text');
    expect(exportedColumnType(['2024-01-02T00:00:00.000Z'])).toBe('date');
    expect(exportedColumnType(['a', 'b', 'a', 'b', 'a'])).toBe('category');
    expect(exportedColumnType(['', ' '])).toBe('text');
  });
});
