/**
 * Label changes read for the loop back (the labelling queue's re-checks and the agreement report),
 * and a person's confirmation of a row's label: a label event whose label equals the previous one,
 * since keeping a label changes no row and so makes no dataset version.
 */
import type { LifecycleDatabase } from './database';
import type { LabelEventRecord } from './records';
import { appendAudit } from './audit';
import { nowIso } from './ids';

/** The project's label events of these rows (all its rows when `keys` is left out), in order of writing. */
export async function labelEventsOf(db: LifecycleDatabase, projectId: string, keys?: ReadonlySet<string>): Promise<LabelEventRecord[]> {
  const events = await db.labelEvents.where('projectId').equals(projectId).toArray();
  return keys ? events.filter((e) => keys.has(e.rowKey)) : events;
}

/**
 * Records that a person re-checked a row of `datasetVersionId` and kept its label, with an audit
 * entry, in one transaction. Throws when the version is gone.
 */
export async function confirmLabel(
  db: LifecycleDatabase,
  input: { projectId: string; datasetVersionId: string; rowKey: string; label: string; by: string },
): Promise<LabelEventRecord> {
  return db.transaction('rw', [db.datasetVersions, db.labelEvents, db.auditLog], async () => {
    const version = await db.datasetVersions.get(input.datasetVersionId);
    if (!version || version.projectId !== input.projectId) throw new Error('That dataset version no longer exists.');
    const event: LabelEventRecord = {
      projectId: input.projectId, datasetVersionId: version.id, rowKey: input.rowKey, label: input.label, previousLabel: input.label, at: nowIso(), by: input.by,
    };
    event.id = await db.labelEvents.add(event);
    await appendAudit(db, {
      projectId: input.projectId,
      actor: input.by,
      action: 'data.confirm-label',
      detail: `Kept the label ${input.label} of ${input.rowKey} in dataset version ${version.number}`,
      refs: { datasetVersionId: version.id },
    });
    return event;
  });
}
