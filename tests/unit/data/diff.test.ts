import { describe, it, expect } from 'vitest';
import { diffDatasets, summarizeDiff } from '$lib/core/data/diff';
import type { ColumnSchema, DataRow } from '$lib/core/data/dataset';

function row(key: string, label: string | null, extra: Partial<DataRow> = {}): DataRow {
  return { key, text: `text of ${key}`, label, split: 'train', meta: { tier: 'pro' }, ...extra };
}

const schemaA: ColumnSchema[] = [
  { name: 'tier', type: 'category' },
  { name: 'amount', type: 'number' },
  { name: 'legacy', type: 'text' },
];
const schemaB: ColumnSchema[] = [
  { name: 'tier', type: 'category' },
  { name: 'amount', type: 'category' },
  { name: 'channel', type: 'category' },
];

const before: DataRow[] = [
  row('k1', 'Billing'),
  row('k2', 'Billing'),
  row('k3', 'Technical'),
  row('k4', 'Technical'),
  row('k5', 'General', { meta: { tier: 'pro', channel: null } }),
  row('k7', null),
];
const after: DataRow[] = [
  row('k2', 'Technical', { meta: { tier: 'pro', channel: null } }),
  row('k3', 'Technical', { text: 'new text' }),
  row('k4', 'Technical', { split: 'test', meta: { tier: 'pro', region: 'EU' } }),
  row('k5', 'General', { meta: { tier: 'enterprise' } }),
  row('k6', 'Billing'),
  row('k7', 'General', { timestamp: '2026-01-01T00:00:00Z' }),
];

describe('diffDatasets', () => {
  const diff = diffDatasets({ rows: before, schema: schemaA }, { rows: after, schema: schemaB });

  it('finds added, removed and changed rows by key', () => {
    expect(diff.rowsA).toBe(6);
    expect(diff.rowsB).toBe(6);
    expect(diff.added).toEqual({ count: 1, examples: ['k6'] });
    expect(diff.removed).toEqual({ count: 1, examples: ['k1'] });
    expect(diff.relabelled.count).toBe(2);
    expect(diff.relabelled.examples).toEqual([
      { key: 'k2', from: 'Billing', to: 'Technical' },
      { key: 'k7', from: null, to: 'General' },
    ]);
    expect(diff.textChanged).toEqual({ count: 1, examples: ['k3'] });
    expect(diff.splitChanged).toEqual({ count: 1, examples: [{ key: 'k4', from: 'train', to: 'test' }] });
    expect(diff.timestampChanged).toEqual({ count: 1, examples: ['k7'] });
    // k4 gained region; k5's tier changed. k5's channel went from null to missing and k2's
    // from missing to null: neither is a change.
    expect(diff.metaChanged).toEqual({
      count: 2,
      examples: [
        { key: 'k4', columns: ['region'] },
        { key: 'k5', columns: ['tier'] },
      ],
      byColumn: { region: 1, tier: 1 },
    });
  });

  it('compares class balance over labelled rows, in percentage points', () => {
    // before: Billing 2, Technical 2, General 1 of 5; after: Technical 3, General 2, Billing 1 of 6.
    expect(diff.unlabelled).toEqual({ a: 1, b: 0 });
    const byLabel = Object.fromEntries(diff.classBalance.map((c) => [c.label, c]));
    expect(byLabel.Billing).toMatchObject({ countA: 2, countB: 1, shareA: 0.4 });
    expect(byLabel.Billing.shareB).toBeCloseTo(1 / 6, 12);
    expect(byLabel.Billing.deltaPp).toBeCloseTo((1 / 6 - 0.4) * 100, 10);
    expect(byLabel.Technical.deltaPp).toBeCloseTo((0.5 - 0.4) * 100, 10);
    expect(byLabel.General.deltaPp).toBeCloseTo((1 / 3 - 0.2) * 100, 10);
    expect(diff.classBalance.map((c) => c.label)).toEqual(['Billing', 'General', 'Technical']);
  });

  it('reports schema changes', () => {
    expect(diff.schema).toEqual({
      added: [{ name: 'channel', type: 'category' }],
      removed: [{ name: 'legacy', type: 'text' }],
      typeChanged: [{ name: 'amount', from: 'number', to: 'category' }],
    });
  });

  it('caps examples but keeps exact counts, and counts transitions', () => {
    const many = Array.from({ length: 120 }, (_, i) => row(`r${i}`, 'Billing'));
    const relabelled = many.map((r, i) => ({ ...r, label: i < 90 ? 'Technical' : 'General' }));
    const d = diffDatasets({ rows: many, schema: [] }, { rows: relabelled, schema: [] });
    expect(d.relabelled.count).toBe(120);
    expect(d.relabelled.examples).toHaveLength(50);
    expect(d.relabelled.transitions).toEqual([
      { from: 'Billing', to: 'Technical', count: 90 },
      { from: 'Billing', to: 'General', count: 30 },
    ]);
    expect(diffDatasets({ rows: many, schema: [] }, { rows: relabelled, schema: [] }, { exampleLimit: 3 }).relabelled.examples).toHaveLength(3);
  });

  it('compares only the first row of a repeated key and counts the repeats', () => {
    const d = diffDatasets(
      { rows: [row('a', 'X'), row('a', 'Y')], schema: [] },
      { rows: [row('a', 'X')], schema: [] },
    );
    expect(d.duplicateKeys).toEqual({ a: 1, b: 0 });
    expect(d.relabelled.count).toBe(0);
  });
});

describe('summarizeDiff', () => {
  it('writes one line with the changes that happened', () => {
    const diff = diffDatasets({ rows: before, schema: schemaA }, { rows: after, schema: schemaB });
    expect(summarizeDiff(diff)).toBe(
      '+1 row, −1 row, 2 relabelled (Billing → Technical: 1, (unlabelled) → General: 1), 1 text changed, ' +
        '1 row changed split, 1 timestamp changed, 2 rows with metadata changed, ' +
        'class balance: Billing −23.3 pp, General +13.3 pp, Technical +10.0 pp, region missing 100 % → 83 %; ' +
        'schema: +channel, −legacy, amount number → category',
    );
  });

  it('abbreviates long lists and formats thousands', () => {
    const a: DataRow[] = Array.from({ length: 1500 }, (_, i) => row(`r${i}`, ['A', 'B', 'C', 'D', 'E'][i % 5]));
    const b: DataRow[] = [
      ...a.map((r, i) => (i < 20 ? { ...r, label: ['B', 'C', 'D', 'E', 'A'][i % 5] } : r)),
      ...Array.from({ length: 1200 }, (_, i) => row(`n${i}`, 'A')),
    ];
    expect(summarizeDiff(diffDatasets({ rows: a, schema: [] }, { rows: b, schema: [] }))).toBe(
      '+1,200 rows, 20 relabelled (A → B: 4, B → C: 4, C → D: 4, …), ' +
        'class balance: A +35.6 pp, B −8.9 pp, C −8.9 pp, D −8.9 pp, …',
    );
  });

  it('says when nothing changed', () => {
    const rows = [row('a', 'X'), row('b', 'Y')];
    expect(summarizeDiff(diffDatasets({ rows, schema: [] }, { rows, schema: [] }))).toBe('No row changes (2 rows)');
  });
});
