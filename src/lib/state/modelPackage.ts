/**
 * A registered version's package facts gathered from the registry, the run, the canvas and the
 * card edits — once, for both the downloadable .zip and the model card page.
 */
import { getCanvas, getModelCardEdits, getRun, type ModelVersionRecord } from '$lib/db';
import { packageModelCard, packModel, type ModelPackageInput } from '$lib/core/registry/modelPackage';
import { modelCardHtml } from '$lib/core/registry/modelCardHtml';
import { evaluateCriteria } from '$lib/core/lifecycle/criteria';
import { unflattenMeasured } from '$lib/core/lifecycle/measured';
import type { ModelCardEdits } from '$lib/core/registry/modelCardEdits';
import type { RunEvaluation } from '$lib/core/models/runReport';
import type { SerializedModel } from '$lib/core/models/serialize';
import type { SerializedTfidf } from '$lib/core/text/tfidf';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';

async function packageInput(version: ModelVersionRecord, edits?: ModelCardEdits): Promise<ModelPackageInput> {
  const [artifact, run, canvas, saved] = await Promise.all([db.artifacts.get(version.id), getRun(db, version.runId), getCanvas(db, version.projectId), getModelCardEdits(db, version.id)]);
  if (!artifact || !run) throw new Error('This version’s model files or its run are missing.');
  const evaluation = (run.evaluation as RunEvaluation | undefined) ?? null;
  return {
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
    lineage: run.importedFrom
      ? run.importedFrom.lineage
      : { projectId: version.projectId, modelVersionId: version.id, runId: run.id, runNumber: run.number, datasetVersionId: run.datasetVersionId, ...(run.datasetVersionNumber ? { datasetVersionNumber: run.datasetVersionNumber } : {}) },
    params: run.params,
    seed: run.seed,
    backend: run.backend,
    canvas: canvas.fields,
    evaluation,
    criteria: evaluateCriteria(canvas.criteria, unflattenMeasured(run.metrics)),
    model: { format: 'layers-model', modelTopology: artifact.modelTopology as SerializedModel['modelTopology'], weightSpecs: artifact.weightSpecs as SerializedModel['weightSpecs'], weightData: artifact.weightData },
    vectorizer: artifact.vectorizer as SerializedTfidf,
    cardEdits: edits ?? saved,
  };
}

const slug = (version: ModelVersionRecord) => `${version.modelName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model'}-v${version.version}`;

/** The version's package and a file name for it. */
export async function modelVersionZip(version: ModelVersionRecord): Promise<{ bytes: Uint8Array; fileName: string }> {
  return { bytes: packModel(await packageInput(version)), fileName: `${slug(version)}.zip` };
}

export interface ModelCardFiles {
  markdown: string;
  html: string;
  /** File names without extension. */
  baseName: string;
}

/** The version's card with `edits` (default: the saved ones), as Markdown and HTML. */
export async function modelCard(version: ModelVersionRecord, edits?: ModelCardEdits): Promise<ModelCardFiles> {
  const markdown = packageModelCard(await packageInput(version, edits));
  return { markdown, html: modelCardHtml(markdown, `Model card: ${version.modelName} v${version.version}`), baseName: `${slug(version)}-model-card` };
}
