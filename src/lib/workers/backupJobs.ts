/**
 * Project backups for the data worker (core/backup): bring them up to date after changes, say
 * whether the database was lost, restore or discard. OPFS access handles are fastest here.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { backupSource } from '$lib/db/backupSource';
import { opfsBackupFiles } from '$lib/db/opfsFiles';
import { importSnapshot } from '$lib/db/snapshot';
import { ensureRoomFor } from '$lib/db/storage';
import { BACKUP_LOCK, exclusively as inOrder } from '$lib/db/writeLocks';
import { assessStoredBackups, backupPass, discardBackups, restoreFromBackups } from '$lib/core/backup/backupPass';
import { describeStorageError } from '$lib/core/storage/storageErrors';
import type { BackupStatus, DataResults } from './dataProtocol';
import { keepingPacked } from './packedSnapshots';

const UNAVAILABLE: BackupStatus = { state: 'unavailable' };

export async function backupStatusJob(db: LifecycleDatabase): Promise<BackupStatus> {
  const files = await opfsBackupFiles();
  if (!files) return UNAVAILABLE;
  const assessment = await assessStoredBackups(files, backupSource(db));
  if (assessment.state === 'none') return { state: 'none' };
  if (assessment.state === 'current') {
    const times = assessment.index.projects.map((p) => p.backedUpAt).sort();
    return { state: 'current', projects: assessment.index.projects.length, newest: times.at(-1) ?? null };
  }
  return { state: 'lost', projects: assessment.projects.map(({ name, backedUpAt, bytes }) => ({ name, backedUpAt, bytes })) };
}

/** One backup writer at a time across tabs (each tab has its own data worker). */
const exclusively = <T>(work: () => Promise<T>): Promise<T> => inOrder([BACKUP_LOCK], work);

export async function backupPassJob(db: LifecycleDatabase): Promise<DataResults['backupPass']> {
  const files = await opfsBackupFiles();
  if (!files) return { status: UNAVAILABLE, written: 0, failed: [] };
  // The snapshots it exports are kept packed for the compact copies, which come right after.
  const result = await exclusively(() => backupPass(files, keepingPacked(backupSource(db))));
  return {
    status: await backupStatusJob(db),
    written: result.written.length,
    failed: result.failed.map((f) => ({ name: f.name, message: describeStorageError(f.error) })),
  };
}

export async function backupRestoreJob(db: LifecycleDatabase, by: string): Promise<DataResults['backupRestore']> {
  const files = await opfsBackupFiles();
  if (!files) return { restored: [], failed: [] };
  const result = await exclusively(() =>
    restoreFromBackups(files, backupSource(db), async (text) => {
      await ensureRoomFor(text.length, 'restore this project');
      return (await importSnapshot(db, text, { by, restore: true })).project;
    }),
  );
  return {
    restored: result.restored.map((r) => r.name),
    failed: result.failed.map((f) => ({ name: f.name, message: describeStorageError(f.error) })),
  };
}

export async function backupDiscardJob(db: LifecycleDatabase): Promise<null> {
  const files = await opfsBackupFiles();
  if (files) await exclusively(() => discardBackups(files, backupSource(db)));
  return null;
}
