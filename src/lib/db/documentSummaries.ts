/**
 * The Documents view's lists: every document of a project with its newest version (status,
 * completeness), and the subjects a document can be generated for. Plain reads.
 */
import type { LifecycleDatabase } from './database';
import type { DocumentKind, DocumentRecord, DocumentStatus } from './records';
import { DOCUMENT_CATALOG } from '$lib/core/documents/governed/catalog';
import { completeness, type Completeness } from '$lib/core/documents/governed/completeness';

export interface DocumentSummary {
  kind: DocumentKind;
  subjectId: string;
  /** "dataset v3", "ticket-router v2", the project's name. */
  subject: string;
  /** The newest version's id, number and status. */
  id: string;
  version: number;
  status: DocumentStatus;
  completeness: Completeness;
  /** The approved version's number, when one is. */
  approvedVersion: number | null;
}

export interface DocumentSubject {
  kind: DocumentKind;
  subjectId: string;
  subject: string;
}

/** The subjects of each kind: the dataset versions, the model versions, and the project. */
export async function documentSubjects(db: LifecycleDatabase, projectId: string): Promise<DocumentSubject[]> {
  const [project, datasets, models] = await Promise.all([
    db.projects.get(projectId),
    db.datasetVersions.where('projectId').equals(projectId).toArray(),
    db.modelVersions.where('projectId').equals(projectId).toArray(),
  ]);
  return [
    ...datasets.sort((a, b) => b.number - a.number).map((d) => ({ kind: 'datasheet' as const, subjectId: d.id, subject: `dataset v${d.number}` })),
    ...models.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((m) => ({ kind: 'model-card' as const, subjectId: m.id, subject: `${m.modelName} v${m.version}` })),
    ...(project ? [{ kind: 'annex-iv' as const, subjectId: project.id, subject: project.name }] : []),
  ];
}

/** One row per document (kind and subject), newest version first within, documents in catalogue then subject order. */
export async function documentSummaries(db: LifecycleDatabase, projectId: string): Promise<DocumentSummary[]> {
  const [docs, subjects] = await Promise.all([db.documents.where('projectId').equals(projectId).toArray(), documentSubjects(db, projectId)]);
  const lines = new Map<string, DocumentRecord[]>();
  for (const d of docs) {
    const key = `${d.kind} ${d.subjectId}`;
    lines.set(key, [...(lines.get(key) ?? []), d]);
  }
  const subjectName = new Map(subjects.map((s) => [`${s.kind} ${s.subjectId}`, s.subject]));
  const order = Object.keys(DOCUMENT_CATALOG);
  return [...lines.entries()]
    .map(([key, line]) => {
      const newest = line.reduce((a, b) => (b.version > a.version ? b : a));
      return {
        kind: newest.kind,
        subjectId: newest.subjectId,
        subject: subjectName.get(key) ?? `${DOCUMENT_CATALOG[newest.kind].subjectWord} no longer stored`,
        id: newest.id,
        version: newest.version,
        status: newest.status,
        completeness: completeness(DOCUMENT_CATALOG[newest.kind].sections, newest.fields),
        approvedVersion: line.find((d) => d.status === 'approved')?.version ?? null,
      };
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.subject.localeCompare(b.subject));
}
