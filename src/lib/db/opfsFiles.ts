/**
 * Files in the Origin Private File System (navigator.storage.getDirectory()): outside
 * IndexedDB, so a database the browser discards or cannot open leaves them alone. Used for the
 * project backups (core/backup) and the free-space probe (storage.ts). Null where the browser
 * has no OPFS (Node tests, old browsers): callers then go without.
 */
import type { BackupFiles } from '$lib/core/backup/backupFiles';
import { storageErrorKind } from '$lib/core/storage/storageErrors';

async function root(): Promise<FileSystemDirectoryHandle | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.getDirectory) return null;
  try {
    return await storage.getDirectory();
  } catch {
    return null;
  }
}

async function directory(name: string): Promise<FileSystemDirectoryHandle | null> {
  const top = await root();
  return top ? top.getDirectoryHandle(name, { create: true }) : null;
}

const CHUNK = 1024 * 1024;

/**
 * Writes `text` as the whole file: through a sync access handle in a worker (flushed before it
 * returns), else a writable stream. Throws on a full disk; the caller decides what a partly
 * written file means (backupWriter never points at one).
 */
async function writeWhole(handle: FileSystemFileHandle, data: Uint8Array): Promise<void> {
  const sync = (handle as { createSyncAccessHandle?: () => Promise<FileSystemSyncAccessHandleLike> }).createSyncAccessHandle;
  if (typeof sync === 'function') {
    const access = await sync.call(handle);
    try {
      access.truncate(0);
      let at = 0;
      while (at < data.length) {
        const n = access.write(data.subarray(at, at + CHUNK), { at });
        if (n <= 0) throw new DOMException('No space left to write the file.', 'QuotaExceededError');
        at += n;
      }
      access.flush();
    } finally {
      access.close();
    }
    return;
  }
  const writable = await handle.createWritable();
  try {
    await writable.write(data as BufferSource);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

interface FileSystemSyncAccessHandleLike {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

/** The backup folder as BackupFiles, or null without OPFS. */
export async function opfsBackupFiles(folder = 'backups'): Promise<BackupFiles | null> {
  const dir = await directory(folder).catch(() => null);
  if (!dir) return null;
  return {
    async read(name) {
      try {
        const file = await (await dir.getFileHandle(name)).getFile();
        return await file.text();
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFoundError') return null;
        throw error;
      }
    },
    async write(name, text) {
      await writeWhole(await dir.getFileHandle(name, { create: true }), new TextEncoder().encode(text));
    },
    async remove(name) {
      await dir.removeEntry(name).catch(() => undefined);
    },
  };
}

/**
 * Really writes `bytes` zero bytes to a scratch file, then removes it: how many fitted (all of
 * them when there is room). Null without OPFS. This is the free-disk signal the estimate lacks.
 */
export async function probeFreeSpace(bytes: number): Promise<{ requested: number; written: number } | null> {
  const dir = await directory('scratch').catch(() => null);
  if (!dir) return null;
  const name = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  try {
    const handle = await dir.getFileHandle(name, { create: true });
    const sync = (handle as { createSyncAccessHandle?: () => Promise<FileSystemSyncAccessHandleLike> }).createSyncAccessHandle;
    if (typeof sync === 'function') return { requested: bytes, written: await probeSync(await sync.call(handle), bytes) };
    // Not every context can write OPFS files (a service worker may not): no signal, not "no room".
    if (typeof handle.createWritable !== 'function') return null;
    return { requested: bytes, written: await probeWritable(await handle.createWritable(), bytes) };
  } catch (error) {
    return storageErrorKind(error) === 'other' ? null : { requested: bytes, written: 0 };
  } finally {
    await dir.removeEntry(name).catch(() => undefined);
  }
}

const zeros = (n: number) => new Uint8Array(Math.min(CHUNK, n));

function probeSync(access: FileSystemSyncAccessHandleLike, bytes: number): number {
  let written = 0;
  const chunk = zeros(bytes);
  try {
    while (written < bytes) {
      const n = access.write(chunk.subarray(0, Math.min(CHUNK, bytes - written)), { at: written });
      if (n <= 0) break;
      written += n;
    }
    access.flush();
  } catch {
    // The disk is full at `written`.
  } finally {
    access.close();
  }
  return written;
}

async function probeWritable(writable: FileSystemWritableFileStream, bytes: number): Promise<number> {
  let written = 0;
  const chunk = zeros(bytes);
  try {
    while (written < bytes) {
      const n = Math.min(CHUNK, bytes - written);
      await writable.write(chunk.subarray(0, n) as BufferSource);
      written += n;
    }
    await writable.close();
    return written;
  } catch {
    // A writable stream commits on close: after a failure, count the room as not there.
    await writable.abort().catch(() => undefined);
    return 0;
  }
}
