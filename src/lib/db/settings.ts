import type { LifecycleDatabase } from './database';

export async function getSetting<T>(db: LifecycleDatabase, key: string, fallback: T): Promise<T> {
  const record = await db.settings.get(key);
  return record === undefined ? fallback : (record.value as T);
}

export async function setSetting(db: LifecycleDatabase, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
