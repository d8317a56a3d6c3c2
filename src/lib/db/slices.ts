import type { LifecycleDatabase } from './database';
import type { SliceRecord } from './records';
import type { ColumnSchema } from '$lib/core/data/dataset';
import { validateSlice, type SliceCondition } from '$lib/core/data/slices';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';

/** The project's slices, oldest first. */
export async function listSlices(db: LifecycleDatabase, projectId: string): Promise<SliceRecord[]> {
  const slices = await db.slices.where('projectId').equals(projectId).toArray();
  return slices.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Saves a new slice after checking its conditions against the dataset's columns. */
export async function createSlice(
  db: LifecycleDatabase,
  input: { projectId: string; name: string; where: SliceCondition[]; columns: readonly ColumnSchema[] },
): Promise<SliceRecord> {
  const name = input.name.trim();
  if (!name) throw new Error('A slice needs a name.');
  const record: SliceRecord = { id: newId(), projectId: input.projectId, name, where: input.where, createdAt: nowIso() };
  const problems = validateSlice(record, input.columns);
  if (problems.length) throw new Error(problems.join(' '));
  await db.transaction('rw', [db.slices, db.auditLog], async () => {
    await db.slices.add(record);
    await appendAudit(db, { projectId: input.projectId, action: 'data.slice', detail: `Defined slice “${name}”`, refs: { sliceId: record.id } });
  });
  return record;
}

export async function deleteSlice(db: LifecycleDatabase, slice: SliceRecord): Promise<void> {
  await db.transaction('rw', [db.slices, db.auditLog], async () => {
    await db.slices.delete(slice.id);
    await appendAudit(db, { projectId: slice.projectId, action: 'data.slice.delete', detail: `Removed slice “${slice.name}”`, refs: { sliceId: slice.id } });
  });
}
