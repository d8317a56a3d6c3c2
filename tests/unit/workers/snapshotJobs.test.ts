import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { snapshotImportJob, snapshotReadJob } from '$lib/workers/snapshotJobs';
import { modelImportJob } from '$lib/workers/modelImportJob';
import { freshDb } from '../db/testDb';
import v0 from '../snapshot/documents/snapshot.v0.json';

/**
 * A file as the page hands it over, `size` bytes long, that records every attempt to read it:
 * its size is all a refusal may look at, and a 700 MB file costs no memory here.
 */
function unreadFile(size: number): { file: Blob; reads: string[] } {
  const reads: string[] = [];
  const read = (how: string) => () => {
    reads.push(how);
    return Promise.reject(new Error('read'));
  };
  return { file: { size, type: '', text: read('text'), arrayBuffer: read('arrayBuffer'), bytes: read('bytes'), stream: read('stream'), slice: read('slice') } as unknown as Blob, reads };
}

const MB = 1024 * 1024;
let db: LifecycleDatabase;

beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
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

describe('model packages in the data worker', () => {
  it('refuses a package over the limit with its name and both sizes, without reading it', async () => {
    const { file, reads } = unreadFile(300 * MB);
    await expect(modelImportJob(db, { type: 'modelImport', projectId: 'p', file, fileName: 'huge.zip', by: 'Ana' })).rejects.toThrow(
      'huge.zip is not a model package we can read:\nthe file is too large to read: 300.0 MB, and at most 200.0 MB is read.',
    );
    expect(reads).toEqual([]);
  });
});
