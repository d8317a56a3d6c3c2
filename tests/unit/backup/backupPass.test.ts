import { describe, expect, it } from 'vitest';
import type { BackupFiles } from '$lib/core/backup/backupFiles';
import { assessStoredBackups, backupPass, discardBackups, readBackupIndex, restoreFromBackups, type BackupSource } from '$lib/core/backup/backupPass';
import { assessBackups, newestIndex, parseBackupIndex } from '$lib/core/backup/backupIndex';
import { NotEnoughRoomError } from '$lib/core/storage/storageErrors';

/** A folder in memory; `failWrites` makes writes fail the way a full disk does: part of the file lands, then an error. */
function memoryFiles(): BackupFiles & { files: Map<string, string>; failWrites: boolean } {
  const files = new Map<string, string>();
  return {
    files,
    failWrites: false,
    async read(name) {
      return files.get(name) ?? null;
    },
    async write(name, text) {
      if (this.failWrites) {
        files.set(name, text.slice(0, Math.floor(text.length / 2)));
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      files.set(name, text);
    },
    async remove(name) {
      files.delete(name);
    },
  };
}

/** A database of named projects whose content is a string per project. */
function fakeDb(projects: Record<string, string>) {
  const state = { databaseId: null as string | null, projects: { ...projects }, ids: 0, room: true, clock: 0 };
  const source: BackupSource = {
    databaseId: async () => state.databaseId,
    claimDatabase: async (id) => void (state.databaseId = id),
    newId: () => `db-${++state.ids}`,
    projects: async () => Object.keys(state.projects).map((id) => ({ id, name: `Project ${id}` })),
    fingerprint: async (id) => `fp:${state.projects[id]}`,
    snapshotText: async (id) => JSON.stringify({ id, content: state.projects[id] }),
    ensureRoom: async () => {
      if (!state.room) throw new NotEnoughRoomError('There is not enough free storage to back up this project.');
    },
    now: () => `2026-12-04T10:00:0${state.clock++}.000Z`,
  };
  return { state, source };
}

const contentOf = async (files: BackupFiles, projectId: string) => {
  const index = await readBackupIndex(files);
  const entry = index?.projects.find((p) => p.projectId === projectId);
  return entry ? JSON.parse((await files.read(entry.file))!).content : undefined;
};

describe('backupPass', () => {
  it('backs up every project, claims the database, and writes again only what changed', async () => {
    const files = memoryFiles();
    const { state, source } = fakeDb({ p1: 'one', p2: 'two' });
    expect((await backupPass(files, source)).written).toEqual(['p1', 'p2']);
    expect(state.databaseId).toBe('db-1');
    expect(await contentOf(files, 'p1')).toBe('one');

    state.projects.p2 = 'two, changed';
    expect((await backupPass(files, source)).written).toEqual(['p2']);
    expect(await contentOf(files, 'p2')).toBe('two, changed');
    expect((await backupPass(files, source)).written).toEqual([]);
  });

  it('never replaces a good backup with a partial one when the disk is full', async () => {
    const files = memoryFiles();
    const { state, source } = fakeDb({ p1: 'good' });
    await backupPass(files, source);
    const before = new Map(files.files);

    state.projects.p1 = 'newer';
    files.failWrites = true;
    const result = await backupPass(files, source);
    expect(result.failed.map((f) => f.projectId)).toEqual(['p1']);
    // The index still points at the good backup, which is untouched.
    expect(await contentOf(files, 'p1')).toBe('good');
    for (const [name, text] of before) expect(files.files.get(name)).toBe(text);

    // Even when the backup file fits but the index write fails half-way, the old index wins.
    let writes = 0;
    const write = files.write.bind(files);
    files.failWrites = false;
    files.write = async (name, text) => {
      if (++writes === 2) {
        files.files.set(name, text.slice(0, 10));
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return write(name, text);
    };
    await expect(backupPass(files, source)).rejects.toThrow(/quota/);
    expect(await contentOf(files, 'p1')).toBe('good');
  });

  it('skips a backup the room check refuses, keeping the previous one', async () => {
    const files = memoryFiles();
    const { state, source } = fakeDb({ p1: 'good' });
    await backupPass(files, source);
    state.projects.p1 = 'newer';
    state.room = false;
    const result = await backupPass(files, source);
    expect(result.failed[0].error).toBeInstanceOf(NotEnoughRoomError);
    expect(await contentOf(files, 'p1')).toBe('good');
  });

  it('removes the backups of projects deleted from the same database', async () => {
    const files = memoryFiles();
    const { state, source } = fakeDb({ p1: 'one', p2: 'two' });
    await backupPass(files, source);
    delete state.projects.p2;
    await backupPass(files, source);
    expect((await readBackupIndex(files))!.projects.map((p) => p.projectId)).toEqual(['p1']);
    expect([...files.files.keys()].filter((n) => n.includes('p2'))).toEqual([]);
    expect((await assessStoredBackups(files, source)).state).toBe('current');
  });
});

describe('a lost database', () => {
  async function lostSetup() {
    const files = memoryFiles();
    const old = fakeDb({ p1: 'first project', sample: 'sample' });
    await backupPass(files, old.source);
    // The browser discarded the database; the app seeded a fresh sample (a new id, no backup id).
    const fresh = fakeDb({ sample2: 'sample' });
    return { files, fresh };
  }

  it('is detected: a database without the backups’ id while the index lists projects it lacks', async () => {
    const { files, fresh } = await lostSetup();
    const assessment = await assessStoredBackups(files, fresh.source);
    expect(assessment.state).toBe('lost');
    expect(assessment.state === 'lost' && assessment.projects.map((p) => p.name)).toEqual(['Project p1', 'Project sample']);
    // Nothing is written over the backups until the person decides.
    const before = new Map(files.files);
    expect((await backupPass(files, fresh.source)).pending).toBe(true);
    expect(files.files).toEqual(before);
    expect(fresh.state.databaseId).toBeNull();
  });

  it('is restored through the import, and the backups then follow the restored projects', async () => {
    const { files, fresh } = await lostSetup();
    const imported: string[] = [];
    const result = await restoreFromBackups(files, fresh.source, async (text) => {
      const doc = JSON.parse(text) as { id: string; content: string };
      fresh.state.projects[`restored-${doc.id}`] = doc.content;
      imported.push(doc.content);
      return { id: `restored-${doc.id}` };
    });
    expect(imported).toEqual(['first project', 'sample']);
    expect(result.failed).toEqual([]);
    expect((await assessStoredBackups(files, fresh.source)).state).toBe('current');
    await backupPass(files, fresh.source);
    expect(await contentOf(files, 'restored-p1')).toBe('first project');
    expect((await readBackupIndex(files))!.projects.map((p) => p.projectId).sort()).toEqual(['restored-p1', 'restored-sample', 'sample2']);
  });

  it('a project that could not be restored stays on offer; the others are not offered twice', async () => {
    const { files, fresh } = await lostSetup();
    await restoreFromBackups(files, fresh.source, async (text) => {
      const doc = JSON.parse(text) as { id: string; content: string };
      if (doc.id === 'sample') throw new NotEnoughRoomError('There is not enough free storage to restore this project.');
      fresh.state.projects[`restored-${doc.id}`] = doc.content;
      return { id: `restored-${doc.id}` };
    });
    const assessment = await assessStoredBackups(files, fresh.source);
    expect(assessment.state === 'lost' && assessment.projects.map((p) => p.projectId)).toEqual(['sample']);
  });

  it('can be dismissed: the backups then follow the new database', async () => {
    const { files, fresh } = await lostSetup();
    await discardBackups(files, fresh.source);
    await backupPass(files, fresh.source);
    expect((await readBackupIndex(files))!.projects.map((p) => p.projectId)).toEqual(['sample2']);
  });
});

describe('the backup index', () => {
  it('takes the newest valid of the two slots and ignores a cut-short one', () => {
    const index = (sequence: number) => JSON.stringify({ kind: 'lifecycle-lab-backups', schemaVersion: 1, sequence, databaseId: 'd', projects: [] });
    expect(newestIndex([index(3), index(4)])!.sequence).toBe(4);
    expect(newestIndex([index(3), index(4).slice(0, 20)])!.sequence).toBe(3);
    expect(parseBackupIndex('{"kind":"other"}')).toBeNull();
    expect(parseBackupIndex(null)).toBeNull();
  });

  it('a database with the backups’ id is current, even with projects deleted', () => {
    const index = { kind: 'lifecycle-lab-backups' as const, schemaVersion: 1 as const, sequence: 1, databaseId: 'd', projects: [{ projectId: 'p', name: 'P', file: 'f', bytes: 1, backedUpAt: 't', fingerprint: 'x' }] };
    expect(assessBackups(index, 'd', []).state).toBe('current');
    expect(assessBackups(index, null, ['p']).state).toBe('none');
    expect(assessBackups(index, null, []).state).toBe('lost');
    expect(assessBackups(null, null, []).state).toBe('none');
  });
});
