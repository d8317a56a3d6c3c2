/**
 * Test scaffolding: a small import with every issue category, and the expected affected lines.
 * Header is line 1; records start on line 2; line 11 is malformed (3 fields of 7).
 */
import type { ColumnMapping } from '$lib/core/data/dataset';
import type { IssueCategory } from '$lib/core/data/issues';
import { malformedRecord, records } from './records';

export const HEADER = ['id', 'subject', 'body', 'label', 'created', 'channel', 'amount'];

export const MAPPING: ColumnMapping = {
  textColumns: ['subject', 'body'],
  labelColumn: 'label',
  timestampColumn: 'created',
  idColumn: 'id',
  metaTypes: { channel: 'category', amount: 'number' },
};

export const LONG_TEXT_CHARS = 50;

export const RECORDS = [
  ...records([
    ['1', 'Refund', 'I was charged twice', 'Billing', '2026-01-05', 'email', '12.50'], // 2
    ['2', 'Login', 'Cannot log in', 'Technical Issue', '2026-01-06T10:00:00Z', 'chat', ''], // 3
    ['3', 'refund', 'I was  charged TWICE', 'billing', '2026-01-07', 'email', '3'], // 4: duplicate of 2, label variant
    ['4', '', ' ', 'General Inquiry', '2026-01-07', 'web', 'x'], // 5: empty text
    ['5', 'Hours', 'What are your hours?', '', '2026-01-08', 'email', '1,200'], // 6: missing label
    ['6', 'Login', 'Cannot  log in', 'Billing', '2026-01-09', 'chat', '7'], // 7: conflicts with 3
    ['7', 'Hours', 'what are your hours?', ' ', '2026-01-10', 'email', ''], // 8: duplicate of 6, missing label
    ['8', 'Caf\uFFFD', 'Menu broken', 'Technical Issue', '01/02/2026', 'chat', ''], // 9: encoding, bad date
    ['8', 'Long', 'x'.repeat(60), 'Technical Issue', '2026-01-11', 'chat', ''], // 10: duplicate id, long text
  ]),
  ...records(
    [
      ['10', 'Plan', 'Upgrade my plan please', '  Billing ', '2026-01-12', 'web', '-3'], // 12
      ['11', 'Plan', 'Upgrade my plan please', 'General Inquiry', '2026-01-12', 'web', ''], // 13: conflicts with 12
      ['12', 'Invoice', 'Need a copy of my invoice', 'BILLING', '2026-01-13T08:00:00+01:00', 'email', ''], // 14: label variant
    ],
    12,
  ),
];

export const MALFORMED = [malformedRecord(11, ['9', 'Short', 'only three'], 7)];

export const TOTAL = 13;

export const EXPECTED_LINES: Record<IssueCategory, number[]> = {
  'field-count': [11],
  'empty-text': [5],
  'missing-label': [6, 8, 11],
  'exact-duplicate': [4, 8],
  'conflicting-duplicate': [3, 7, 12, 13],
  'label-variant': [4, 14],
  'long-text': [10],
  encoding: [9],
  // The malformed record is too short to have a date.
  'empty-date': [11],
  'bad-date': [9],
  'implausible-date': [],
  'duplicate-id': [10],
};
