import { liveQuery } from 'dexie';

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
