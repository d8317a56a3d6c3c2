import { describe, expect, it, vi } from 'vitest';
import { assessStoredBackups, backupPass, restoreFromBackups, type BackupSource } from '$lib/core/backup/backupPass';
import {
  COMPACT_KEY_PREFIX, compactRoomFor, compactUsage, packSnapshot, storageBackupFiles, unpackSnapshot, type StorageLike,
} from '$lib/core/backup/compactBackup';
import { backupSource } from '$lib/db/backupSource';
import { createProject, listProjects } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { importSnapshot } from '$lib/db/snapshot';
import type { LifecycleDatabase } from '$lib/db/database';
import { freshDbsPerTest, makeRows, storedRowCount } from './testDb';

const open = freshDbsPerTest();

/** A Storage like the browser's localStorage, refusing values past `limit` characters in all. */
function memoryStorage(limit = Infinity): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      const used = [...map].reduce((n, [key, value]) => n + (key === k ? 0 : key.length + value.length), 0);
      if (used + k.length + v.length > limit) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

/** The compact source as the page builds it: packed snapshots, the budget from `budget`. */
function compactSource(db: LifecycleDatabase, storage: StorageLike, budget: number): BackupSource {
  const full = backupSource(db);
  return {
    ...full,
    snapshotText: async (id) => packSnapshot(await full.snapshotText(id)),
    ensureRoom: async (chars) => {
      if (!compactRoomFor(chars, compactUsage(storage), budget)) throw new Error('over budget');
    },
  };
}

describe('compact backup copies (kept in localStorage, which survives the browser evicting the site)', () => {
  it('pack a snapshot to one character per byte, several times smaller, and back', () => {
    const text = JSON.stringify({ rows: Array.from({ length: 2000 }, (_, i) => ({ id: i, text: `ticket ${i} about billing and login` })) });
    const packed = packSnapshot(text);
    expect(unpackSnapshot(packed)).toBe(text);
    expect(packed.length).toBeLessThan(text.length / 4);
    expect([...packed].every((c) => c.charCodeAt(0) < 256)).toBe(true);
    expect(() => unpackSnapshot('not packed')).toThrow();
  });

  it('restore an evicted database with its rows, through the same pass and restore as the full backups', async () => {
    const db = open();
    const project = await createProject(db, { name: 'First project' });
    await createDatasetVersion(db, {
      projectId: project.id, source: { name: 'first.csv' }, message: 'first', schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }], rows: makeRows(300),
    });
    const storage = memoryStorage();
    const files = storageBackupFiles(storage);
    expect((await backupPass(files, compactSource(db, storage, 1e7))).written).toEqual([project.id]);
    expect([...storage.map.keys()].every((k) => k.startsWith(COMPACT_KEY_PREFIX))).toBe(true);

    // The site is evicted: a fresh database (with its own id, as the full backups' pass gives it).
    const fresh = open();
    const freshSource = compactSource(fresh, storage, 1e7);
    await freshSource.claimDatabase('a-new-database');
    const lost = await assessStoredBackups(files, freshSource);
    expect(lost.state === 'lost' && lost.projects.map((p) => p.name)).toEqual(['First project']);
    const result = await restoreFromBackups(files, freshSource, async (packed) => (await importSnapshot(fresh, unpackSnapshot(packed))).project);
    expect(result.failed).toEqual([]);
    expect((await listProjects(fresh)).map((p) => p.name)).toEqual(['First project']);
    expect(await storedRowCount(fresh)).toBe(300);
    expect((await assessStoredBackups(files, freshSource)).state).toBe('current');
  });

  it('keep the newest projects within the budget; an older one over it is left to its full backup', async () => {
    const db = open();
    const older = await createProject(db, { name: 'Older' });
    await createDatasetVersion(db, {
      projectId: older.id, source: { name: 'a.csv' }, message: 'a', schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }], rows: makeRows(400),
    });
    // The newer project is a minute younger by the clock, not by waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    const newer = await createProject(db, { name: 'Newer' }).finally(() => vi.useRealTimers());
    const storage = memoryStorage();
    const source = compactSource(db, storage, 1e7);
    const newerSize = packSnapshot(await backupSource(db).snapshotText(newer.id)).length;
    // Room for the newer project and the index, not for the older one's rows as well.
    const tight = compactSource(db, storage, newerSize + 3_000);
    const result = await backupPass(storageBackupFiles(storage), tight);
    expect(result.written).toEqual([newer.id]);
    expect(result.failed.map((f) => f.name)).toEqual(['Older']);
    expect((await backupPass(storageBackupFiles(storage), source)).written).toEqual([older.id]);
  });
});
