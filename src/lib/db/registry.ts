/**
 * The model registry: named models with numbered versions registered from runs, aliases that
 * point at versions (with every move kept), and archiving. Each change is one transaction with
 * its audit entry.
 */
import { CHAMPION_ALIAS } from '$lib/core/registry/champion';
import type { LifecycleDatabase } from './database';
import type { AliasEventRecord, ModelVersionRecord, RunRecord } from './records';
import type { UnpackedModel } from '$lib/core/registry/modelPackage';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';
import { nextNumber } from './nextNumber';
import { importedRunRecord } from './runs';
import { assertMayUse } from '$lib/core/registry/retirement';
import { nowMs } from '$lib/clock';
import { assertMayProceed, withGateTables } from './governanceGate';

/** The alias the endpoint serves as the model's champion: moving it onto a version is gated (`promote`). */
export const SERVING_ALIAS = CHAMPION_ALIAS;

export const MODEL_NAME_MAX = 80;
const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!clean) throw new Error('A model needs a name.');
  if (clean.length > MODEL_NAME_MAX) throw new Error(`A model name has at most ${MODEL_NAME_MAX} characters.`);
  return clean;
}

/** Aliases are short lowercase names: champion, challenger, staging, … */
export function checkAlias(alias: string): string {
  const clean = alias.trim().toLowerCase();
  if (!ALIAS_PATTERN.test(clean)) throw new Error('An alias starts with a letter and uses lowercase letters, digits, - or _ (at most 40).');
  return clean;
}

/**
 * The record of the next version of `modelName` in the run's project, numbered inside the caller's
 * write transaction; it reads its model files through the run.
 */
async function nextVersionRecord(
  db: LifecycleDatabase,
  input: { modelName: string; run: RunRecord; createdAt: string; description: string; tags: Record<string, string> },
): Promise<ModelVersionRecord> {
  const { modelName, run } = input;
  return {
    id: newId(),
    projectId: run.projectId,
    modelName,
    version: await nextNumber(db.modelVersions.where('projectId').equals(run.projectId).filter((v) => v.modelName === modelName), (v) => v.version),
    runId: run.id,
    datasetVersionId: run.datasetVersionId,
    createdAt: input.createdAt,
    description: input.description,
    tags: input.tags,
    aliases: [],
    archived: false,
    appVersion: run.appVersion,
  };
}

/** Registers a run's model as the next version of `modelName`; the version reads its files through the run. */
export async function registerRun(
  db: LifecycleDatabase,
  input: { runId: string; modelName: string; description?: string; tags?: Record<string, string>; by: string },
): Promise<ModelVersionRecord> {
  const modelName = cleanName(input.modelName);
  return db.transaction('rw', [db.runs, db.runArtifacts, db.modelVersions, db.projects, db.auditLog], async () => {
    const run = await db.runs.get(input.runId);
    const files = await db.runArtifacts.where('runId').equals(input.runId).count();
    if (!run || !files) throw new Error('That run or its model no longer exists.');
    const version = await nextVersionRecord(db, {
      modelName,
      run,
      createdAt: nowIso(),
      description: input.description?.trim() ?? '',
      tags: { family: run.family, ...input.tags },
    });
    await db.modelVersions.add(version);
    await db.projects.update(run.projectId, { updatedAt: version.createdAt });
    await appendAudit(db, {
      projectId: run.projectId,
      actor: input.by,
      action: 'registry.register',
      detail: `Registered run ${run.number} as ${modelName} version ${version.version}`,
      refs: { modelVersionId: version.id, runId: run.id, datasetVersionId: run.datasetVersionId },
    });
    return version;
  });
}

/**
 * Points `alias` of a model at a version (or removes it with `versionId: null`). The alias
 * leaves whichever version held it; the move is recorded with who and why. Moving the champion
 * onto a version is promoting it: refused (GateRefusedError, with the reasons) unless the policy's
 * deploy gates let it through. Other aliases and removing one are not gated: they serve nobody.
 */
export async function setAlias(
  db: LifecycleDatabase,
  input: { projectId: string; modelName: string; alias: string; versionId: string | null; by: string; reason: string },
): Promise<AliasEventRecord> {
  const alias = checkAlias(input.alias);
  if (!input.reason.trim()) throw new Error('Say why the alias moves: the reason is kept in the audit trail.');
  return db.transaction('rw', withGateTables(db, [db.modelVersions, db.aliasEvents, db.auditLog]), async () => {
    const versions = await db.modelVersions.where('projectId').equals(input.projectId).filter((v) => v.modelName === input.modelName).toArray();
    const from = versions.find((v) => v.aliases.includes(alias)) ?? null;
    const to = input.versionId ? versions.find((v) => v.id === input.versionId) : null;
    if (input.versionId && !to) throw new Error('That version does not belong to this model.');
    if (to?.archived) throw new Error('An archived version cannot hold an alias.');
    if (to && alias === SERVING_ALIAS) {
      assertMayUse(to, 'champion', nowMs());
      await assertMayProceed(db, input.projectId, 'promote', { kind: 'model-version', id: to.id }, nowMs());
    }
    if (from?.id === to?.id) throw new Error(`${alias} already points at this version.`);
    if (from) await db.modelVersions.update(from.id, { aliases: from.aliases.filter((a) => a !== alias) });
    if (to) await db.modelVersions.update(to.id, { aliases: [...to.aliases, alias].sort() });
    const event: AliasEventRecord = {
      projectId: input.projectId,
      modelName: input.modelName,
      alias,
      fromVersionId: from?.id ?? null,
      toVersionId: to?.id ?? null,
      at: nowIso(),
      by: input.by,
      reason: input.reason.trim(),
    };
    event.id = await db.aliasEvents.add(event);
    const where = (v: ModelVersionRecord | null) => (v ? `version ${v.version}` : 'nothing');
    await appendAudit(db, {
      projectId: input.projectId,
      actor: input.by,
      action: 'registry.alias',
      detail: `${input.modelName} @${alias}: ${where(from)} → ${where(to ?? null)} — ${event.reason}`,
      refs: { ...(to ? { modelVersionId: to.id } : {}), ...(from ? { previousModelVersionId: from.id } : {}) },
    });
    return event;
  });
}

