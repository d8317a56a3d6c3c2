import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { modelImportJob } from '$lib/workers/modelImportJob';
import { freshDbsPerTest } from '../db/testDb';
import { unreadFile } from './unreadFile';

const MB = 1024 * 1024;
const open = freshDbsPerTest();
let db: LifecycleDatabase;

beforeEach(() => {
  db = open();
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
