/**
 * The life of a governed document: Draft → In review → Approved → Archived, one stored record per
 * version. Every path that changes a document (the page, the database layer, a test) asks these
 * functions first. The rules:
 * - only a Draft's text changes; an approved (or in-review) version is never changed again: an
 *   edit of it starts a new Draft version whose parent it is; an archived one is kept as it is;
 *   only the newest version of a document may be edited;
 * - a Draft goes to review only when every required section is written;
 * - the person who edited a version last may not approve it (four eyes), and returning a version
 *   to Draft says why;
 * - every change names the acting person (the browser cannot authenticate them; it records the name).
 */
export const DOCUMENT_KINDS = ['model-card', 'datasheet', 'annex-iv'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_STATUSES = ['draft', 'in-review', 'approved', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Who did something, when no role is involved. */
export interface ByPerson {
  personId: string;
  name: string;
}

/** A status change, or (status 'draft') the draft's creation or an edit of its text. */
export interface DocumentTransition {
  status: DocumentStatus;
  /** ISO time. */
  at: string;
  by: ByPerson | null;
  note: string;
}

/**
 * One version of a governed document. A document is the line of versions with the same kind and
 * subject (model version id for a model card, dataset version id for a datasheet, the project id
 * for the Annex IV outline).
 */
export interface DocumentVersion {
  id: string;
  projectId: string;
  kind: DocumentKind;
  subjectId: string;
  /** 1, 2, … within the document. */
  version: number;
  status: DocumentStatus;
  /** Section id → the text people wrote (facts from the stored state are generated, not stored). */
  fields: Record<string, string>;
  /** The version this one was edited from, or null for the first. */
  parentId: string | null;
  /** ISO time. */
  createdAt: string;
  /** Every status change and every edit of the draft's text, oldest first. */
  transitions: DocumentTransition[];
}

export const STATUS_TITLES: Record<DocumentStatus, string> = { draft: 'Draft', 'in-review': 'In review', approved: 'Approved', archived: 'Archived' };

export const DOCUMENT_ACTIONS = ['submit', 'approve', 'return', 'archive'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

const ACTIONS: Record<DocumentAction, { from: readonly DocumentStatus[]; to: DocumentStatus; verb: string }> = {
  submit: { from: ['draft'], to: 'in-review', verb: 'submitted for review' },
  approve: { from: ['in-review'], to: 'approved', verb: 'approved' },
  return: { from: ['in-review'], to: 'draft', verb: 'returned to Draft' },
  archive: { from: ['draft', 'approved'], to: 'archived', verb: 'archived' },
};

export type Refusable<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** The person who last created or edited the version's text; null when nobody was named. */
export function lastEditor(doc: Pick<DocumentVersion, 'transitions'>): ByPerson | null {
  for (let i = doc.transitions.length - 1; i >= 0; i--) if (doc.transitions[i].status === 'draft' && doc.transitions[i].by) return doc.transitions[i].by;
  return null;
}

/** Whether `action` may be taken on `doc` now, and the status it leads to; otherwise why not. */
export function decideTransition(
  doc: Pick<DocumentVersion, 'status' | 'version' | 'transitions'>,
  action: DocumentAction,
  ctx: { by: ByPerson | null; missing: readonly string[]; note: string },
): Refusable<{ to: DocumentStatus; verb: string }> {
  const rule = ACTIONS[action];
  if (!ctx.by) return { ok: false, reason: 'Choose who is acting first: every change to a document names a person.' };
  if (!rule.from.includes(doc.status)) {
    return { ok: false, reason: `v${doc.version} is ${STATUS_TITLES[doc.status]}: it cannot be ${rule.verb} (only from ${rule.from.map((s) => STATUS_TITLES[s]).join(' or ')}).` };
  }
  if (action === 'submit' && ctx.missing.length > 0) {
    return { ok: false, reason: `Required sections are empty: ${ctx.missing.join(', ')}. The document stays in Draft until they are written.` };
  }
  if (action === 'approve') {
    const editor = lastEditor(doc);
    if (editor && editor.personId === ctx.by.personId) return { ok: false, reason: `${ctx.by.name} edited v${doc.version} last: another person must approve it.` };
  }
  if (action === 'return' && ctx.note.trim() === '') return { ok: false, reason: 'Say what to change when returning a document to Draft.' };
  return { ok: true, to: rule.to, verb: rule.verb };
}

/**
 * Where an edit of `doc` goes: into the Draft itself, or a new Draft version edited from it (an
 * in-review or approved version is never changed); `newest` is the document's newest version.
 */
export function editTarget(doc: Pick<DocumentVersion, 'id' | 'status' | 'version'>, newest: Pick<DocumentVersion, 'id' | 'version'>): Refusable<{ mode: 'in-place' | 'new-version' }> {
  if (doc.id !== newest.id) return { ok: false, reason: `v${newest.version} is newer than v${doc.version}: edit that one.` };
  if (doc.status === 'archived') return { ok: false, reason: `v${doc.version} is archived: it is kept as it is.` };
  return { ok: true, mode: doc.status === 'draft' ? 'in-place' : 'new-version' };
}

/** `editTarget`, when someone is acting. */
export function decideEdit(doc: Pick<DocumentVersion, 'id' | 'status' | 'version'>, newest: Pick<DocumentVersion, 'id' | 'version'>, by: ByPerson | null): Refusable<{ mode: 'in-place' | 'new-version' }> {
  if (!by) return { ok: false, reason: 'Choose who is acting first: every change to a document names a person.' };
  return editTarget(doc, newest);
}

/** Whether a version's text may still change (only a Draft's may). */
export function isImmutable(status: DocumentStatus): boolean {
  return status !== 'draft';
}
