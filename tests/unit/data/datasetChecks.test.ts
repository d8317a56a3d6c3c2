import { describe, expect, it } from 'vitest';
import type { DataRow } from '$lib/core/data/dataset';
import { DatasetState } from '$lib/core/data/datasetState';
import { datasetChecks, labelConflicts, sliceClassShares } from '$lib/core/data/datasetChecks';
import type { Slice } from '$lib/core/data/slices';

const row = (key: string, text: string, label: string | null, extra: Partial<DataRow> = {}): DataRow => ({ key, text, label, meta: {}, ...extra });

describe('labelConflicts', () => {
  it('groups labelled rows by normalized text and keeps the groups with more than one label, first seen first', () => {
    const rows = [
      row('a', 'Printer jams', 'hw'),
      row('b', 'Reset my password', 'sw'),
      row('c', '  printer   JAMS ', 'sw'),
      row('d', 'reset my password', 'sw'),
      row('e', 'Printer jams', null),
      row('f', 'Screen flickers', 'hw'),
      row('g', 'screen flickers', 'sw'),
      row('h', 'printer jams', 'other'),
    ];
    expect(labelConflicts(rows)).toEqual([
      { text: 'Printer jams', keys: ['a', 'c', 'h'], labels: ['hw', 'sw', 'other'] },
      { text: 'Screen flickers', keys: ['f', 'g'], labels: ['hw', 'sw'] },
    ]);
  });

  it('lists at most 20 keys of a group and cuts long texts', () => {
    const long = `${'word '.repeat(60)}end`;
    const rows = Array.from({ length: 30 }, (_, i) => row(`k${i}`, long, i % 2 ? 'x' : 'y'));
    const [group] = labelConflicts(rows);
    expect(group.keys).toHaveLength(20);
    expect(group.text.length).toBeLessThanOrEqual(161);
    expect(group.text.endsWith('…')).toBe(true);
  });
});

describe('sliceClassShares', () => {
  it('counts the rows inside a slice and the share of each class among its labelled rows', () => {
    const rows = [
      row('a', 't', 'x', { meta: { tier: 'gold' } }),
      row('b', 't', 'y', { meta: { tier: 'gold' } }),
      row('c', 't', 'y', { meta: { tier: 'gold' } }),
      row('d', 't', 'x', { meta: { tier: 'free' } }),
      row('e', 't', null, { meta: { tier: 'gold' } }),
    ];
    const slice: Slice = { id: 's', name: 'Gold', where: [{ column: 'tier', op: '=', value: 'gold' }] };
    const result = sliceClassShares(rows, slice);
    expect(result.slice).toBe(slice);
    expect(result.rows).toBe(4);
    expect(result.classShares.x).toBeCloseTo(1 / 3);
    expect(result.classShares.y).toBeCloseTo(2 / 3);
  });
});

describe('datasetChecks', () => {
  const rows = [
    row('r1', 'Refund please, mail ana@example.com', 'billing', { split: 'train', meta: { channel: 'email' } }),
    row('r2', 'The app crashes on start', 'technical', { split: 'train', meta: { channel: 'chat' } }),
    row('r3', 'the app crashes on start', 'technical', { split: 'test', meta: { channel: 'chat' } }),
    row('r4', 'Where is my invoice', 'billing', { split: 'validation', meta: { channel: 'email' } }),
    row('r5', 'Where is my invoice', 'technical', { split: 'train', meta: { channel: 'email' } }),
    row('r6', 'Unlabelled question', null, { meta: { channel: 'phone' } }),
  ];
  const state = new DatasetState(rows);
  const version = (hasSplit: boolean) => ({
    rows: state.rows,
    get: (key: string) => state.get(key),
    schema: [{ name: 'text', type: 'text' as const }, { name: 'channel', type: 'category' as const }, { name: 'label', type: 'label' as const }],
    hasSplit,
    classBalance: { billing: 2, technical: 3, '': 1 },
  });

  it('checks a split version: class mix per category column and per split, leakage across splits, personal data, conflicts', () => {
    const checks = datasetChecks(version(true), []);
    expect(checks.imbalance).toMatchObject({ classes: 2, total: 5, majority: { label: 'technical', count: 3 } });
    expect(checks.mixes.map((m) => m.column)).toEqual(['channel', 'split']);
    expect(checks.associations.map((a) => a.column)).toEqual(['channel']);
    expect(checks.leakage?.groups.map((g) => g.keys)).toEqual([['r2', 'r3'], ['r5', 'r4']]);
    expect(checks.leakage?.fix).toEqual({ train: 2, validation: 0, test: 0 });
    expect(checks.pii.kinds.email.count).toBe(1);
    expect(checks.pii.exampleKeys.email).toEqual(['r1']);
    expect(checks.conflicts).toEqual([{ text: 'Where is my invoice', keys: ['r4', 'r5'], labels: ['billing', 'technical'] }]);
    expect(checks.slices).toEqual([]);
  });

  it('leaves out the split mix and leakage for a version without a split, and names the near-duplicate texts', () => {
    const checks = datasetChecks(version(false), [{ id: 's', name: 'Email', where: [{ column: 'channel', op: '=', value: 'email' }] }]);
    expect(checks.mixes.map((m) => m.column)).toEqual(['channel']);
    expect(checks.leakage).toBeNull();
    expect(checks.slices.map((s) => [s.slice.name, s.rows])).toEqual([['Email', 3]]);
    for (const pair of checks.nearDuplicates.pairs) {
      expect(pair.textA).toBe(state.get(pair.a)!.text);
      expect(pair.textB).toBe(state.get(pair.b)!.text);
    }
  });
});
