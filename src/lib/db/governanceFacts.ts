/**
 * The facts a gate judges, assembled from the stored records of one dataset version or one model
 * version (core/governance/facts.ts). Data-check runs, a person's "reviewed" marks and the ethics
 * answers have no store yet: they read as not yet done (null / empty), so the evidence that needs
 * them says "not yet" until they are stored.
 */
import type { LifecycleDatabase } from './database';
import type { DatasetVersionRecord, ModelCardRecord, ModelVersionRecord } from './records';
import type { DatasetVersionFacts, ModelCardFacts, ModelVersionFacts } from '$lib/core/governance/facts';
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import { normaliseModelCardEdits } from '$lib/core/registry/modelCardEdits';
import { getCanvas } from './canvas';
import { requireDatasetVersion } from './datasets';

/** Whether personal data was masked in `version` or a version it descends from. */
async function piiMasked(db: LifecycleDatabase, version: DatasetVersionRecord): Promise<boolean> {
  const seen = new Set<string>();
  for (let v: DatasetVersionRecord | undefined = version; v && !seen.has(v.id); v = v.parentId ? await db.datasetVersions.get(v.parentId) : undefined) {
    if (v.change === 'mask-pii') return true;
    seen.add(v.id);
  }
  return false;
}

export async function datasetVersionFacts(db: LifecycleDatabase, versionId: string): Promise<DatasetVersionFacts> {
  return factsOfDatasetVersion(db, await requireDatasetVersion(db, versionId));
}

async function factsOfDatasetVersion(db: LifecycleDatabase, version: DatasetVersionRecord): Promise<DatasetVersionFacts> {
  return {
    datasetVersionId: version.id,
    number: version.number,
    contentHash: version.contentHash,
    hasSplit: version.split !== undefined,
    piiMasked: await piiMasked(db, version),
    checks: null,
    reviews: [],
    answers: null,
  };
}

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

async function factsOfModelVersion(db: LifecycleDatabase, version: ModelVersionRecord): Promise<ModelVersionFacts> {
  const run = await db.runs.get(version.runId);
  if (!run) throw new Error(`The run of ${version.modelName} v${version.version} no longer exists.`);
  const canvas = await getCanvas(db, version.projectId);
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
    modelCard: cardFacts(await db.modelCards.get(version.id)),
  };
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
  return [db.datasetVersions, db.modelVersions, db.runs, db.canvases, db.modelCards];
}
