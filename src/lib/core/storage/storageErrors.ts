/**
 * The one translation of storage failures into words a person can act on, used by every path
 * that reports an error: page notices, worker replies (rpc.ts), the service worker's answers.
 *
 * Shapes seen from IndexedDB and Dexie (issue 11):
 * - a DOMException `QuotaExceededError`, possibly wrapped by Dexie in `inner` (a few levels);
 * - Dexie's `BulkError`/`ModifyError`, whose `failures` hold one error per failed operation, and
 *   whose message lists them ("rowBlocks.bulkAdd(): 4 of 8 operations failed. Errors: AbortError: …");
 * - an `AbortError` whose `inner` is the quota error, or only the quota error's text in a
 *   message ("/: QuotaExceededError") once it crossed a worker boundary as a string;
 * - only `AbortError`s with no cause (what Chromium 156 gave on a nearly full 60 MB disk: the
 *   import's transaction aborted under `rowBlocks.bulkAdd()`, the quota error nowhere in reach);
 *   a cancel also aborts, but rpc.ts reports cancels before asking here;
 * - Chromium's "Internal error opening backing store" (UnknownError) when the database cannot be
 *   reopened on a full disk: nothing is deleted, but nothing can be read until space is freed;
 * - our own `NotEnoughRoomError` (room.ts decided the write would not fit; nothing was written).
 */

export type StorageErrorKind = 'quota' | 'no-room' | 'aborted' | 'cannot-open' | 'other';

const QUOTA_TEXT = /QuotaExceeded|quota (has been )?exceeded|No space left|disk is full/i;
const OPEN_TEXT = /opening backing store|Internal error opening/i;
const ABORT_TEXT = /AbortError|transaction was aborted/i;

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  failures?: unknown;
}

/** The error and every error it wraps (Dexie's `inner`, bulk `failures`), breadth first, bounded. */
function causes(error: unknown): ErrorShape[] {
  const out: ErrorShape[] = [];
  const queue: unknown[] = [error];
  while (queue.length && out.length < 50) {
    const e = queue.shift();
    if (!e || typeof e !== 'object') {
      if (typeof e === 'string') out.push({ message: e });
      continue;
    }
    const shape = e as ErrorShape;
    out.push(shape);
    if (shape.inner) queue.push(shape.inner);
    if (Array.isArray(shape.failures)) queue.push(...shape.failures);
    else if (shape.failures && typeof shape.failures === 'object') queue.push(...Object.values(shape.failures));
  }
  return out;
}

/** What kind of storage failure `error` is ('other' for everything else). */
export function storageErrorKind(error: unknown): StorageErrorKind {
  const all = causes(error);
  if (all.some((e) => e.name === NOT_ENOUGH_ROOM)) return 'no-room';
  if (all.some((e) => e.name === 'QuotaExceededError' || (typeof e.message === 'string' && QUOTA_TEXT.test(e.message)))) return 'quota';
  if (all.some((e) => typeof e.message === 'string' && OPEN_TEXT.test(e.message))) return 'cannot-open';
  if (all.some((e) => e.name === 'AbortError' || (typeof e.message === 'string' && ABORT_TEXT.test(e.message)))) return 'aborted';
  return 'other';
}

const WHAT_TO_DO =
  'Free disk space (or delete projects or old dataset and model versions here), export a snapshot of the projects you care about (Govern → Snapshot & export), then try again.';

/** What was kept, said once for every storage failure: each change is one transaction. */
const KEPT = 'Nothing of this change was saved, and everything saved before is kept.';

/**
 * A message a person can act on for a failed storage operation; other errors keep their message
 * (a thrown string too, when `keepText`: a worker's job may throw one).
 */
export function describeStorageError(error: unknown, options: { keepText?: boolean } = {}): string {
  const kind = storageErrorKind(error);
  if (kind === 'no-room') return messageOf(error) ?? `There is not enough free storage for this. ${KEPT} ${WHAT_TO_DO}`;
  if (kind === 'quota') return `The disk or the browser’s storage for this site is full, so the change was not saved (nothing was half-written). ${KEPT} ${WHAT_TO_DO}`;
  if (kind === 'aborted') {
    return `The browser stopped the save before it finished, most often because the disk is full. ${KEPT} ${WHAT_TO_DO}`;
  }
  if (kind === 'cannot-open') {
    return 'The browser could not open this site’s database, which happens when the disk is full. Nothing was deleted: free disk space, then reload this page to see your projects again.';
  }
  if (options.keepText && typeof error === 'string' && error) return error;
  return messageOf(error) ?? 'The change could not be saved.';
}

function messageOf(error: unknown): string | null {
  return error instanceof Error && error.message ? error.message : null;
}

const NOT_ENOUGH_ROOM = 'NotEnoughRoomError';

/** Thrown before a write that room.ts decided would not fit; nothing was written. */
export class NotEnoughRoomError extends Error {
  constructor(message: string) {
    super(message);
    this.name = NOT_ENOUGH_ROOM;
  }
}
