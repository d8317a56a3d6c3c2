import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { connect } from '$lib/db/connection';
import { observe } from '$lib/db/observe';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1, SCHEMA_V2 } from '$lib/db/schema';
import { createProject, listProjects, renameProject } from '$lib/db/projects';
import type { ProjectRecord } from '$lib/db/records';
import { freshDb, waitFor } from './testDb';

const names: string[] = [];
const connections: Dexie[] = [];

function track<T extends Dexie>(db: T): T {
  connections.push(db);
  if (!names.includes(db.name)) names.push(db.name);
  return db;
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of connections.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

function uniqueName(): string {
  return `test-conn-${crypto.randomUUID()}`;
}

function events() {
  return { onVersionChange: vi.fn(), onBlocked: vi.fn() };
}

describe('connect', () => {
  it('opens the database at the current schema version', async () => {
    const spies = events();
    const db = track(connect(spies, uniqueName()));
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const p = await createProject(db, { name: 'Through connect' });
    expect((await listProjects(db)).map((x) => x.id)).toEqual([p.id]);
    expect(spies.onVersionChange).not.toHaveBeenCalled();
    expect(spies.onBlocked).not.toHaveBeenCalled();
  });

  it('closes at once and reports it when another tab opens a newer schema', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = uniqueName();
    const spies = events();
    const tabA = track(connect(spies, name));
    await tabA.open();
    await createProject(tabA, { name: 'Made in tab A' });

    const tabB = track(new Dexie(name));
    tabB.version(CURRENT_SCHEMA_VERSION + 1).stores({ ...SCHEMA_V1, ...SCHEMA_V2, notes: '++id' });
    await tabB.open(); // would hang (blocked) if tab A kept its connection open

    expect(spies.onVersionChange).toHaveBeenCalledOnce();
    expect(spies.onBlocked).not.toHaveBeenCalled();
    expect(tabA.isOpen()).toBe(false);
    expect(tabB.isOpen()).toBe(true);
    expect(tabB.verno).toBe(CURRENT_SCHEMA_VERSION + 1);
    expect(await tabB.table('projects').count()).toBe(1);
    // Tab A stays closed (it must reload) rather than silently reopening an outdated schema.
    await expect(tabA.projects.count()).rejects.toThrow();
    // Our handler replaced Dexie's default one (which only logs a warning and closes).
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('Another connection wants to upgrade'));
  });

  it('reports a blocked upgrade while an older tab holds on, then completes', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = uniqueName();
    const oldTab = track(new Dexie(name));
    oldTab.version(1).stores(SCHEMA_V1);
    oldTab.on('versionchange', () => false); // an old tab that neither closes nor reloads
    await oldTab.open();

    const spies = events();
    const newTab = track(connect(spies, name));
    const opening = newTab.open();
    await waitFor(() => spies.onBlocked.mock.calls.length > 0, 2000, 'onBlocked');
    expect(newTab.isOpen()).toBe(false);

    oldTab.close();
    await opening;
    expect(newTab.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(spies.onVersionChange).not.toHaveBeenCalled();
  });
});

describe('observe', () => {
  it('emits the current value, then again after each write, until unsubscribed', async () => {
    const db = track(freshDb());
    const values: ProjectRecord[][] = [];
    const onError = vi.fn();
    const stop = observe(() => listProjects(db), (v) => values.push(v), onError);

    await waitFor(() => values.length >= 1, 2000, 'the initial value');
    expect(values[0]).toEqual([]);

    const p = await createProject(db, { name: 'Watched' });
    await waitFor(() => values.some((v) => v.length === 1), 2000, 'the value after a create');
    expect(values.at(-1)?.map((x) => x.name)).toEqual(['Watched']);

    await renameProject(db, p.id, 'Watched, renamed');
    await waitFor(() => values.at(-1)?.[0]?.name === 'Watched, renamed', 2000, 'the value after a rename');

    stop();
    const seen = values.length;
    // A second observer, still subscribed, is the signal that the write was announced.
    const later: ProjectRecord[][] = [];
    const stopLater = observe(() => listProjects(db), (v) => later.push(v), onError);
    await createProject(db, { name: 'Unwatched' });
    await waitFor(() => later.some((v) => v.some((x) => x.name === 'Unwatched')), 2000, 'the second observer to see the write');
    stopLater();
    expect(values.length).toBe(seen);
    expect(onError).not.toHaveBeenCalled();
  });

  it('passes query errors to onError', async () => {
    const onValue = vi.fn();
    const onError = vi.fn();
    const stop = observe(() => Promise.reject(new Error('query failed')), onValue, onError);
    await waitFor(() => onError.mock.calls.length > 0, 2000, 'onError');
    expect(onError.mock.calls[0][0]).toBeInstanceOf(Error);
    expect((onError.mock.calls[0][0] as Error).message).toBe('query failed');
    expect(onValue).not.toHaveBeenCalled();
    stop();
  });
});
