/**
 * Browser storage: persistence, usage and the errors IndexedDB raises when it is full.
 */

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

function isQuotaError(error: unknown): boolean {
  // Dexie wraps the browser's error in `inner`; a few levels is all it ever nests.
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++, e = (e as { inner?: unknown }).inner) {
    if ((e as { name?: string }).name === 'QuotaExceededError') return true;
  }
  return false;
}

/**
 * A message a person can act on for a failed database operation. Quota errors say so plainly:
 * the transaction was rolled back, so nothing half-written stays behind.
 */
export function describeStorageError(error: unknown): string {
  if (isQuotaError(error)) {
    return 'The browser’s storage for this site is full, so the change was not saved (nothing was half-written). Free space by deleting projects or old dataset versions, or allow more storage in the browser settings, then try again.';
  }
  if (error instanceof Error && error.message) return error.message;
  return 'The change could not be saved.';
}
