import { describe, expect, it } from 'vitest';
import { DatasetState, relabelDelta } from '$lib/core/data/datasetState';
import { describeConflicts, onlySetsLabels, rebaseDelta, type RebaseInput } from '$lib/core/data/rebase';
import type { DataRow } from '$lib/core/data/dataset';

const rows: DataRow[] = [
  { key: 'a', text: 'refund please', label: null, meta: { tier: 'pro' } },
  { key: 'b', text: 'app crashes', label: null, meta: { tier: 'free' } },
  { key: 'c', text: 'opening hours?', label: 'General Inquiry', meta: { tier: 'free' } },
];

/** The parent (version 4) and a newer version 5 made from it by `change`. */
function versions(change: (state: DatasetState) => void) {
  const parent = new DatasetState(rows);
  const newest = parent.clone();
  change(newest);
  return { parent, newest };
}

function input(parent: DatasetState, newest: DatasetState, delta: RebaseInput['delta']): RebaseInput {
  return { delta, parent, parentNumber: 4, newest, newestNumber: 5 };
}

describe('rebaseDelta', () => {
  it('sets a label again on the newest row, keeping what the newer version changed there', () => {
    const { parent, newest } = versions((s) => s.apply({ upserts: [{ ...rows[0], label: 'Billing', split: 'train' }, { ...rows[1], split: 'test' }], removedKeys: [] }));
    const result = rebaseDelta(input(parent, newest, relabelDelta(parent, ['b'], 'Technical Issue')));
    expect(result).toEqual({ ok: true, delta: { upserts: [{ ...rows[1], split: 'test', label: 'Technical Issue' }], removedKeys: [] }, conflicts: [], note: null });
  });

  it('keeps the label saved first when the newer version gave the row another one (first writer wins)', () => {
    const { parent, newest } = versions((s) => s.apply(relabelDelta(s, ['a'], 'Billing')));
    const result = rebaseDelta(input(parent, newest, relabelDelta(parent, ['a'], 'Technical Issue')));
    expect(result).toEqual({
      ok: false,
      reason:
        'Nothing was written. Row a was labelled “Billing” in version 5, saved in another tab or window, so your label “Technical Issue” ' +
        'was not applied. Relabel in the newest version if you disagree.',
    });
  });

  it('carries over the rows without a conflict and names the others', () => {
    const { parent, newest } = versions((s) => s.apply({ upserts: [{ ...rows[0], label: 'Billing' }], removedKeys: ['c'] }));
    const result = rebaseDelta(input(parent, newest, relabelDelta(parent, ['a', 'b', 'c'], 'Technical Issue')));
    expect(result.ok && result.delta.upserts.map((r) => [r.key, r.label])).toEqual([['b', 'Technical Issue']]);
    expect(result.ok && result.conflicts).toEqual([
      { key: 'a', wanted: 'Technical Issue', found: 'Billing' },
      { key: 'c', wanted: 'Technical Issue', found: undefined },
    ]);
    expect(result.ok && result.note).toBe(
      '2 rows were changed in version 5, saved in another tab or window, so your labels for them were not applied: a (now “Billing”), c (removed).',
    );
  });

  it('leaves out a row the newer version already gave the same label, and refuses when nothing is left', () => {
    const { parent, newest } = versions((s) => s.apply(relabelDelta(s, ['a'], 'Billing')));
    expect(rebaseDelta(input(parent, newest, relabelDelta(parent, ['a'], 'Billing')))).toEqual({
      ok: false,
      reason: 'Nothing was written: version 5, saved in another tab or window, already gives these rows these labels.',
    });
  });

  it('refuses a change that is not only labels: a split, masked text, rows added or removed', () => {
    const { parent, newest } = versions((s) => s.apply(relabelDelta(s, ['a'], 'Billing')));
    const changes = [
      { upserts: [{ ...rows[1], split: 'train' as const }], removedKeys: [] },
      { upserts: [{ ...rows[1], text: 'app [email] crashes' }], removedKeys: [] },
      { upserts: [{ key: 'd', text: 'new', label: 'Billing', meta: {} }], removedKeys: [] },
      { upserts: [], removedKeys: ['b'] },
    ];
    for (const delta of changes) {
      expect(onlySetsLabels(delta, parent)).toBe(false);
      const result = rebaseDelta(input(parent, newest, delta));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/^This change was worked out on version 4, but version 5, .* Nothing was written: do it again on version 5\.$/);
    }
    expect(onlySetsLabels(relabelDelta(parent, ['a', 'b'], 'Billing'), parent)).toBe(true);
  });
});

describe('describeConflicts', () => {
  it('names the first five rows and counts the rest', () => {
    const conflicts = Array.from({ length: 7 }, (_, i) => ({ key: `r${i}`, wanted: 'a', found: i === 0 ? null : 'b' }));
    expect(describeConflicts(conflicts, 9)).toBe(
      '7 rows were changed in version 9, saved in another tab or window, so your labels for them were not applied: ' +
        'r0 (now (unlabelled)), r1 (now “b”), r2 (now “b”), r3 (now “b”), r4 (now “b”) and 2 more.',
    );
    expect(describeConflicts([{ key: 'x', wanted: null, found: undefined }], 3)).toBe('Row x is not in version 3, saved in another tab or window, so your label was not applied.');
  });
});
