/**
 * A second, compact copy of the project backups, kept in the site's localStorage. Why there:
 * when the disk runs nearly full, one failed write is enough for Chromium to evict the whole site
 * — IndexedDB, the Origin Private File System (where the first backups live), the service
 * worker — unless the browser made its storage persistent; localStorage is not part of that
 * eviction (measured on a 60 MB profile filled to 300 KB free, issue 11). It holds about
 * 10 MB per site, so the copies are compressed and kept within a budget, newest projects first;
 * a project that does not fit keeps only its full backup.
 *
 * The copies go through the same pass, index and restore as the full backups (backupPass.ts):
 * this module only stores them (BackupFiles over a Storage) and packs the snapshot text.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import type { BackupFiles } from './backupFiles';

/** Characters the compact copies may take in localStorage (index included). */
export const COMPACT_BUDGET_CHARS = 3_000_000;
export const COMPACT_KEY_PREFIX = 'lifecycle-lab.backup.';

/** The part of the Web Storage interface the copies need (localStorage, a Map in tests). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A snapshot's text compressed, one character per byte (what localStorage stores compactly). */
export function packSnapshot(text: string): string {
  return strFromU8(zlibSync(strToU8(text), { level: 9 }), true);
}

/** The snapshot text of `packSnapshot`; throws on anything else. */
export function unpackSnapshot(packed: string): string {
  return strFromU8(unzlibSync(strToU8(packed, true)));
}

/** Characters our keys take now (keys and values). */
export function compactUsage(storage: StorageLike, prefix = COMPACT_KEY_PREFIX): number {
  let used = 0;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) used += key.length + (storage.getItem(key)?.length ?? 0);
  }
  return used;
}

/** Whether `chars` more fit the budget next to what is kept now. */
export function compactRoomFor(chars: number, used: number, budget = COMPACT_BUDGET_CHARS): boolean {
  return used + chars <= budget;
}

/** The copies as BackupFiles: one key per file. A write the storage refuses (full) throws. */
export function storageBackupFiles(storage: StorageLike, prefix = COMPACT_KEY_PREFIX): BackupFiles {
  return {
    read: async (name) => storage.getItem(prefix + name),
    write: async (name, text) => storage.setItem(prefix + name, text),
    remove: async (name) => storage.removeItem(prefix + name),
  };
}
