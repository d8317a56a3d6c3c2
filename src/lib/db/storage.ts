/**
 * Browser storage: persistence, usage, room before large writes, and the errors IndexedDB raises
 * when it is full.
 */
import { needsProbe, roomFor, roomNeeded, type RoomProbe } from '$lib/core/storage/room';
import { NotEnoughRoomError } from '$lib/core/storage/storageErrors';
import { formatBytes } from '$lib/format';
import { probeFreeSpace } from './opfsFiles';
import { LOCK_ORDER, exclusively } from './writeLocks';

export interface StorageStatus {
  /** Bytes used and available to this origin; null where the browser does not say. */
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage;
  if (!storage) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate ? storage.estimate() : Promise.resolve({} as StorageEstimate),
    storage.persisted ? storage.persisted() : Promise.resolve(null),
  ]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Asks the browser not to evict our data under storage pressure; true when granted. */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  return storage.persist();
}

const PROBE_CAP_BYTES = 32 * 1024 * 1024;

/**
 * Refuses (NotEnoughRoomError) before a write of about `bytes` that would not fit, with a
 * message saying what was refused and what to do. `what` completes "There is not enough free
 * storage to …". One decision (core/storage/room.ts) for every large write.
 */
export async function ensureRoomFor(bytes: number, what: string, probeRoom: (bytes: number) => Promise<RoomProbe | null> = probeFreeSpace): Promise<void> {
  const storage = globalThis.navigator?.storage;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  // The probe really writes: capped, so a 100 MB import does not write 200 MB to find out. Past
  // the cap the estimate and the write's own error still hold. Small writes are not probed.
  const probe = needsProbe(bytes) ? await probeRoom(Math.min(roomNeeded(bytes), PROBE_CAP_BYTES)) : null;
  const decision = roomFor(bytes, { estimate, probe });
  if (decision.ok) return;
  throw new NotEnoughRoomError(
    `There is not enough free storage to ${what}: it needs about ${formatBytes(decision.needed)} and about ${formatBytes(decision.available)} is free. ` +
      'Nothing was written, and everything saved before is kept. Free disk space (or delete projects or old dataset and model versions here), export a snapshot of the projects you care about, then try again.',
  );
}

/**
 * The room check of a write still to come, run beside other work (an import's, while its file is
 * read and its columns and report are looked at), with `probe` run elsewhere (a worker of its
 * own, workers/roomProbeClient.ts). It holds the backup writers' locks, so it never fills a
 * nearly full disk while a backup is written — a backup write that failed there made Chromium
 * reset the database.
 */
export function ensureRoomAhead(bytes: number, what: string, probe: (bytes: number) => Promise<RoomProbe | null>): Promise<void> {
  return exclusively(LOCK_ORDER, () => ensureRoomFor(bytes, what, probe));
}

export { describeStorageError, storageErrorKind, NotEnoughRoomError } from '$lib/core/storage/storageErrors';
