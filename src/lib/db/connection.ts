import { LifecycleDatabase, DATABASE_NAME } from './database';

export interface ConnectionEvents {
  /** Another tab opened a newer schema: this tab's connection is closed and must reload. */
  onVersionChange(): void;
  /** This tab's upgrade waits for older tabs to close. */
  onBlocked(): void;
}

/**
 * Opens the app's database and wires the cross-tab upgrade events: on `versionchange` the
 * connection closes at once so the other tab's upgrade can proceed, and the user is told.
 */
export function connect(events: ConnectionEvents, name = DATABASE_NAME): LifecycleDatabase {
  const db = new LifecycleDatabase(name);
  db.on('versionchange', () => {
    db.close();
    events.onVersionChange();
    return false; // we handled it; Dexie must not reload or close again
  });
  db.on('blocked', () => events.onBlocked());
  return db;
}
