/**
 * Keeps the endpoint from logging into a full disk: before a batch of prediction logs is
 * written, the room left is checked (storage.ts, at most every CHECK_EVERY_MS or
 * CHECK_EVERY_BYTES of logs); when there is none, or a write fails on storage, logging pauses
 * — predictions are still answered, their logs wait in memory (endpointLog.ts, bounded) — and
 * /api/v1/health says so. The next check that finds room resumes logging; after a failed write
 * that check comes with the next write. A write that ran the disk full could leave the database
 * unopenable until space is freed (issue 11), which would stop serving altogether.
 */
import { storageErrorKind, describeStorageError } from '$lib/core/storage/storageErrors';

export const CHECK_EVERY_MS = 30_000;
/** Bytes of logs written between two checks; each check asks room for this much. */
export const CHECK_EVERY_BYTES = 1024 * 1024;

export interface LogRoom {
  /** Whether this batch (about `bytes`) may be written now. */
  allows(bytes: number): Promise<boolean>;
  /** A log write failed: a storage failure pauses logging. */
  failed(error: unknown): void;
  /** Why logging is paused, or null while it runs. */
  readonly pausedBecause: string | null;
}

export function createLogRoom(ensureRoom: (bytes: number) => Promise<void>, now: () => number = Date.now): LogRoom {
  let checkedAt = -Infinity;
  let sinceCheck = 0;
  let paused: string | null = null;
  return {
    async allows(bytes) {
      sinceCheck += bytes;
      if (paused === null && now() - checkedAt < CHECK_EVERY_MS && sinceCheck < CHECK_EVERY_BYTES) return true;
      if (paused !== null && now() - checkedAt < CHECK_EVERY_MS) return false;
      checkedAt = now();
      sinceCheck = 0;
      try {
        await ensureRoom(CHECK_EVERY_BYTES);
        paused = null;
      } catch (error) {
        paused = `Prediction logging is paused: ${describeStorageError(error)}`;
      }
      return paused === null;
    },
    failed(error) {
      if (storageErrorKind(error) === 'other') return;
      paused = `Prediction logging is paused: ${describeStorageError(error)}`;
      // The next write checks the room first: a write can fail on a moment's pressure.
      checkedAt = -Infinity;
    },
    get pausedBecause() {
      return paused;
    },
  };
}
