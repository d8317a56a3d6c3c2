/**
 * The database's side of the project backups (core/backup): the backup id kept in settings,
 * the projects, a fingerprint per project and its full snapshot text.
 */
import type { BackupSource } from '$lib/core/backup/backupPass';
import { murmur3String } from '$lib/core/data/murmur3';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import type { LifecycleDatabase } from './database';
import { exportSnapshot } from './snapshot';
import { getSetting, setSetting } from './settings';
import { newId, nowIso } from './ids';
import { ensureRoomFor } from './storage';
import { hexOf } from '$lib/core/hex';

const DATABASE_ID_KEY = 'backup.databaseId';

export function backupSource(db: LifecycleDatabase): BackupSource {
  return {
    databaseId: () => getSetting<string | null>(db, DATABASE_ID_KEY, null),
    claimDatabase: (id) => setSetting(db, DATABASE_ID_KEY, id),
    newId,
    // Newest first: where room is short (the compact copies' budget) the newest projects get it.
    projects: async () =>
      (await db.projects.toArray()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((p) => ({ id: p.id, name: p.name })),
    // Rows only change with a new dataset version and weights with a new model version, both in
    // the light snapshot; a fixed time keeps the hash to the content.
    fingerprint: async (projectId) => {
      const light = await exportSnapshot(db, projectId, { includeRows: false, includeWeights: false, maskPii: false, now: '', appVersion: '' });
      return hexOf(murmur3String(serializeSnapshot(light)));
    },
    snapshotText: async (projectId) =>
      serializeSnapshot(await exportSnapshot(db, projectId, { includeRows: true, includeWeights: true, maskPii: false })),
    ensureRoom: (bytes) => ensureRoomFor(bytes, 'back up this project'),
    now: nowIso,
  };
}
