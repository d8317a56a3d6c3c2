/**
 * A registered version's package facts gathered from the registry, the run, the canvas and the
 * card edits — once, for both the downloadable .zip and the model card page.
 */
import { getCanvas, getModelCardEdits, getRun, versionFacts, versionFiles, type ModelVersionRecord } from '$lib/db';
import { packageModelCard, packModel, type ModelPackageInput } from '$lib/core/registry/modelPackage';
import { modelCardHtml } from '$lib/core/registry/modelCardHtml';
import type { ModelCardEdits } from '$lib/core/registry/modelCardEdits';
import type { SerializedModel } from '$lib/core/models/serialize';
import type { SerializedTfidf } from '$lib/core/text/tfidf';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { fileSlug } from '$lib/core/fileNames';

async function packageInput(version: ModelVersionRecord): Promise<ModelPackageInput> {
  const [artifact, run, canvas, saved] = await Promise.all([versionFiles(db, version), getRun(db, version.runId), getCanvas(db, version.projectId), getModelCardEdits(db, version.id)]);
  if (!artifact || !run) throw new Error('This version’s model files or its run are missing.');
  return {
    ...versionFacts(version, run, canvas, displayName.current),
    model: { format: 'layers-model', modelTopology: artifact.modelTopology as SerializedModel['modelTopology'], weightSpecs: artifact.weightSpecs as SerializedModel['weightSpecs'], weightData: artifact.weightData },
    vectorizer: artifact.vectorizer as SerializedTfidf,
    cardEdits: saved,
  };
}

const slug = (version: ModelVersionRecord) => `${fileSlug(version.modelName, 'model')}-v${version.version}`;

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

/** What the model card page needs once per version: the package facts, without re-reading weights per keystroke. */
export function modelCardSource(version: ModelVersionRecord): Promise<ModelPackageInput> {
  return packageInput(version);
}

/** The card of `source` with `edits` (default: the saved ones it was read with), as Markdown and HTML. */
export function modelCard(version: ModelVersionRecord, source: ModelPackageInput, edits?: ModelCardEdits): ModelCardFiles {
  const markdown = packageModelCard(edits ? { ...source, cardEdits: edits } : source);
  return { markdown, html: modelCardHtml(markdown, `Model card: ${version.modelName} v${version.version}`), baseName: `${slug(version)}-model-card` };
}
