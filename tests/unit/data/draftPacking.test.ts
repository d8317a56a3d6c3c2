import { describe, expect, it } from 'vitest';
import { packDrafts, packedBuffers, unpackDrafts } from '$lib/core/data/draftPacking';
import { DraftMaker } from '$lib/core/data/recordDrafts';
import type { ColumnMapping } from '$lib/core/data/dataset';

const HEADER = ['id', 'text', 'label', 'created', 'amount', 'channel', 'seen'];
const MAPPING: ColumnMapping = {
  textColumns: ['text'], labelColumn: 'label', timestampColumn: 'created', idColumn: 'id', splitColumn: null,
  metaTypes: { amount: 'number', channel: 'category', seen: 'date' },
} as ColumnMapping;

describe('draftPacking', () => {
  it('gives back the drafts as made: strings ASCII and not, nulls, numbers, dates, malformed records', () => {
    const maker = new DraftMaker(HEADER, MAPPING);
    const rows = [
      ['1', 'plain text', 'Billing', '2026-01-05', '12.5', 'email', '2026-01-01'],
      ['', 'Café ☃ 😀 — wide', 'Général', 'not a date', '', '', ''],
      ['row-3', 'x'.repeat(40) + 'é', 'billing ', '', 'n/a', 'chat', 'soon'],
      ['4', '', '', '2024-05-05 08:15', '-0', 'phone', '2026-02-01T10:00:00Z'],
    ];
    const drafts = rows.map((fields, i) => maker.draft(i + 2, fields, null));
    const bad = { line: 9, fieldCount: 2, expected: 7, fields: ['9', 'short'], problem: 'too-few-fields' as const };
    drafts.push(maker.draft(9, [...bad.fields, '', '', '', '', ''], bad));
    // As a worker's message carries it, its buffers handed over.
    const sent = packDrafts(drafts);
    const packed = structuredClone(sent, { transfer: packedBuffers(sent) });
    const back = unpackDrafts(packed);
    expect(back).toEqual(drafts);
    expect(Object.is(back[3].meta.amount, -0)).toBe(true);
    expect(back[4].malformed).toEqual(bad);
    expect(packed.wide).toContain('Café');
    expect(unpackDrafts(packDrafts([]))).toEqual([]);
  });
});