/** Archives (or restores) a version; a version holding an alias or being served cannot be archived. */
export async function setArchived(db: LifecycleDatabase, versionId: string, archived: boolean, by: string): Promise<void> {
  await db.transaction('rw', [db.modelVersions, db.deployments, db.auditLog], async () => {
    const version = await db.modelVersions.get(versionId);
    if (!version) throw new Error('That version no longer exists.');
    if (archived && version.aliases.length) throw new Error(`Move its aliases (${version.aliases.join(', ')}) first.`);
    const served = await db.deployments.where('projectId').equals(version.projectId).filter((d) => d.status === 'active' && d.traffic.some((t) => t.modelVersionId === versionId)).count();
    if (archived && served) throw new Error('This version is deployed; deploy another version first.');
    await db.modelVersions.update(versionId, { archived });
    await appendAudit(db, { projectId: version.projectId, actor: by, action: archived ? 'registry.archive' : 'registry.restore', detail: `${archived ? 'Archived' : 'Restored'} ${version.modelName} version ${version.version}`, refs: { modelVersionId: versionId } });
  });
}

/** The project's model versions: by model name, newest version first. */
export async function listModelVersions(db: LifecycleDatabase, projectId: string): Promise<ModelVersionRecord[]> {
  const versions = await db.modelVersions.where('projectId').equals(projectId).toArray();
  return versions.sort((a, b) => (a.modelName < b.modelName ? -1 : a.modelName > b.modelName ? 1 : b.version - a.version));
}

/** Every alias move of a model, newest first. */
export async function aliasHistory(db: LifecycleDatabase, projectId: string, modelName: string): Promise<AliasEventRecord[]> {
  const events = await db.aliasEvents.where('[projectId+modelName]').equals([projectId, modelName]).toArray();
  return events.sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
}

/**
 * Registers a model package (an exported .zip, already unpacked and checked) as the next version
 * of its model name in this project. The package's run comes along as an imported run — its
 * metrics, parameters and lineage, no training curves — so the version compares and deploys like
 * any other. One transaction: the run, its files, the version and the audit entry, or nothing.
 */
export async function importModelVersion(
  db: LifecycleDatabase,
  input: { projectId: string; unpacked: UnpackedModel; fileName: string; by: string },
): Promise<ModelVersionRecord> {
  const { metadata, model, vectorizer, classes } = input.unpacked;
  const modelName = cleanName(metadata.name);
  return db.transaction('rw', [db.projects, db.datasetVersions, db.runs, db.runArtifacts, db.modelVersions, db.auditLog], async () => {
    if (!(await db.projects.get(input.projectId))) throw new Error('That project no longer exists.');
    const createdAt = nowIso();
    // Keep the dataset link only when the data it was trained on is in this project.
    const data = metadata.lineage.datasetVersionId ? await db.datasetVersions.get(metadata.lineage.datasetVersionId) : undefined;
    const datasetVersion = data?.projectId === input.projectId ? data : undefined;
    const run: RunRecord = {
      ...importedRunRecord(metadata, { projectId: input.projectId, datasetVersion, fileName: input.fileName, classes, createdAt }),
      number: await nextNumber(db.runs.where('projectId').equals(input.projectId), (r) => r.number),
    };
    const version = await nextVersionRecord(db, {
      modelName,
      run,
      createdAt,
      description: metadata.description,
      tags: { ...metadata.tags, family: metadata.family, imported: input.fileName },
    });
    await db.runs.add(run);
    await db.modelVersions.add(version);
    await db.runArtifacts.add({ runId: run.id, modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData, vectorizer });
    await db.projects.update(input.projectId, { updatedAt: createdAt });
    await appendAudit(db, {
      projectId: input.projectId,
      actor: input.by,
      action: 'registry.import',
      detail: `Imported ${input.fileName} (${metadata.name} v${metadata.version}, exported by ${metadata.owner || 'someone'}) as ${modelName} version ${version.version}`,
      refs: { modelVersionId: version.id, runId: run.id },
    });
    return version;
  });
}
