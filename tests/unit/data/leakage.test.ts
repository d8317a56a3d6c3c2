import { describe, it, expect } from 'vitest';
import { findLeakage, normalizeText } from '$lib/core/data/leakage';
import type { SplitName } from '$lib/core/data/dataset';

describe('normalizeText', () => {
  it('lowercases, collapses any whitespace run to one space and trims', () => {
    expect(normalizeText('\tRefund  PLEASE\n\nNow ')).toBe('refund please now');
    expect(normalizeText('a\u00a0b \u2003 c')).toBe('a b c');
    expect(normalizeText('already clean')).toBe('already clean');
    expect(normalizeText('   ')).toBe('');
  });
});

describe('findLeakage', () => {
  const row = (key: string, text: string, split?: SplitName) => ({ key, text, split });

  it('groups identical normalized texts that sit in different splits', () => {
    const report = findLeakage([
      row('k2', '  refund   PLEASE ', 'test'),
      row('k1', 'Refund please', 'train'),
      row('k3', 'refund please', 'train'),
      row('k4', 'same split twice', 'train'),
      row('k5', 'Same split twice', 'train'),
      row('k6', 'unassigned copy'),
      row('k7', 'unassigned copy', 'test'),
      row('k8', 'Refund please!', 'validation'),
    ]);
    expect(report).toEqual({
      groups: [{ text: 'refund please', keys: ['k1', 'k3', 'k2'], splits: ['train', 'train', 'test'] }],
      affectedRows: 3,
    });
  });

  it('orders groups by size, then text', () => {
    const report = findLeakage([
      row('a1', 'beta', 'train'),
      row('a2', 'beta', 'validation'),
      row('b1', 'alpha', 'train'),
      row('b2', 'alpha', 'test'),
      row('c1', 'gamma', 'test'),
      row('c2', 'gamma', 'train'),
      row('c3', 'gamma', 'validation'),
    ]);
    expect(report.groups.map((g) => g.text)).toEqual(['gamma', 'alpha', 'beta']);
    expect(report.groups[0]).toEqual({ text: 'gamma', keys: ['c2', 'c3', 'c1'], splits: ['train', 'validation', 'test'] });
    expect(report.affectedRows).toBe(7);
  });

  it('finds nothing in a clean dataset', () => {
    expect(findLeakage([row('a', 'one', 'train'), row('b', 'two', 'test')])).toEqual({ groups: [], affectedRows: 0 });
  });
});
