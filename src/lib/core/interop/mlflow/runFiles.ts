/**
 * One run as MLflow's FileStore keeps it, under `mlruns/<experiment id>/<run id>/`:
 * - `meta.yaml`: the RunInfo fields in the order and types MLflow writes (status FINISHED = 3,
 *   source_type LOCAL = 4, `tags: []` kept for old readers, `deleted_time: null`);
 * - `metrics/<key>`: lines `<timestamp ms> <value> <step>`. A flat metric is one line at step 0;
 *   a curve one line per epoch (step 0, 1, …); timings are metrics `timings.<key>`. Every line
 *   carries the run's end time: we do not keep per-epoch clock times, and MLflow plots by step;
 * - `params/<key>`: the value as Python's `str` shows it;
 * - `tags/<key>`: MLflow's own (`mlflow.runName`, `mlflow.user`, `mlflow.source.name`,
 *   `mlflow.source.type`, `mlflow.note.content`) and our lineage as `lifecycle_lab.*`;
 * - `artifacts/`: see runArtifacts.ts.
 * Keys that collide after sanitising get `_2`, … (a curve named like a flat metric, say).
 */
import type { MlflowFile, MlflowRunArtifacts, MlflowRunInput } from './input';
import { epochMs, keyedFiles } from './keyedFiles';
import { KeyAllocator, MAX_PARAM_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH, sanitizeKey } from './names';
import { pythonFloat, pythonParam } from './pythonText';
import { evaluationFile, modelFiles } from './runArtifacts';
import { yamlDocument } from './yaml';

/** MLflow's RunStatus numbers. */
const RUN_STATUS: Record<MlflowRunInput['status'], number> = { running: 1, completed: 3, failed: 4, cancelled: 5 };
/** SourceType.LOCAL, what the FileStore always writes. */
const SOURCE_TYPE_LOCAL = 4;

export interface RunContext {
  projectId: string;
  projectName: string;
  experimentId: string;
  /** MLflow id of this run. */
  runId: string;
  /** Artifact root without a trailing slash, e.g. "./mlruns". */
  artifactRoot: string;
  user: string;
  artifacts: MlflowRunArtifacts | undefined;
  warn: (message: string) => void;
}

export function runName(run: MlflowRunInput): string {
  return `run-${run.number}`;
}

function metricFiles(dir: string, run: MlflowRunInput, endMs: number, warn: (m: string) => void): MlflowFile[] {
  const keys = new KeyAllocator();
  const files: MlflowFile[] = [];
  const add = (key: string, values: readonly number[], steps: boolean) => {
    if (values.length === 0) return; // MLflow reads a metric file without lines as malformed
    const name = keys.allocate(sanitizeKey(key));
    if (name !== key) warn(`${dir}/metrics: ${JSON.stringify(key)} is written as ${JSON.stringify(name)}.`);
    const lines = values.map((v, i) => `${endMs} ${pythonFloat(v)} ${steps ? i : 0}\n`);
    files.push({ path: `${dir}/metrics/${name}`, data: lines.join('') });
  };
  for (const key of Object.keys(run.metrics).sort()) add(key, [run.metrics[key]], false);
  for (const key of Object.keys(run.curves).sort()) add(key, run.curves[key], true);
  for (const key of Object.keys(run.timings).sort()) add(`timings.${key}`, [run.timings[key]], false);
  return files;
}

function noteOf(run: MlflowRunInput, projectName: string): string {
  const data = run.datasetVersionNumber !== undefined ? `dataset v${run.datasetVersionNumber}` : run.datasetVersionId ? `dataset version ${run.datasetVersionId}` : 'an unrecorded dataset';
  const origin = run.importedFrom
    ? `Imported into Lifecycle Lab from ${run.importedFrom.fileName}${run.importedFrom.exportedBy ? `, exported by ${run.importedFrom.exportedBy}` : ''}.`
    : `Trained in Lifecycle Lab (project “${projectName}”) on ${data}: ${run.family}, ${run.backend} backend.`;
  const notes = [...(run.fallbackReason ? [run.fallbackReason] : []), ...(run.warnings ?? [])];
  return [origin, ...notes.map((n) => `- ${n}`)].join('\n');
}

function tagEntries(run: MlflowRunInput, ctx: RunContext): [string, string][] {
  const tags: [string, string][] = [
    ['mlflow.runName', runName(run)],
    ['mlflow.user', ctx.user],
    ['mlflow.source.name', 'Lifecycle Lab'],
    ['mlflow.source.type', 'LOCAL'],
    ['mlflow.note.content', noteOf(run, ctx.projectName)],
    ['lifecycle_lab.project_id', ctx.projectId],
    ['lifecycle_lab.run_id', run.id],
    ['lifecycle_lab.run_number', String(run.number)],
    ['lifecycle_lab.dataset_version_id', run.datasetVersionId],
    ['lifecycle_lab.seed', String(run.seed)],
    ['lifecycle_lab.family', run.family],
    ['lifecycle_lab.backend', run.backend],
    ['lifecycle_lab.app_version', run.appVersion],
  ];
  if (run.datasetVersionNumber !== undefined) tags.push(['lifecycle_lab.dataset_version_number', String(run.datasetVersionNumber)]);
  if (run.classes) tags.push(['lifecycle_lab.classes', JSON.stringify(run.classes)]);
  if (run.fallbackReason) tags.push(['lifecycle_lab.fallback_reason', run.fallbackReason]);
  if (run.importedFrom) tags.push(['lifecycle_lab.imported_from', run.importedFrom.fileName]);
  return tags;
}

/** Every file of one run, `meta.yaml` first. */
export function runFiles(run: MlflowRunInput, ctx: RunContext): MlflowFile[] {
  const dir = `mlruns/${ctx.experimentId}/${ctx.runId}`;
  const endMs = epochMs(run.createdAt);
  const total = run.timings.totalMs;
  const startMs = Number.isFinite(total) && total >= 0 ? endMs - Math.round(total) : endMs;
  const meta = yamlDocument({
    artifact_uri: `${ctx.artifactRoot}/${ctx.experimentId}/${ctx.runId}/artifacts`,
    deleted_time: null,
    end_time: run.status === 'running' ? null : endMs,
    entry_point_name: '',
    experiment_id: ctx.experimentId,
    lifecycle_stage: 'active',
    run_id: ctx.runId,
    run_name: runName(run),
    run_uuid: ctx.runId,
    source_name: '',
    source_type: SOURCE_TYPE_LOCAL,
    source_version: '',
    start_time: startMs,
    status: RUN_STATUS[run.status],
    tags: [],
    user_id: ctx.user,
  });
  const params = Object.keys(run.params).sort().map((key) => [key, pythonParam(run.params[key])] as const);
  return [
    { path: `${dir}/meta.yaml`, data: meta },
    ...metricFiles(dir, run, endMs, ctx.warn),
    ...keyedFiles(`${dir}/params`, params, MAX_PARAM_VALUE_LENGTH, ctx.warn),
    ...keyedFiles(`${dir}/tags`, tagEntries(run, ctx), MAX_TAG_VALUE_LENGTH, ctx.warn),
    ...(run.evaluation !== undefined && run.evaluation !== null ? [evaluationFile(`${dir}/artifacts`, run.evaluation)] : []),
    ...(ctx.artifacts ? modelFiles(`${dir}/artifacts`, ctx.artifacts, ctx.warn) : []),
  ];
}
