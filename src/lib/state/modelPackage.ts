/**
 * A registered model version as a downloadable .zip (TF.js layers model, vectorizer, model card,
 * lineage): gathered from the registry, the run and the canvas, packed by the core.
 */
import { getCanvas, getRun, type ModelVersionRecord } from '$lib/db';
import { packModel } from '$lib/core/registry/modelPackage';
import { evaluateCriteria } from '$lib/core/lifecycle/criteria';
import { unflattenMeasured } from '$lib/core/lifecycle/measured';
import type { RunEvaluation } from '$lib/core/models/runReport';
import type { SerializedModel } from '$lib/core/models/serialize';
import type { SerializedTfidf } from '$lib/core/text/tfidf';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';

/** The version's package and a file name for it. */
export async function modelVersionZip(version: ModelVersionRecord): Promise<{ bytes: Uint8Array; fileName: string }> {
  const [artifact, run, canvas] = await Promise.all([db.artifacts.get(version.id), getRun(db, version.runId), getCanvas(db, version.projectId)]);
  if (!artifact || !run) throw new Error('This version’s model files or its run are missing.');
  const evaluation = (run.evaluation as RunEvaluation | undefined) ?? null;
  const bytes = packModel({
    name: version.modelName,
    version: version.version,
    description: version.description,
    family: run.family,
    tags: version.tags,
    aliases: version.aliases,
    classes: run.classes ?? [],
    owner: displayName.current,
    createdAt: version.createdAt,
    appVersion: version.appVersion,
    lineage: { projectId: version.projectId, modelVersionId: version.id, runId: run.id, runNumber: run.number, datasetVersionId: run.datasetVersionId, ...(run.datasetVersionNumber ? { datasetVersionNumber: run.datasetVersionNumber } : {}) },
    params: run.params,
    seed: run.seed,
    backend: run.backend,
    canvas: canvas.fields,
    evaluation,
    criteria: evaluateCriteria(canvas.criteria, unflattenMeasured(run.metrics)),
    model: { format: 'layers-model', modelTopology: artifact.modelTopology as SerializedModel['modelTopology'], weightSpecs: artifact.weightSpecs as SerializedModel['weightSpecs'], weightData: artifact.weightData },
    vectorizer: artifact.vectorizer as SerializedTfidf,
  });
  const slug = version.modelName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model';
  return { bytes, fileName: `${slug}-v${version.version}.zip` };
}
