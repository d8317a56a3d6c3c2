/**
 * Rows stored ahead of their version (db/stagedRows.ts): invisible until the version that takes
 * them is written, deleted on every other ending, and swept when a closed tab left them — never
 * while a staging holds its lock.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataRow } from '$lib/core/data/dataset';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, listDatasetVersions, loadDatasetState, prepareDatasetVersion, writeDatasetVersion } from '$lib/db/datasets';
import { ROW_BLOCK_SIZE, countStoredRows, writeBlockRange } from '$lib/db/rowBlocks';
import { STAGING_LOCK, stageRows, sweepStagedRows, type StagedRows } from '$lib/db/stagedRows';
import { backupSource } from '$lib/db/backupSource';
import { exportSnapshot } from '$lib/db/snapshot';
import { everyRecord, freshDbsPerTest, makeRows } from './testDb';
import { FakeLocks } from './fakeLocks';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
let locks: FakeLocks;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Staging' })).id;
  locks = new FakeLocks();
});

/** Blocks per staging transaction here (fewer than the app's, so a test need not stage 128k rows to see several). */
const PER_TRANSACTION = 16;

/** Rows whose texts say they were staged; more than one staging transaction by default. */
function stagedRows(n = 17 * ROW_BLOCK_SIZE + 1): DataRow[] {
  return makeRows(n).map((r) => ({ ...r, text: `staged only ${r.key}` }));
}

function stage(rows: readonly DataRow[]): StagedRows {
  const staged = stageRows(db, rows, locks.api, PER_TRANSACTION);
  if (!staged) throw new Error('expected a staging');
  return staged;
}

async function commit(rows: readonly DataRow[], stagedAs?: string) {
  const prepared = await prepareDatasetVersion({ projectId, source: { name: 'tickets.csv' }, parentId: 'newest', message: 'import', change: 'import', schema: [], rows });
  return writeDatasetVersion(db, { ...prepared, stagedAs });
}

/** Counts the row blocks written from now on. */
function countBlockWrites(): () => number {
  let n = 0;
  db.rowBlocks.hook('creating', () => {
    n++;
  });
  return () => n;
}

const lockOf = (staged: StagedRows) => STAGING_LOCK + staged.versionId;

describe('rows stored ahead of their version', () => {
  it('are seen by no reader until the version that takes them is written, which then writes no block itself', async () => {
    const rows = stagedRows();
    const staged = stage(rows);
    expect(locks.isHeld(lockOf(staged))).toBe(true);
    expect(await staged.done).toBe(true);
    expect(staged.written).toBe(rows.length);
    expect(await countStoredRows(db, staged.versionId)).toBe(rows.length);
    expect(await listDatasetVersions(db, projectId)).toEqual([]);
    const writes = countBlockWrites();
    const version = await commit(rows, staged.versionId);
    staged.committed();
    expect(writes()).toBe(0);
    expect(version).toMatchObject({ id: staged.versionId, rowCount: rows.length, storedRows: rows.length });
    expect((await loadDatasetState(db, version.id)).rows).toStrictEqual(rows);
    expect(locks.isHeld(lockOf(staged))).toBe(false);
    // Now a version's rows: no sweep takes them.
    expect(await sweepStagedRows(db, locks.api)).toBe(0);
    expect(await countStoredRows(db, version.id)).toBe(rows.length);
  });

  it('are deleted when discarded, whole or half-way, and the lock is given back', async () => {
    const before = await everyRecord(db);
    const whole = stage(stagedRows(3));
    expect(await whole.done).toBe(true);
    await whole.discard();
    expect(await everyRecord(db)).toEqual(before);
    expect(locks.isHeld(lockOf(whole))).toBe(false);

    const halfWay = stage(stagedRows(2 * PER_TRANSACTION * ROW_BLOCK_SIZE + 1));
    let discarded: Promise<void> | null = null;
    // Told as the first batch of the second transaction is stored: the discard aborts that transaction.
    const told: number[] = [];
    halfWay.onProgress = (written) => {
      told.push(written);
      if (written > PER_TRANSACTION * ROW_BLOCK_SIZE) discarded ??= halfWay.discard();
    };
    expect(await halfWay.done).toBe(false);
    // The second transaction was aborted, not stored to its end.
    expect(told).toContain(PER_TRANSACTION * ROW_BLOCK_SIZE);
    expect(told).not.toContain(2 * PER_TRANSACTION * ROW_BLOCK_SIZE);
    expect(told).toEqual([...told].sort((a, b) => a - b));
    await discarded;
    expect(await everyRecord(db)).toEqual(before);
    expect(locks.isHeld(lockOf(halfWay))).toBe(false);
  }, 30_000);

  it('are deleted when the commit’s transaction fails: nothing of the version is visible', async () => {
    const before = await everyRecord(db);
    const rows = stagedRows(5);
    const staged = stage(rows);
    expect(await staged.done).toBe(true);
    db.auditLog.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(commit(rows, staged.versionId)).rejects.toThrow('disk full');
    await staged.discard();
    expect(await everyRecord(db)).toEqual(before);
    expect(locks.isHeld(lockOf(staged))).toBe(false);
  });

  it('are written by the commit itself when they are not all there', async () => {
    const rows = stagedRows(3 * ROW_BLOCK_SIZE + 5);
    for (const lost of [[1], [3], [0, 1, 2, 3]]) {
      const staged = stage(rows);
      expect(await staged.done).toBe(true);
      await db.rowBlocks.bulkDelete(lost.map((block) => [staged.versionId, block] as [string, number]));
      const writes = countBlockWrites();
      const version = await commit(rows, staged.versionId);
      staged.committed();
      expect(writes(), `blocks ${lost.join(', ')} lost`).toBe(4);
      expect((await loadDatasetState(db, version.id)).rows).toStrictEqual(rows);
    }
    // A last block cut short is not all there either.
    const staged = stage(rows);
    expect(await staged.done).toBe(true);
    await db.rowBlocks.update([staged.versionId, 3], { count: 4 });
    const version = await commit(rows, staged.versionId);
    expect((await loadDatasetState(db, version.id)).rows).toStrictEqual(rows);
  });

  it('stop at a failed write and leave nothing behind', async () => {
    const before = await everyRecord(db);
    const rows = stagedRows();
    // A value IndexedDB cannot store, in the second transaction's blocks.
    rows[PER_TRANSACTION * ROW_BLOCK_SIZE + 3] = { ...rows[PER_TRANSACTION * ROW_BLOCK_SIZE + 3], meta: { n: 10n as unknown as number } };
    const staged = stage(rows);
    expect(await staged.done).toBe(false);
    expect(await everyRecord(db)).toEqual(before);
    expect(locks.isHeld(lockOf(staged))).toBe(false);
    await staged.discard();
  });

  it('are never staged without Web Locks (a sweep could not tell them from a closed tab’s)', async () => {
    expect(stageRows(db, stagedRows(3), null)).toBeNull();
    expect(await sweepStagedRows(db, null)).toBe(0);
  });
});

