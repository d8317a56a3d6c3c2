import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import {
  createDatasetVersion, labelHistory, listDatasetVersions, loadDatasetState, MAX_DELTA_DEPTH, writeDerivedVersion,
} from '$lib/db/datasets';
import type { DatasetVersionRecord } from '$lib/db/records';
import { relabelDelta } from '$lib/core/data/datasetState';
import { hashRows } from '$lib/core/data/hash';
import { freshDb, makeRows, storedRowCount } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let base: DatasetVersionRecord;

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Versions' })).id;
  base = await createDatasetVersion(db, {
    projectId,
    source: { name: 'tickets.csv' },
    message: 'import',
    schema: [{ name: 'text', type: 'text' }],
    rows: makeRows(10, ['a', 'b', null]),
  });
});

afterEach(async () => {
  await db.delete();
});

describe('derived dataset versions', () => {
  it('stores a label change as a one-row delta whose rows read back complete', async () => {
    const state = await loadDatasetState(db, base.id);
    expect(state.contentHash).toBe(base.contentHash);
    const v2 = await writeDerivedVersion(db, { parent: base, state, delta: relabelDelta(state, ['r2'], 'a'), message: 'Labelled r2 as a', change: 'label' });
    expect(v2).toMatchObject({ number: 2, parentId: base.id, baseId: base.id, storage: 'delta', depth: 1, storedRows: 1, rowCount: 10, change: 'label', importId: base.importId });
    expect(v2.classBalance).toEqual({ a: 5, b: 3, '': 2 });
    // The caller's state now holds v2.
    expect(state.get('r2')?.label).toBe('a');
    expect(state.contentHash).toBe(v2.contentHash);

    const reread = await loadDatasetState(db, v2.id);
    expect(reread.rows.map((r) => r.key)).toEqual(makeRows(10).map((r) => r.key));
    expect(reread.get('r2')?.label).toBe('a');
    expect(hashRows(reread.rows)).toBe(v2.contentHash);
    // The parent is unchanged: versions are immutable.
    expect((await loadDatasetState(db, base.id)).get('r2')?.label).toBeNull();
  });

  it('keeps each row’s label history, undo included', async () => {
    const state = await loadDatasetState(db, base.id);
    const v2 = await writeDerivedVersion(db, { parent: base, state, delta: relabelDelta(state, ['r2'], 'a'), message: 'label', change: 'label' });
    const v3 = await writeDerivedVersion(db, { parent: v2, state, delta: relabelDelta(state, ['r2'], null), message: 'undo', change: 'label' });
    const history = await labelHistory(db, projectId, 'r2');
    expect(history.map((e) => [e.previousLabel, e.label, e.datasetVersionId])).toEqual([
      [ 'a', null, v3.id ],
      [ null, 'a', v2.id ],
    ]);
    // Undo restores the content, so the hash is the base's again.
    expect(v3.contentHash).toBe(base.contentHash);
  });

  it('applies removals and additions across a chain', async () => {
    const state = await loadDatasetState(db, base.id);
    const v2 = await writeDerivedVersion(db, { parent: base, state, delta: { upserts: [], removedKeys: ['r0', 'r1'] }, message: 'exclude', change: 'exclude' });
    const v3 = await writeDerivedVersion(db, { parent: v2, state, delta: { upserts: [{ key: 'new', text: 'added', label: 'b', meta: {} }], removedKeys: [] }, message: 'add', change: 'import' });
    const reread = await loadDatasetState(db, v3.id);
    expect(reread.rows.map((r) => r.key)).toEqual(['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'new']);
    expect(v3).toMatchObject({ depth: 2, baseId: base.id, rowCount: 9 });
    expect(hashRows(reread.rows)).toBe(v3.contentHash);
  });

  it('refuses an empty change and leaves everything as it was when a write fails', async () => {
    const state = await loadDatasetState(db, base.id);
    await expect(writeDerivedVersion(db, { parent: base, state, delta: relabelDelta(state, ['r0'], 'a'), message: 'same', change: 'label' })).rejects.toThrow(/Nothing changed/);
    const ghost = { ...base, id: 'missing-parent' };
    const before = state.contentHash;
    await expect(writeDerivedVersion(db, { parent: ghost, state, delta: relabelDelta(state, ['r2'], 'a'), message: 'x', change: 'label' })).rejects.toThrow(/no longer exists/);
    expect(state.contentHash).toBe(before);
    expect(await listDatasetVersions(db, projectId)).toHaveLength(1);
    expect(await db.labelEvents.count()).toBe(0);
    expect(await storedRowCount(db)).toBe(10);
  });

  it('stores a version in full once the delta chain gets long', async () => {
    const state = await loadDatasetState(db, base.id);
    let parent = base;
    for (let i = 0; i <= MAX_DELTA_DEPTH; i++) {
      parent = await writeDerivedVersion(db, { parent, state, delta: relabelDelta(state, ['r2'], i % 2 ? null : 'a'), message: `flip ${i}`, change: 'label' });
    }
    expect(parent).toMatchObject({ storage: 'full', depth: 0, baseId: null, storedRows: 10 });
    expect((await loadDatasetState(db, parent.id)).contentHash).toBe(parent.contentHash);
  }, 60_000);
});

describe('two writers on the same parent (two tabs labelling at once)', () => {
  /** What a tab holds: the parent's rows, loaded on its own. */
  const tab = () => loadDatasetState(db, base.id);

  it('carries a label change over to the newer version, so the newest has both labels', async () => {
    const [first, second] = [await tab(), await tab()];
    const v2 = await writeDerivedVersion(db, { parent: base, state: first, delta: relabelDelta(first, ['r2'], 'a'), message: 'Labelled r2 as a', change: 'label' });
    const v3 = await writeDerivedVersion(db, { parent: base, state: second, delta: relabelDelta(second, ['r5'], 'b'), message: 'Labelled r5 as b', change: 'label' });
    expect(v3).toMatchObject({ number: 3, parentId: v2.id, message: 'Labelled r5 as b', rowCount: 10 });
    const newest = await loadDatasetState(db, v3.id);
    expect([newest.get('r2')?.label, newest.get('r5')?.label]).toEqual(['a', 'b']);
    expect(v3.contentHash).toBe(newest.contentHash);
    expect(v3.classBalance).toEqual({ a: 5, b: 4, '': 1 });
    // The second tab's state now holds the newest version, not its own branch.
    expect(second.contentHash).toBe(v3.contentHash);
    expect((await labelHistory(db, projectId, 'r5')).map((e) => [e.previousLabel, e.label, e.datasetVersionId])).toEqual([[null, 'b', v3.id]]);
  });

  it('holds when both writes start at the same moment', async () => {
    const [first, second] = [await tab(), await tab()];
    const written = await Promise.all([
      writeDerivedVersion(db, { parent: base, state: first, delta: relabelDelta(first, ['r2'], 'a'), message: 'r2', change: 'label' }),
      writeDerivedVersion(db, { parent: base, state: second, delta: relabelDelta(second, ['r5'], 'b'), message: 'r5', change: 'label' }),
    ]);
    const newest = (await listDatasetVersions(db, projectId))[0];
    expect(written.map((v) => v.number).sort()).toEqual([2, 3]);
    expect(newest.parentId).not.toBe(base.id);
    const rows = await loadDatasetState(db, newest.id);
    expect([rows.get('r2')?.label, rows.get('r5')?.label]).toEqual(['a', 'b']);
  });

  it('keeps the label saved first when both label the same row differently, and writes nothing for it', async () => {
    const [first, second] = [await tab(), await tab()];
    const v2 = await writeDerivedVersion(db, { parent: base, state: first, delta: relabelDelta(first, ['r2'], 'a'), message: 'r2 as a', change: 'label' });
    const before = second.contentHash;
    await expect(writeDerivedVersion(db, { parent: base, state: second, delta: relabelDelta(second, ['r2'], 'b'), message: 'r2 as b', change: 'label' }))
      .rejects.toThrow('Nothing was written. Row r2 was labelled “a” in version 2, saved in another tab or window, so your label “b” was not applied.');
    expect(second.contentHash).toBe(before);
    expect((await listDatasetVersions(db, projectId)).map((v) => v.id)).toEqual([v2.id, base.id]);
    expect((await labelHistory(db, projectId, 'r2')).map((e) => e.label)).toEqual(['a']);

    // In a bulk change the other rows are still written, and the version says which row was left out.
    const v3 = await writeDerivedVersion(db, { parent: base, state: second, delta: relabelDelta(second, ['r2', 'r5'], 'b'), message: 'Bulk-labelled 2 rows as b', change: 'bulk-label' });
    expect(v3.message).toBe('Bulk-labelled 2 rows as b. Row r2 was labelled “a” in version 2, saved in another tab or window, so your label “b” was not applied.');
    const newest = await loadDatasetState(db, v3.id);
    expect([newest.get('r2')?.label, newest.get('r5')?.label]).toEqual(['a', 'b']);
  });

  it('refuses a change that is not only labels on an older version, and writes nothing', async () => {
    const [first, second] = [await tab(), await tab()];
    await writeDerivedVersion(db, { parent: base, state: first, delta: relabelDelta(first, ['r2'], 'a'), message: 'r2 as a', change: 'label' });
    const counts = async () => [await db.datasetVersions.count(), await storedRowCount(db), await db.labelEvents.count(), await db.auditLog.count()];
    const before = await counts();
    const hash = second.contentHash;
    const split = { upserts: second.rows.map((r) => ({ ...r, split: 'train' as const })), removedKeys: [] };
    await expect(writeDerivedVersion(db, { parent: base, state: second, delta: split, message: 'split', change: 'split' }))
      .rejects.toThrow('This change was worked out on version 1, but version 2, saved in another tab or window, is newer, and only label changes can be carried over to it. Nothing was written: do it again on version 2.');
    expect(await counts()).toEqual(before);
    expect(second.contentHash).toBe(hash);
  });
});
