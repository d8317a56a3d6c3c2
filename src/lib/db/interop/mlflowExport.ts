/**
 * A project's runs and registry as an MLflow `mlruns/` zip: everything is read in one read
 * transaction (a consistent picture even while the endpoint logs), then the core writes the files.
 * A run's model comes from its model files (stored once, with the run — an imported package's
 * too); the newest version registered from a run also gives its folder a model card and
 * `lifecycle-lab.json`, as the model package has them.
 */
import type { LifecycleDatabase } from '../database';
import type { ModelFiles, RunArtifactRecord } from '../records';
import { defaultCanvasRecord } from '../canvas';
import { versionFacts } from '../versionFacts';
import { mlflowFiles, zipMlflowFiles } from '$lib/core/interop/mlflow/mlflowExport';
import type { MlflowRunArtifacts } from '$lib/core/interop/mlflow/input';
import type { SerializedModel } from '$lib/core/models/serialize';
import { fileSlug } from '$lib/core/fileNames';

export interface MlflowExportOptions {
  /** Write each run's model files (weights can be megabytes); the rest is small. */
  includeArtifacts: boolean;
  /** Who exports: the runs' `user_id` and the model cards' owner. */
  user?: string;
  /** The absolute folder the zip will be unpacked into; blank: relative artifact URIs (core/interop/mlflow/artifactRoot.ts). */
  unzipFolder?: string;
}

export interface MlflowExportResult {
  bytes: Uint8Array;
  fileName: string;
  /** Names and keys MLflow would not take as they are, and what they became. */
  warnings: string[];
}

function serialized(files: ModelFiles): SerializedModel {
  return {
    format: 'layers-model',
    modelTopology: files.modelTopology as SerializedModel['modelTopology'],
    weightSpecs: files.weightSpecs as SerializedModel['weightSpecs'],
    weightData: files.weightData,
  };
}

function fileNameFor(projectName: string): string {
  const slug = fileSlug(projectName);
  return `${slug}-mlruns.zip`;
}

/** The project's runs, model versions and alias history as an MLflow file store, zipped. */
export async function exportMlflow(db: LifecycleDatabase, projectId: string, options: MlflowExportOptions): Promise<MlflowExportResult> {
  const tables = [db.projects, db.canvases, db.runs, db.modelVersions, db.aliasEvents, db.runArtifacts];
  const read = await db.transaction('r', tables, async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const [canvas, runs, versions, aliasEvents] = await Promise.all([
      db.canvases.get(projectId),
      db.runs.where('projectId').equals(projectId).toArray(),
      db.modelVersions.where('projectId').equals(projectId).toArray(),
      db.aliasEvents.where('projectId').equals(projectId).toArray(),
    ]);
    const runFiles: (RunArtifactRecord | undefined)[] = options.includeArtifacts ? await db.runArtifacts.bulkGet(runs.map((r) => r.id)) : [];
    return { project, canvas: canvas ?? defaultCanvasRecord(projectId), runs, versions, aliasEvents, runFiles };
  });

  const owner = options.user?.trim() ?? '';
  const artifacts = new Map<string, MlflowRunArtifacts>();
  if (options.includeArtifacts) {
    read.runs.forEach((run, i) => {
      const files = read.runFiles[i];
      if (!files) return;
      // The newest version registered from the run, if any.
      const version = read.versions.filter((v) => v.runId === run.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.version - a.version)[0];
      artifacts.set(run.id, { model: serialized(files), vectorizer: files.vectorizer, version: version ? versionFacts(version, run, read.canvas, owner) : null });
    });
  }
  const { files, warnings } = mlflowFiles({
    project: read.project,
    runs: read.runs,
    modelVersions: read.versions,
    aliasEvents: read.aliasEvents,
    artifacts,
    user: owner,
    unzipFolder: options.unzipFolder,
  });
  return { bytes: zipMlflowFiles(files), fileName: fileNameFor(read.project.name), warnings };
}
