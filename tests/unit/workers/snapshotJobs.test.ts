import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { snapshotImportJob, snapshotReadJob } from '$lib/workers/snapshotJobs';
import { freshDbsPerTest } from '../db/testDb';
import { unreadFile } from './unreadFile';
import v0 from '../snapshot/documents/snapshot.v0.json';

const MB = 1024 * 1024;
const open = freshDbsPerTest();
let db: LifecycleDatabase;

beforeEach(() => {
  db = open();
});

describe('snapshot files in the data worker', () => {
  it('refuses a file over the limit with its size and the limit, without reading it', async () => {
    const { file, reads } = unreadFile(630 * MB);
    const problems = [{ path: '', message: 'the file is too large to read: 630.0 MB, and at most 256.0 MB is read.' }];
    expect(await snapshotReadJob(file)).toEqual({ ok: false, problems });
    expect(await snapshotImportJob(db, file, 'Ana')).toEqual({ ok: false, problems });
    expect(reads).toEqual([]);
    expect(await db.projects.count()).toBe(0);
  });

  it('reads a file and hands the page the document without its rows and model files', async () => {
    const read = await snapshotReadJob(new Blob([JSON.stringify(v0)], { type: 'application/json' }));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.document.project.name).toBe('Ticket triage (pre-release)');
    expect(read.document.options).toMatchObject({ includeRows: false, includeWeights: false });
    expect(read.document.datasets.versions.map((v) => [v.number, v.rowCount, 'rows' in v])).toEqual([[1, 4, false], [2, 4, false]]);
    expect(read.document.datasets.labelEvents).toEqual([]);
  });

  it('imports a file it has read as a new project', async () => {
    const result = await snapshotImportJob(db, new Blob([JSON.stringify(v0)]), 'Ana');
    expect(result.ok && result.project.name).toBe('Ticket triage (pre-release)');
  });
});
