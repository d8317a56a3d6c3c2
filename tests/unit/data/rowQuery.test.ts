import { describe, expect, it } from 'vitest';
import type { DataRow } from '$lib/core/data/dataset';
import { queryRows, rowFilter } from '$lib/core/data/rowQuery';

const rows: DataRow[] = [
  { key: 'A-1', text: 'Refund for my invoice', label: 'billing', split: 'train', meta: {} },
  { key: 'A-2', text: 'The app crashes', label: 'technical', split: 'test', meta: {} },
  { key: 'A-3', text: 'Where is the INVOICE?', label: null, meta: {} },
  { key: 'A-4', text: 'invoice twice', label: 'billing', split: 'validation', meta: {} },
];
const keys = (filter: Parameters<typeof rowFilter>[0]) => rows.filter(rowFilter(filter)).map((r) => r.key);

describe('rowFilter', () => {
  it('passes every row without filters', () => {
    expect(keys({})).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  it('filters by label, unlabelled rows, and split (none = no split)', () => {
    expect(keys({ label: { kind: 'label', label: 'billing' } })).toEqual(['A-1', 'A-4']);
    expect(keys({ label: { kind: 'unlabelled' } })).toEqual(['A-3']);
    expect(keys({ split: 'test' })).toEqual(['A-2']);
    expect(keys({ split: 'none' })).toEqual(['A-3']);
    expect(keys({ split: 'any', label: { kind: 'any' } })).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  });

  it('searches inside the text ignoring case and spaces around the search, or the whole key', () => {
    expect(keys({ search: '  Invoice ' })).toEqual(['A-1', 'A-3', 'A-4']);
    expect(keys({ search: 'a-2' })).toEqual(['A-2']);
    expect(keys({ search: 'a-' })).toEqual([]);
    expect(keys({ search: 'invoice', label: { kind: 'label', label: 'billing' }, split: 'train' })).toEqual(['A-1']);
  });

  it('keeps only the rows named by key, in the version’s order, with the other filters', () => {
    expect(keys({ keys: ['A-4', 'A-1', 'nope'] })).toEqual(['A-1', 'A-4']);
    expect(keys({ keys: ['A-4', 'A-1', 'A-3'], label: { kind: 'unlabelled' } })).toEqual(['A-3']);
    expect(keys({ keys: [] })).toEqual([]);
  });
});

describe('queryRows', () => {
  it('returns the page of matching rows with their positions in the version, and the total', () => {
    const page = queryRows(rows, { versionId: 'v', search: 'invoice', offset: 1, limit: 1 });
    expect(page).toEqual({ rows: [{ ...rows[2], position: 2 }], total: 3 });
    expect(queryRows(rows, { versionId: 'v', offset: 10, limit: 5 })).toEqual({ rows: [], total: 4 });
  });
});
