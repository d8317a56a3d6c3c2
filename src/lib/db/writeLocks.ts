/**
 * Web Locks held by the writers that must not overlap across tabs and workers: the full backups
 * (OPFS), their compact copies (localStorage), and a room probe run ahead of an import, which
 * takes both so that it never fills a nearly full disk while a backup is being written (there,
 * the backup's write failed and Chromium reset the database). Taken in the order given; every
 * holder of both takes them in LOCK_ORDER, so none waits for the other in a circle.
 */
export const BACKUP_LOCK = 'lifecycle-lab-backups';
export const COMPACT_BACKUP_LOCK = 'lifecycle-lab-compact-backups';
export const LOCK_ORDER = [BACKUP_LOCK, COMPACT_BACKUP_LOCK] as const;

/** Runs `work` holding the named locks; without the Web Locks API (Node tests) it just runs. */
export function exclusively<T>(names: readonly string[], work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks || names.length === 0) return work();
  const [first, ...rest] = names;
  return locks.request(first, () => exclusively(rest, work));
}
