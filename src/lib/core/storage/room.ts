/**
 * Is there room for a write of N bytes? Decided before large writes (a CSV import, a snapshot
 * import, a training run's files, the endpoint's logs, a backup), because a write that runs the
 * disk full is worse than a refused one: Chromium then cannot even reopen the database until
 * space is freed (measured on a 60 MB profile filled to 300 KB free, issue 11).
 *
 * The browser's estimate alone cannot decide it: on that nearly full 60 MB disk Chromium 156
 * reported quota 1.07 GB and usage 1.6 MB (the quota follows the profile's size rules, not the
 * free space). So a write is also preceded by a probe — the room is really written to a scratch
 * file and given back — and both must agree.
 *
 * The probe's cost, measured (Chromium 156, 60 MB profile, 300 KB free, issue 11): a write that
 * fails for want of room — the probe's as much as IndexedDB's — starts Chromium's eviction round,
 * which, when free space is under 10 % of the disk and the stored data is at least half the
 * shortfall, deletes whole sites that are not persistent, least recently used first (IndexedDB,
 * OPFS, service worker; not localStorage); `estimate()` and idle time do not. The probe only
 * runs before a write that needs the room, so it fails where that write would have failed,
 * without leaving a half-written database; what survives the eviction is the compact backup
 * copies in localStorage (core/backup/compactBackup.ts).
 *
 * IndexedDB writes more than the values' size (the LevelDB log, then compaction rewrites it), so
 * the room asked for is twice the write plus a fixed reserve that keeps the app able to save
 * small changes (a label, a gate) and to start.
 */

/** What the browser says about this origin's storage (navigator.storage.estimate()), in bytes. */
export interface StorageEstimateFigures {
  usage?: number | null;
  quota?: number | null;
}

/** Kept free for small saves and for the database to reopen (bytes). */
export const STORAGE_RESERVE_BYTES = 4 * 1024 * 1024;
/** Bytes written per byte of data, LevelDB log and compaction included (a rough upper bound). */
export const WRITE_AMPLIFICATION = 2;

/**
 * Writes of at most this many bytes are decided on the estimate alone, without the probe. The
 * probe guards big writes and always writes the reserve too: 4 MB of real writing that a
 * 10k-ticket run waited 74 ms for before storing a model of about 100 KB. A write this small is
 * the kind of save the reserve is kept for, and where the disk is full after all its transaction
 * fails whole and the error is translated (storageErrors.ts). The endpoint's log checks (1 MB)
 * and every import or restore above this size are still probed.
 */
export const UNPROBED_WRITE_BYTES = 512 * 1024;

/** Whether a write of `bytes` is preceded by the probe (else `roomFor` decides on the estimate). */
export function needsProbe(bytes: number): boolean {
  return bytes > UNPROBED_WRITE_BYTES;
}

/** The result of really writing `requested` bytes to a scratch file: `written` of them fitted. */
export interface RoomProbe {
  requested: number;
  written: number;
}

export type RoomDecision =
  | { ok: true; needed: number; available: number | null }
  | { ok: false; needed: number; available: number };

/** Room needed for `bytes` of data: amplified write plus the reserve. */
export function roomNeeded(bytes: number): number {
  return Math.ceil(Math.max(0, bytes) * WRITE_AMPLIFICATION) + STORAGE_RESERVE_BYTES;
}

/**
 * Whether `bytes` can be written given the browser's estimate and a probe of `roomNeeded(bytes)`
 * bytes. A signal we do not have (no StorageManager, no file system to probe) does not refuse:
 * the write's own error is then translated (storageErrors.ts), and the backups keep what was
 * there. `available` is the tightest known figure (a probe that fitted whole does not bound it).
 */
export function roomFor(bytes: number, signals: { estimate: StorageEstimateFigures | null; probe: RoomProbe | null }): RoomDecision {
  const needed = roomNeeded(bytes);
  const bounds: number[] = [];
  const { usage, quota } = signals.estimate ?? {};
  if (typeof usage === 'number' && typeof quota === 'number' && Number.isFinite(quota)) bounds.push(Math.max(0, quota - usage));
  const { probe } = signals;
  if (probe && probe.written < probe.requested) bounds.push(probe.written);
  if (!bounds.length) return { ok: true, needed, available: null };
  const available = Math.min(...bounds);
  return available >= needed ? { ok: true, needed, available } : { ok: false, needed, available };
}
