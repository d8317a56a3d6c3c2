import Dexie, { liveQuery } from 'dexie';

/**
 * Runs `query` now and again whenever the tables it read change (in this tab or another).
 * Returns the unsubscribe function. The one way the UI watches the database.
 */
export function observe<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}

/**
 * Calls `listener` after any write to the app's database, in this tab, another tab or a worker
 * (Dexie broadcasts its mutations). For work that follows every change, such as the backups.
 */
export function onDatabaseChange(listener: () => void): () => void {
  const handler = () => listener();
  Dexie.on('storagemutated', handler);
  return () => Dexie.on('storagemutated').unsubscribe(handler);
}
