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
