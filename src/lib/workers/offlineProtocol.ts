/** Messages between the page and the service worker about the offline copy and updates. */

/** Page → waiting worker: take over now (the person accepted the update). */
export const SKIP_WAITING = 'SKIP_WAITING';
/** Page → worker, with a MessagePort to answer on: how complete is the offline copy? */
export const OFFLINE_STATUS = 'OFFLINE_STATUS';

export interface OfflineStatus {
  /** Null when this worker was built without a manifest (it then keeps no offline copy). */
  buildId: string | null;
  version: string | null;
  /** Every file of this build is cached: the app starts with no network. */
  complete: boolean;
  files: number;
  missing: number;
  /** Sum of the cached files' sizes in bytes (the manifest's: the cache holds them byte for byte). */
  cachedBytes: number;
}
