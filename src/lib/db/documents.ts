/**
 * Governed documents (model cards, datasheets, Annex IV outlines): one record per version, and
 * every change through the rules of core/documents/governed/flow.ts, in one transaction with its
 * audit entry — a refused change writes nothing. A model card's written text is also kept in the
 * model card store, which the generated card, its downloads and the .zip read; once a card has a
 * document, this is the only path that writes its text (Deploy's editor refuses and links here).
 */
import type { LifecycleDatabase } from './database';
import type { ByPerson, DocumentKind, DocumentRecord } from './records';
import { DOCUMENT_CATALOG } from '$lib/core/documents/governed/catalog';
import { completeness } from '$lib/core/documents/governed/completeness';
import { decideEdit, decideTransition, type DocumentAction } from '$lib/core/documents/governed/flow';
import { normaliseFields } from '$lib/core/documents/governed/sections';
import { normaliseModelCardEdits } from '$lib/core/registry/modelCardEdits';
import { appendAudit } from './audit';
import { newId, nowIso } from './ids';

const byVersion = (a: DocumentRecord, b: DocumentRecord) => a.version - b.version;

/** Every version of every document of the project. */
export function documentsOfProject(db: LifecycleDatabase, projectId: string): Promise<DocumentRecord[]> {
  return db.documents.where('projectId').equals(projectId).toArray();
}

/** The versions of one document, oldest first. */
export async function documentLine(db: LifecycleDatabase, projectId: string, kind: DocumentKind, subjectId: string): Promise<DocumentRecord[]> {
  return (await db.documents.where('[projectId+kind+subjectId]').equals([projectId, kind, subjectId]).toArray()).sort(byVersion);
}

async function requireDocument(db: LifecycleDatabase, id: string): Promise<DocumentRecord> {
  const doc = await db.documents.get(id);
  if (!doc) throw new Error('That document version no longer exists.');
  return doc;
}

/** What the document is about, checked to be the project's; a model card's text written before documents existed. */
async function subjectOf(db: LifecycleDatabase, projectId: string, kind: DocumentKind, subjectId: string): Promise<{ seed: Record<string, string> }> {
  const notHere = new Error(`That ${DOCUMENT_CATALOG[kind].subjectWord} does not exist in this project.`);
  if (kind === 'model-card') {
    if ((await db.modelVersions.get(subjectId))?.projectId !== projectId) throw notHere;
    const card = await db.modelCards.get(subjectId);
    return { seed: card ? { ...normaliseModelCardEdits(card.edits) } : {} };
  }
  if (kind === 'datasheet') {
    if ((await db.datasetVersions.get(subjectId))?.projectId !== projectId) throw notHere;
    return { seed: {} };
  }
  if (subjectId !== projectId || !(await db.projects.get(projectId))) throw notHere;
  return { seed: {} };
}

const tables = (db: LifecycleDatabase) => [db.documents, db.auditLog, db.modelCards, db.modelVersions, db.datasetVersions, db.projects];

function refuse(reason: string): never {
  throw new Error(reason);
}

const named = (doc: DocumentRecord) => `${DOCUMENT_CATALOG[doc.kind].title} v${doc.version}`;

/**
 * Starts the document of `kind` about `subjectId` as a v1 Draft (a model card's v1 holds the
 * text already written for it); when the document exists, returns its newest version unchanged.
 */
export async function startDocument(db: LifecycleDatabase, input: { projectId: string; kind: DocumentKind; subjectId: string; by: ByPerson | null }): Promise<DocumentRecord> {
  const { projectId, kind, subjectId, by } = input;
  return db.transaction('rw', tables(db), async () => {
    const line = await documentLine(db, projectId, kind, subjectId);
    if (line.length > 0) return line[line.length - 1];
    if (!by) refuse('Choose who is acting first: every change to a document names a person.');
    const { seed } = await subjectOf(db, projectId, kind, subjectId);
    const at = nowIso();
    const doc: DocumentRecord = {
      id: newId(),
      projectId,
      kind,
      subjectId,
      version: 1,
      status: 'draft',
      fields: normaliseFields(DOCUMENT_CATALOG[kind].sections, seed),
      parentId: null,
      createdAt: at,
      transitions: [{ status: 'draft', at, by, note: Object.keys(seed).length ? 'Started from the text already written' : 'Started' }],
    };
    await db.documents.add(doc);
    await appendAudit(db, { projectId, actor: by.name, action: 'document.start', detail: `Started ${named(doc)}`, refs: { documentId: doc.id, subjectId } });
    return doc;
  });
}

