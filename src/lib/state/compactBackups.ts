/**
 * The compact backup copies in localStorage (core/backup/compactBackup.ts), from the page:
 * localStorage exists only here, so the page runs their pass, index and restore (the same
 * core/backup code as the full backups) while the data worker packs and imports the snapshots.
 */
import { assessStoredBackups, backupPass, discardBackups, restoreFromBackups, type BackupPassResult, type BackupSource, type RestoreResult } from '$lib/core/backup/backupPass';
import type { BackupAssessment } from '$lib/core/backup/backupIndex';
import { COMPACT_BUDGET_CHARS, compactRoomFor, compactUsage, storageBackupFiles, type StorageLike } from '$lib/core/backup/compactBackup';
import { NotEnoughRoomError } from '$lib/core/storage/storageErrors';
import { formatBytes } from '$lib/format';
import { backupSource } from '$lib/db/backupSource';
import { COMPACT_BACKUP_LOCK, exclusively as inOrder } from '$lib/db/writeLocks';
import { dataCall } from '$lib/workers/dataClient';
import { db } from './database.svelte';
import { siteStorage } from './siteStorage';

function source(kept: StorageLike): BackupSource {
  return {
    ...backupSource(db),
    fingerprint: (projectId) => dataCall({ type: 'backupFingerprint', projectId }).result,
    snapshotText: (projectId) => dataCall({ type: 'backupPacked', projectId }).result,
    ensureRoom: async (chars) => {
      if (compactRoomFor(chars, compactUsage(kept))) return;
      throw new NotEnoughRoomError(`Its compact copy (${formatBytes(chars)}) does not fit next to the others in the ${formatBytes(COMPACT_BUDGET_CHARS)} kept in local storage.`);
    },
  };
}

/** One writer of the copies at a time across tabs. */
const exclusively = <T>(work: () => Promise<T>): Promise<T> => inOrder([COMPACT_BACKUP_LOCK], work);

/** Brings the copies up to date; null where there is no localStorage. */
export async function compactPass(): Promise<BackupPassResult | null> {
  const kept = siteStorage();
  return kept ? exclusively(() => backupPass(storageBackupFiles(kept), source(kept))) : null;
}

export async function compactAssessment(): Promise<BackupAssessment> {
  const kept = siteStorage();
  return kept ? assessStoredBackups(storageBackupFiles(kept), source(kept)) : { state: 'none' };
}

export async function compactRestore(by: string): Promise<RestoreResult> {
  const kept = siteStorage();
  if (!kept) return { restored: [], failed: [] };
  return exclusively(() =>
    restoreFromBackups(storageBackupFiles(kept), source(kept), (packed) => dataCall({ type: 'backupRestorePacked', packed, by }).result),
  );
}

export async function compactDiscard(): Promise<void> {
  const kept = siteStorage();
  if (kept) await exclusively(() => discardBackups(storageBackupFiles(kept), source(kept)));
}
