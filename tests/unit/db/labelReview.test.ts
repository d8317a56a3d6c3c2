import { describe, expect, it, vi } from 'vitest';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { readAuditChain } from '$lib/db/audit';
import { confirmLabel, labelEventsOf } from '$lib/db/labelReview';
import { documentFacts } from '$lib/db/documentFacts';
import { sectionFacts } from '$lib/core/documents/governed/catalog';
import { freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();

describe('confirming a label', () => {
  it('records a label event that keeps the label, with an audit entry, and reads back by row', async () => {
    const db = open();
    const { id: projectId } = await createProject(db, { name: 'Confirm' });
    const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(3) });
    const event = await confirmLabel(db, { projectId, datasetVersionId: version.id, rowKey: 'r1', label: 'b', by: 'Ana' });
    expect(event).toMatchObject({ projectId, datasetVersionId: version.id, rowKey: 'r1', label: 'b', previousLabel: 'b', by: 'Ana' });
    expect(await labelEventsOf(db, projectId, new Set(['r1']))).toEqual([event]);
    expect(await labelEventsOf(db, projectId, new Set(['r0']))).toEqual([]);
    const entry = (await readAuditChain(db, projectId)).find((e) => e.action === 'data.confirm-label');
    expect(entry).toMatchObject({ actor: 'Ana', detail: 'Kept the label b of r1 in dataset version 1', refs: { datasetVersionId: version.id } });
  });

  it('writes nothing when the audit entry cannot be written, or the version is gone', async () => {
    const db = open();
    const { id: projectId } = await createProject(db, { name: 'Confirm' });
    const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(3) });
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(confirmLabel(db, { projectId, datasetVersionId: version.id, rowKey: 'r1', label: 'b', by: 'Ana' })).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    await expect(confirmLabel(db, { projectId, datasetVersionId: 'gone', rowKey: 'r1', label: 'b', by: 'Ana' })).rejects.toThrow('no longer exists');
    expect(await db.labelEvents.count()).toBe(0);
  });

  it('is not counted as a label change in the datasheet', async () => {
    const db = open();
    const { id: projectId } = await createProject(db, { name: 'Confirm' });
    const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(3) });
    await confirmLabel(db, { projectId, datasetVersionId: version.id, rowKey: 'r1', label: 'b', by: 'Ana' });
    const lines = sectionFacts((await documentFacts(db, { kind: 'datasheet', subjectId: version.id })).facts);
    expect(lines.preprocessing.at(-1)?.text).toBe('No label changes recorded.');
  });
});