/** Applies written text inside the caller's transaction: into a Draft, or as a new Draft version of an approved or in-review one. */
async function writeText(db: LifecycleDatabase, doc: DocumentRecord, fields: unknown, by: ByPerson | null): Promise<DocumentRecord> {
  const line = await documentLine(db, doc.projectId, doc.kind, doc.subjectId);
  const edit = decideEdit(doc, line[line.length - 1], by);
  if (!edit.ok) refuse(edit.reason);
  const text = normaliseFields(DOCUMENT_CATALOG[doc.kind].sections, fields);
  const at = nowIso();
  let saved: DocumentRecord;
  if (edit.mode === 'in-place') {
    saved = { ...doc, fields: text, transitions: [...doc.transitions, { status: 'draft', at, by, note: 'Edited' }] };
    await db.documents.put(saved);
  } else {
    saved = { ...doc, id: newId(), version: doc.version + 1, status: 'draft', fields: text, parentId: doc.id, createdAt: at, transitions: [{ status: 'draft', at, by, note: `Edited from v${doc.version}` }] };
    await db.documents.add(saved);
  }
  if (doc.kind === 'model-card') await mirrorCard(db, saved, by!);
  await appendAudit(db, { projectId: doc.projectId, actor: by!.name, action: 'document.edit', detail: edit.mode === 'in-place' ? `Edited ${named(saved)}` : `Edited ${named(doc)}: new draft v${saved.version}`, refs: { documentId: saved.id, subjectId: doc.subjectId } });
  return saved;
}

/** The model card store keeps the newest text, for the generated card and its downloads. */
async function mirrorCard(db: LifecycleDatabase, doc: DocumentRecord, by: ByPerson): Promise<void> {
  const version = await db.modelVersions.get(doc.subjectId);
  if (version) await db.modelCards.put({ modelVersionId: version.id, projectId: version.projectId, edits: normaliseModelCardEdits(doc.fields), updatedAt: nowIso(), by: by.name });
}

/** Saves the text of version `id` (see `writeText`); returns the version written. */
export async function saveDocumentText(db: LifecycleDatabase, input: { id: string; fields: Record<string, string>; by: ByPerson | null }): Promise<DocumentRecord> {
  return db.transaction('rw', tables(db), async () => writeText(db, await requireDocument(db, input.id), input.fields, input.by));
}

/**
 * Submits, approves, returns or archives version `id`. Approving a version archives the version
 * approved before it (superseded), so a document has at most one approved version.
 */
export async function changeDocumentStatus(db: LifecycleDatabase, input: { id: string; action: DocumentAction; by: ByPerson | null; note?: string }): Promise<DocumentRecord> {
  const note = (input.note ?? '').trim();
  return db.transaction('rw', tables(db), async () => {
    const doc = await requireDocument(db, input.id);
    const missing = completeness(DOCUMENT_CATALOG[doc.kind].sections, doc.fields).missing;
    const decided = decideTransition(doc, input.action, { by: input.by, missing, note });
    if (!decided.ok) refuse(decided.reason);
    const at = nowIso();
    const by = input.by!;
    const changed: DocumentRecord = { ...doc, status: decided.to, transitions: [...doc.transitions, { status: decided.to, at, by, note }] };
    await db.documents.put(changed);
    if (decided.to === 'approved') {
      for (const old of await documentLine(db, doc.projectId, doc.kind, doc.subjectId)) {
        if (old.id === doc.id || old.status !== 'approved') continue;
        await db.documents.put({ ...old, status: 'archived', transitions: [...old.transitions, { status: 'archived', at, by, note: `Superseded by v${doc.version}` }] });
      }
    }
    await appendAudit(db, { projectId: doc.projectId, actor: by.name, action: `document.${input.action}`, detail: `${named(doc)} ${decided.verb}${note ? `: ${note}` : ''}`, refs: { documentId: doc.id, subjectId: doc.subjectId } });
    return changed;
  });
}
