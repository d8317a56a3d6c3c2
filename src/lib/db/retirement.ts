/**
 * Deprecating and retiring model versions (core/registry/retirement.ts decides what is allowed).
 * Each change is one transaction with its audit entry; the version stays in the registry.
 */
import type { LifecycleDatabase } from './database';
import type { ModelVersionRecord } from './records';
import { deprecationProblem, retirementProblem } from '$lib/core/registry/retirement';
import { nowMs } from '$lib/clock';
import { nowIso } from './ids';
import { appendAudit } from './audit';

const label = (v: ModelVersionRecord) => `${v.modelName} version ${v.version}`;

async function versionOf(db: LifecycleDatabase, id: string): Promise<ModelVersionRecord> {
  const version = await db.modelVersions.get(id);
  if (!version) throw new Error('That version no longer exists.');
  return version;
}

/** Whether an active deployment of the version's project serves it (not as a challenger). */
async function isServed(db: LifecycleDatabase, version: ModelVersionRecord): Promise<boolean> {
  const served = await db.deployments.where('projectId').equals(version.projectId).filter((d) => d.status === 'active' && d.modelVersionId === version.id).count();
  return served > 0;
}

/**
 * Deprecates a version: it keeps answering, with Deprecation and Sunset headers. Deprecating the
 * champion (or the version being served) needs the version that replaces it.
 */
export async function deprecateVersion(
  db: LifecycleDatabase,
  input: { versionId: string; reason: string; /** ISO time */ sunset: string; replacementId: string | null; by: string },
): Promise<ModelVersionRecord> {
  return db.transaction('rw', [db.modelVersions, db.deployments, db.auditLog], async () => {
    const version = await versionOf(db, input.versionId);
    const replacement = input.replacementId ? await db.modelVersions.get(input.replacementId) : null;
    if (input.replacementId && replacement?.projectId !== version.projectId) throw new Error('The replacement version does not exist in this project.');
    const isChampion = version.aliases.includes('champion') || (await isServed(db, version));
    const problem = deprecationProblem({ version, isChampion, replacement: replacement ?? null, reason: input.reason, sunset: input.sunset, nowMs: nowMs() });
    if (problem) throw new Error(problem);
    const deprecated = { at: nowIso(), by: input.by, reason: input.reason.trim(), sunset: new Date(input.sunset).toISOString(), replacementId: replacement?.id ?? null };
    await db.modelVersions.update(version.id, { deprecated });
    await appendAudit(db, {
      projectId: version.projectId,
      actor: input.by,
      action: 'registry.deprecate',
      detail: `Deprecated ${label(version)}, sunset ${deprecated.sunset.slice(0, 10)}${replacement ? `, replaced by version ${replacement.version}` : ''} — ${deprecated.reason}`,
      refs: { modelVersionId: version.id, ...(replacement ? { replacementVersionId: replacement.id } : {}) },
    });
    return { ...version, deprecated };
  });
}

/**
 * Retires a deprecated version: it can no longer be deployed, be the champion or a challenger. A
 * deployment still serving it is left as it is and the endpoint answers 410 for it (retiring is
 * the decision to stop answering; the Deploy page says so before you confirm).
 */
export async function retireVersion(db: LifecycleDatabase, input: { versionId: string; reason: string; by: string }): Promise<ModelVersionRecord> {
  return db.transaction('rw', [db.modelVersions, db.deployments, db.auditLog], async () => {
    const version = await versionOf(db, input.versionId);
    const replacementId = version.deprecated?.replacementId;
    const replacement = replacementId ? ((await db.modelVersions.get(replacementId)) ?? null) : null;
    const problem = retirementProblem({ version, reason: input.reason, replacement });
    if (problem) throw new Error(problem);
    const retired = { at: nowIso(), by: input.by, reason: input.reason.trim() };
    await db.modelVersions.update(version.id, { retired });
    const served = await isServed(db, version);
    await appendAudit(db, {
      projectId: version.projectId,
      actor: input.by,
      action: 'registry.retire',
      detail: `Retired ${label(version)}${served ? ' (still deployed: the endpoint answers 410 until another version is deployed)' : ''} — ${retired.reason}`,
      refs: { modelVersionId: version.id },
    });
    return { ...version, retired };
  });
}
