import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createSlice, deleteSlice, listSlices } from '$lib/db/slices';
import { listAudit } from '$lib/db/audit';
import type { ColumnSchema } from '$lib/core/data/dataset';
import { freshDb } from './testDb';

const columns: ColumnSchema[] = [
  { name: 'text', type: 'text' },
  { name: 'channel', type: 'category' },
  { name: 'tier', type: 'category' },
];

let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Slices' })).id;
});

afterEach(async () => {
  await db.delete();
});

describe('slices', () => {
  it('saves, lists and deletes slices with an audit trail', async () => {
    const email = await createSlice(db, { projectId, name: ' Email ', where: [{ column: 'channel', op: '=', value: 'email' }], columns });
    await createSlice(db, { projectId, name: 'Enterprise', where: [{ column: 'tier', op: '=', value: 'enterprise' }], columns });
    expect((await listSlices(db, projectId)).map((s) => s.name)).toEqual(['Email', 'Enterprise']);
    await deleteSlice(db, email);
    expect((await listSlices(db, projectId)).map((s) => s.name)).toEqual(['Enterprise']);
    expect((await listAudit(db, projectId)).map((a) => a.action)).toContain('data.slice.delete');
  });

  it('refuses a slice on a column the dataset does not have, or without a name', async () => {
    await expect(createSlice(db, { projectId, name: 'Bad', where: [{ column: 'region', op: '=', value: 'EU' }], columns })).rejects.toThrow(/region/);
    await expect(createSlice(db, { projectId, name: '  ', where: [], columns })).rejects.toThrow(/name/);
    expect(await listSlices(db, projectId)).toEqual([]);
  });
});
