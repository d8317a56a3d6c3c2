/** The owner's text in model cards, one record per model version. */
import type { LifecycleDatabase } from './database';
import type { ModelCardRecord } from './records';
import { nowIso } from './ids';
import { appendAudit } from './audit';
import { EMPTY_MODEL_CARD_EDITS, normaliseModelCardEdits, type ModelCardEdits } from '$lib/core/registry/modelCardEdits';

/** A version's card edits; all empty (= generated text) when none were saved. */
export async function getModelCardEdits(db: LifecycleDatabase, modelVersionId: string): Promise<ModelCardEdits> {
  const record = await db.modelCards.get(modelVersionId);
  return record ? normaliseModelCardEdits(record.edits) : { ...EMPTY_MODEL_CARD_EDITS };
}

export async function saveModelCardEdits(db: LifecycleDatabase, input: { modelVersionId: string; edits: ModelCardEdits; by: string }): Promise<ModelCardRecord> {
  return db.transaction('rw', [db.modelVersions, db.modelCards, db.auditLog, db.documents], async () => {
    const version = await db.modelVersions.get(input.modelVersionId);
    if (!version) throw new Error('That model version no longer exists.');
    // A governed card's text changes only through its document's versions (db/documents.ts).
    if ((await db.documents.where('[projectId+kind+subjectId]').equals([version.projectId, 'model-card', version.id]).count()) > 0) {
      throw new Error(`The model card of ${version.modelName} version ${version.version} is a governed document: edit it under Govern → Documents, where its versions are reviewed.`);
    }
    const record: ModelCardRecord = { modelVersionId: version.id, projectId: version.projectId, edits: normaliseModelCardEdits(input.edits), updatedAt: nowIso(), by: input.by };
    await db.modelCards.put(record);
    await appendAudit(db, { projectId: version.projectId, actor: input.by, action: 'registry.card', detail: `Edited the model card of ${version.modelName} version ${version.version}`, refs: { modelVersionId: version.id } });
    return record;
  });
}