describe('the sweep of rows stored ahead', () => {
  it('deletes what a closed tab left, whole or half-way, but not a staging that holds its lock nor any version’s rows', async () => {
    const kept = await createDatasetVersion(db, { projectId, source: { name: 'kept.csv' }, message: 'kept', schema: [], rows: makeRows(2 * ROW_BLOCK_SIZE + 1) });
    const before = await everyRecord(db);
    // A tab closed after its staging was done, and one closed half-way (its lock went with it).
    const closed = stage(stagedRows(3));
    expect(await closed.done).toBe(true);
    locks.closeTab();
    await writeBlockRange(db, 'closed-half-way', stagedRows(5 * ROW_BLOCK_SIZE), { from: 0, to: 2 });
    // A staging going on now, in this tab or another.
    const live = stage(stagedRows());
    let swept: Promise<number> | null = null;
    live.onProgress = () => (swept ??= sweepStagedRows(db, locks.api));
    expect(await live.done).toBe(true);
    expect(await swept).toBe(2);
    expect(await countStoredRows(db, closed.versionId)).toBe(0);
    expect(await countStoredRows(db, 'closed-half-way')).toBe(0);
    expect(await countStoredRows(db, live.versionId)).toBe(live.rows.length);
    expect(await countStoredRows(db, kept.id)).toBe(kept.rowCount);
    // Done and still held (the person has not confirmed yet): not swept either.
    expect(await sweepStagedRows(db, locks.api)).toBe(0);
    await live.discard();
    expect(await everyRecord(db)).toEqual(before);
  });

  it('leaves a backup taken mid-staging without the staged rows', async () => {
    await createDatasetVersion(db, { projectId, source: { name: 'kept.csv' }, message: 'kept', schema: [], rows: makeRows(10) });
    const source = backupSource(db);
    const fingerprint = await source.fingerprint(projectId);
    const staged = stage(stagedRows());
    let backup: Promise<[string, string, number]> | null = null;
    staged.onProgress = () =>
      (backup ??= Promise.all([
        source.snapshotText(projectId),
        source.fingerprint(projectId),
        exportSnapshot(db, projectId, { includeRows: true, includeWeights: false, maskPii: false }).then((s) => s.datasets.versions.length),
      ]));
    expect(await staged.done).toBe(true);
    const [text, fingerprintMidway, versions] = await backup!;
    expect(text).toContain('row number 9');
    expect(text).not.toContain('staged only');
    expect(fingerprintMidway).toBe(fingerprint);
    expect(versions).toBe(1);
    await staged.discard();
  });
});
