/**
 * A project's runs and model registry as an `mlruns/` folder in MLflow's file-store layout, zipped:
 * unpack it and open it with MLflow's file store (`MLFLOW_ALLOW_FILE_STORE=true` from MLflow 3.13
 * on) or migrate it into SQLite with `mlflow migrate-filestore` (README, "Continue in MLflow").
 * The migration (mlflow/store/fs2db) reads the same files: numeric experiment folders, `meta.yaml`
 * fields by name, and copies `artifact_uri` as it is — hence the absolute form (artifactRoot.ts). The layout follows MLflow's FileStore (mlflow/store/tracking/file_store.py and
 * mlflow/store/model_registry/file_store.py):
 *
 * ```
 * mlruns/0/meta.yaml                               the Default experiment MLflow expects
 * mlruns/<experiment id>/meta.yaml                 the project
 * mlruns/<experiment id>/tags/<key>                its description (mlflow.note.content), id
 * mlruns/<experiment id>/<run id>/…                each run (runFiles.ts)
 * mlruns/models/<name>/…                           each registered model (registryFiles.ts)
 * ```
 * Ids are derived from ours (ids.ts), times from the records, files come in a fixed order: the
 * same project exports to the same bytes. Empty folders MLflow would create (`.trash`, empty
 * `params/`) are left out; MLflow creates or tolerates them missing.
 */
import { writeZip } from '../../registry/zipArchive';
import { artifactRootFor } from './artifactRoot';
import { mlflowExperimentId, mlflowRunId } from './ids';
import type { MlflowExport, MlflowExportInput, MlflowFile } from './input';
import { epochMs, keyedFiles } from './keyedFiles';
import { MAX_TAG_VALUE_LENGTH } from './names';
import { registryFiles } from './registryFiles';
import { runFiles } from './runFiles';
import { yamlDocument } from './yaml';

export const DEFAULT_USER = 'lifecycle-lab';
/** MLflow's limit on experiment names. */
const MAX_EXPERIMENT_NAME = 500;

/** The experiment's name: the project's, unless MLflow would refuse it or confuse it with Default. */
export function experimentName(projectName: string): string {
  const name = projectName.trim() || 'Lifecycle Lab project';
  const safe = name === 'Default' ? 'Default (Lifecycle Lab)' : name;
  return safe.slice(0, MAX_EXPERIMENT_NAME);
}

function experimentMeta(id: string, name: string, root: string, createdMs: number, updatedMs: number): MlflowFile {
  return {
    path: `mlruns/${id}/meta.yaml`,
    data: yamlDocument({
      artifact_location: `${root}/${id}`,
      creation_time: createdMs,
      experiment_id: id,
      last_update_time: updatedMs,
      lifecycle_stage: 'active',
      name,
    }),
  };
}

/** Every file of the export, in a fixed order, and what had to change on the way. */
export function mlflowFiles(input: MlflowExportInput): MlflowExport {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const { project } = input;
  const { root } = artifactRootFor(input.unzipFolder);
  const user = input.user?.trim() || DEFAULT_USER;
  const experimentId = mlflowExperimentId(project.id);
  const createdMs = epochMs(project.createdAt);
  const updatedMs = Math.max(createdMs, epochMs(project.updatedAt));
  const name = experimentName(project.name);
  if (name !== project.name) warn(`The project ${JSON.stringify(project.name)} is the MLflow experiment ${JSON.stringify(name)}.`);

  const runIds = new Map(input.runs.map((r) => [r.id, mlflowRunId(project.id, r.id)]));
  for (const v of input.modelVersions) {
    if (!runIds.has(v.runId)) throw new Error(`Model version ${v.modelName} ${v.version} comes from run ${v.runId}, which is not in the export.`);
  }
  const experimentTags: [string, string][] = [['lifecycle_lab.project_id', project.id]];
  if (project.description.trim()) experimentTags.unshift(['mlflow.note.content', project.description]);

  const files: MlflowFile[] = [
    experimentMeta('0', 'Default', root, createdMs, createdMs),
    experimentMeta(experimentId, name, root, createdMs, updatedMs),
    ...keyedFiles(`mlruns/${experimentId}/tags`, experimentTags, MAX_TAG_VALUE_LENGTH, warn),
  ];
  for (const run of [...input.runs].sort((a, b) => a.number - b.number)) {
    files.push(
      ...runFiles(run, {
        projectId: project.id,
        projectName: project.name,
        experimentId,
        runId: runIds.get(run.id)!,
        artifactRoot: root,
        user,
        artifacts: input.artifacts?.get(run.id),
        warn,
      }),
    );
  }
  files.push(...registryFiles(input.modelVersions, input.aliasEvents ?? [], { projectId: project.id, mlflowRunId: (id) => runIds.get(id)!, warn }));
  return { files, warnings };
}

const encoder = new TextEncoder();

/** The export as a deterministic zip whose top-level folder is `mlruns/`. */
export function mlflowExportZip(input: MlflowExportInput): Uint8Array {
  return zipMlflowFiles(mlflowFiles(input).files);
}

/** Zips files made by {@link mlflowFiles} (text as UTF-8; weights stored uncompressed). */
export function zipMlflowFiles(files: readonly MlflowFile[]): Uint8Array {
  return writeZip(files.map((f) => ({ name: f.path, data: typeof f.data === 'string' ? encoder.encode(f.data) : f.data, compress: f.compress ?? true })));
}
