/**
 * The facts a gate judges, assembled from the stored records of one dataset version or one model
 * version (core/governance/facts.ts). A dataset version's check run, "reviewed" marks and ethics
 * answers are read along its lineage (datasetReview.ts): each names the rows it was made on, so the
 * evidence tells a current one from a stale one.
 */
import type { LifecycleDatabase } from './database';
import type { CanvasRecord, DatasetVersionRecord, DocumentRecord, ModelCardRecord, ModelVersionRecord, RunRecord } from './records';
import type { ApprovedDocument, DatasetVersionFacts, ModelCardFacts, ModelVersionFacts } from '$lib/core/governance/facts';
import type { DocumentKind } from '$lib/core/documents/governed/flow';
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import { normaliseModelCardEdits } from '$lib/core/registry/modelCardEdits';
import { getCanvas } from './canvas';
import { requireDatasetVersion } from './datasets';
import { readReviewEvidence, reviewEvidenceAlong } from './datasetReview';

/** The version, then its parent, and so on up to the first (a cycle or a missing parent ends it). */
export async function lineageOf(db: LifecycleDatabase, version: DatasetVersionRecord): Promise<DatasetVersionRecord[]> {
  const lineage: DatasetVersionRecord[] = [];
  const seen = new Set<string>();
  for (let v: DatasetVersionRecord | undefined = version; v && !seen.has(v.id); v = v.parentId ? await db.datasetVersions.get(v.parentId) : undefined) {
    lineage.push(v);
    seen.add(v.id);
  }
  return lineage;
}

export async function datasetVersionFacts(db: LifecycleDatabase, versionId: string): Promise<DatasetVersionFacts> {
  return factsOfDatasetVersion(db, await requireDatasetVersion(db, versionId));
}

async function factsOfDatasetVersion(db: LifecycleDatabase, version: DatasetVersionRecord): Promise<DatasetVersionFacts> {
  // Both reads start at once: inside a live query, a read begun after awaiting a plain (non-Dexie)
  // promise is not watched, and the lineage walk may await none.
  const [lineage, stored, approvedDocuments] = await Promise.all([
    lineageOf(db, version),
    readReviewEvidence(db, version.projectId),
    approvedDocumentsOf(db, version.projectId, [['datasheet', version.id]]),
  ]);
  return {
    datasetVersionId: version.id,
    number: version.number,
    contentHash: version.contentHash,
    hasSplit: version.split !== undefined,
    // Masked in this version or one it descends from.
    piiMasked: lineage.some((v) => v.change === 'mask-pii'),
    ...reviewEvidenceAlong(stored, lineage),
    approvedDocuments,
  };
}

/** The approved version of each of these documents (kind and subject), when there is one. */
async function approvedDocumentsOf(db: LifecycleDatabase, projectId: string, which: readonly [DocumentKind, string][]): Promise<ApprovedDocument[]> {
  const lines = await Promise.all(which.map(([kind, subjectId]) => db.documents.where('[projectId+kind+subjectId]').equals([projectId, kind, subjectId]).toArray()));
  return approvedAmong(lines.flat(), which);
}

/** The approved versions among `documents` of these documents (kind and subject), already read. */
export function approvedAmong(documents: readonly DocumentRecord[], which: readonly [DocumentKind, string][]): ApprovedDocument[] {
  return documents
    .filter((d) => d.status === 'approved' && which.some(([kind, subjectId]) => d.kind === kind && d.subjectId === subjectId))
    .map((d) => ({ kind: d.kind, version: d.version, approvedBy: [...d.transitions].reverse().find((t) => t.status === 'approved')?.by?.name ?? 'someone' }));
}

/** The documents a model version's facts name: its model card and the project's Annex IV outline. */
export const modelDocuments = (version: ModelVersionRecord): [DocumentKind, string][] => [
  ['model-card', version.id],
  ['annex-iv', version.projectId],
];

function cardFacts(card: ModelCardRecord | undefined): ModelCardFacts | null {
  if (!card) return null;
  const written = Object.values(normaliseModelCardEdits(card.edits)).some((text) => text !== '');
  return { modelVersionId: card.modelVersionId, written, by: card.by, updatedAt: card.updatedAt };
}

export async function modelVersionFacts(db: LifecycleDatabase, versionId: string): Promise<ModelVersionFacts> {
  const version = await db.modelVersions.get(versionId);
  if (!version) throw new Error('That model version no longer exists.');
  return factsOfModelVersion(db, version);
}

/** A model version's facts from its records, already read (the inventory reads them for every project at once). */
export function modelFactsOf(
  version: ModelVersionRecord,
  run: RunRecord | undefined,
  canvas: CanvasRecord,
  card: ModelCardRecord | undefined,
  approvedDocuments: ApprovedDocument[],
): ModelVersionFacts {
  if (!run) throw new Error(`The run of ${version.modelName} v${version.version} no longer exists.`);
  return {
    modelVersionId: version.id,
    modelName: version.modelName,
    version: version.version,
    runId: run.id,
    runNumber: run.number,
    datasetVersionId: version.datasetVersionId,
    metrics: run.metrics,
    evaluation: run.evaluation ?? null,
    criteria: canvas.criteria,
    modelCard: cardFacts(card),
    approvedDocuments,
  };
}

async function factsOfModelVersion(db: LifecycleDatabase, version: ModelVersionRecord): Promise<ModelVersionFacts> {
  const run = await db.runs.get(version.runId);
  const [canvas, card, approvedDocuments] = await Promise.all([
    getCanvas(db, version.projectId),
    db.modelCards.get(version.id),
    approvedDocumentsOf(db, version.projectId, modelDocuments(version)),
  ]);
  return modelFactsOf(version, run, canvas, card, approvedDocuments);
}

/** What a review, a decision or a waiver is about, named by kind and id. */
export type GovernedObject = { kind: 'dataset-version' | 'model-version'; id: string };

/** The object's facts as they stand now, in the shape the gates judge; it must be one of the project's. */
export async function gateFacts(db: LifecycleDatabase, projectId: string, object: GovernedObject): Promise<GateFacts> {
  const notHere = () => new Error(`That ${object.kind.replace('-', ' ')} does not exist in this project.`);
  if (object.kind === 'dataset-version') {
    const version = await db.datasetVersions.get(object.id);
    if (version?.projectId !== projectId) throw notHere();
    return { kind: 'dataset-version', facts: await factsOfDatasetVersion(db, version) };
  }
  const version = await db.modelVersions.get(object.id);
  if (version?.projectId !== projectId) throw notHere();
  return { kind: 'model-version', facts: await factsOfModelVersion(db, version) };
}

/** The stores the facts are read from (a transaction assembling them must include these). */
export function factTables(db: LifecycleDatabase) {
  return [db.datasetVersions, db.checkRuns, db.checkReviews, db.ethicsAnswers, db.modelVersions, db.runs, db.canvases, db.modelCards, db.documents];
}
