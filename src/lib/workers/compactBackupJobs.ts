/**
 * The data worker's side of the compact backup copies (core/backup/compactBackup.ts): the
 * heavy parts — a project's fingerprint, its snapshot packed, and the import of a packed copy —
 * run here; the page stores the copies, because workers have no localStorage.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { backupSource } from '$lib/db/backupSource';
import { importSnapshot } from '$lib/db/snapshot';
import { ensureRoomFor } from '$lib/db/storage';
import { unpackSnapshot } from '$lib/core/backup/compactBackup';
import { noteFingerprint, packedSnapshot } from './packedSnapshots';

export const backupFingerprintJob = async (db: LifecycleDatabase, projectId: string): Promise<string> =>
  noteFingerprint(projectId, await backupSource(db).fingerprint(projectId));

/** The snapshot the full pass just made when the project has not changed since, else a new one. */
export function backupPackedJob(db: LifecycleDatabase, projectId: string): Promise<string> {
  return packedSnapshot(projectId, () => backupSource(db).snapshotText(projectId));
}

export async function backupRestorePackedJob(db: LifecycleDatabase, packed: string, by: string): Promise<{ id: string }> {
  const text = unpackSnapshot(packed);
  await ensureRoomFor(text.length, 'restore this project');
  return { id: (await importSnapshot(db, text, { by, restore: true })).project.id };
}
