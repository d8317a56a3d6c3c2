/**
 * The model registry as MLflow's registry FileStore keeps it, under `mlruns/models/<name>/`:
 * - `meta.yaml`: name, creation/last-updated timestamps, description, and `aliases` (the map
 *   MLflow writes back after setting an alias; readers take aliases from the files below);
 * - `tags/<key>`: our model name exactly, the project, and the alias history (newest first);
 * - `aliases/<alias>`: the version number the alias points at, as text;
 * - `version-<n>/meta.yaml`: the ModelVersion fields (current_stage `None`, or `Archived` for an
 *   archived version; status READY; source `runs:/<run id>/model`, which is also the storage
 *   location; user_id and run_link null, as the FileStore writes them);
 * - `version-<n>/tags/<key>`: the version's tags and its lineage as `lifecycle_lab.*`.
 * Times: a model is created with its first version and last updated by its latest version or
 * alias move; a version's own times are its registration. Aliases MLflow refuses (`latest`,
 * `v2`, …) are kept only in the tag `lifecycle_lab.aliases` of their version.
 */
import type { MlflowAliasEventInput, MlflowFile, MlflowModelVersionInput } from './input';
import { epochMs, keyedFiles } from './keyedFiles';
import { isMlflowAlias, KeyAllocator, MAX_TAG_VALUE_LENGTH, modelDirName } from './names';
import { MODEL_ARTIFACT_PATH } from './runArtifacts';
import { yamlDocument } from './yaml';

export interface RegistryContext {
  projectId: string;
  /** MLflow run id for one of our run ids. */
  mlflowRunId: (runId: string) => string;
  warn: (message: string) => void;
}

/** Alias moves as lines, newest first, cut at a whole line to fit one tag value. */
function aliasHistory(events: readonly MlflowAliasEventInput[], numberOf: (id: string | null) => string): string {
  const lines = [...events]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((e) => `${e.at} @${e.alias}: ${numberOf(e.fromVersionId)} → ${numberOf(e.toVersionId)} by ${e.by}: ${e.reason}`);
  let text = '';
  for (const line of lines) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > MAX_TAG_VALUE_LENGTH) break;
    text = next;
  }
  return text;
}

function versionFiles(dir: string, name: string, v: MlflowModelVersionInput, ctx: RegistryContext): MlflowFile[] {
  const runId = ctx.mlflowRunId(v.runId);
  const source = `runs:/${runId}/${MODEL_ARTIFACT_PATH}`;
  const at = epochMs(v.createdAt);
  const meta = yamlDocument({
    aliases: v.aliases.filter(isMlflowAlias),
    creation_timestamp: at,
    current_stage: v.archived ? 'Archived' : 'None',
    description: v.description === '' ? null : v.description,
    last_updated_timestamp: at,
    name,
    run_id: runId,
    run_link: null,
    source,
    status: 'READY',
    status_message: null,
    storage_location: source,
    user_id: null,
    version: v.version,
  });
  const tags: [string, string][] = Object.keys(v.tags).sort().map((k) => [k, v.tags[k]]);
  tags.push(
    ['lifecycle_lab.model_version_id', v.id],
    ['lifecycle_lab.run_id', v.runId],
    ['lifecycle_lab.dataset_version_id', v.datasetVersionId],
    ['lifecycle_lab.app_version', v.appVersion],
  );
  if (v.aliases.length) tags.push(['lifecycle_lab.aliases', v.aliases.join(', ')]);
  if (v.deprecated) tags.push(['lifecycle_lab.deprecated', `${v.deprecated.at} by ${v.deprecated.by}, sunset ${v.deprecated.sunset}: ${v.deprecated.reason}`]);
  if (v.retired) tags.push(['lifecycle_lab.retired', `${v.retired.at} by ${v.retired.by}: ${v.retired.reason}`]);
  return [{ path: `${dir}/meta.yaml`, data: meta }, ...keyedFiles(`${dir}/tags`, tags, MAX_TAG_VALUE_LENGTH, ctx.warn)];
}

function registeredModelFiles(dir: string, name: string, versions: readonly MlflowModelVersionInput[], events: readonly MlflowAliasEventInput[], ctx: RegistryContext): MlflowFile[] {
  const numberOf = (id: string | null) => {
    const v = id === null ? undefined : versions.find((x) => x.id === id);
    return v ? `version ${v.version}` : id === null ? 'nothing' : 'a removed version';
  };
  const aliases: Record<string, string> = {};
  for (const v of versions) {
    for (const alias of v.aliases) {
      if (isMlflowAlias(alias)) aliases[alias] = String(v.version);
      else ctx.warn(`${dir}: MLflow does not allow the alias ${JSON.stringify(alias)} (version ${v.version}); it is kept in the version's tag lifecycle_lab.aliases.`);
    }
  }
  const times = [...versions.map((v) => epochMs(v.createdAt)), ...events.map((e) => epochMs(e.at))];
  const meta = yamlDocument({
    aliases,
    creation_timestamp: Math.min(...versions.map((v) => epochMs(v.createdAt))),
    description: null,
    last_updated_timestamp: Math.max(...times),
    name,
  });
  const tags: [string, string][] = [
    ['lifecycle_lab.model_name', versions[0].modelName],
    ['lifecycle_lab.project_id', ctx.projectId],
  ];
  if (events.length) tags.push(['lifecycle_lab.alias_history', aliasHistory(events, numberOf)]);
  return [
    { path: `${dir}/meta.yaml`, data: meta },
    ...keyedFiles(`${dir}/tags`, tags, MAX_TAG_VALUE_LENGTH, ctx.warn),
    ...Object.keys(aliases).sort().map((alias) => ({ path: `${dir}/aliases/${alias}`, data: aliases[alias] })),
    ...[...versions].sort((a, b) => a.version - b.version).flatMap((v) => versionFiles(`${dir}/version-${v.version}`, name, v, ctx)),
  ];
}

/** Every file under `mlruns/models/`: one folder per model name, in name order. */
export function registryFiles(versions: readonly MlflowModelVersionInput[], events: readonly MlflowAliasEventInput[], ctx: RegistryContext): MlflowFile[] {
  const byName = new Map<string, MlflowModelVersionInput[]>();
  for (const v of versions) byName.set(v.modelName, [...(byName.get(v.modelName) ?? []), v]);
  const dirs = new KeyAllocator();
  const files: MlflowFile[] = [];
  for (const modelName of [...byName.keys()].sort()) {
    const name = dirs.allocate(modelDirName(modelName));
    if (name !== modelName) ctx.warn(`The model ${JSON.stringify(modelName)} is registered in MLflow as ${JSON.stringify(name)}; its tag lifecycle_lab.model_name keeps the name.`);
    const modelEvents = events.filter((e) => e.modelName === modelName);
    files.push(...registeredModelFiles(`mlruns/models/${name}`, name, byName.get(modelName)!, modelEvents, ctx));
  }
  return files;
}
