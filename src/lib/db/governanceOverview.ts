/**
 * The inputs of the governance overview (core/governance/overview.ts): the published policy, the records, and the objects that matter now with their facts — the
 * newest dataset version, those a model still in use was trained on or a record names, and
 * every registered model version not retired (an archived one only while it holds an alias or
 * is deployed).
 */
import type { LifecycleDatabase } from './database';
import type { DeploymentRecord, ModelVersionRecord } from './records';
import { governanceOverview, type GovernanceOverview, type GovernedObjectInput, type ObjectRole } from '$lib/core/governance/overview';
import type { GovernanceRecords } from '$lib/core/governance/records';
import { currentPolicy } from './governancePolicy';
import { governanceRecords } from './governance';
import { gateFacts } from './governanceFacts';
import { listDatasetVersions } from './datasets';
import { listModelVersions } from './registry';
import { activeDeployment } from './deployments';
import { currentRiskTier } from './governanceGate';

function modelRoles(version: ModelVersionRecord, active: DeploymentRecord | undefined): ObjectRole[] {
  const roles: ObjectRole[] = ['registered'];
  if (version.aliases.includes('champion')) roles.push('champion');
  const mode = active?.traffic.find((t) => t.modelVersionId === version.id)?.mode;
  if (mode === 'serve') roles.push('served');
  else if (mode) roles.push('challenger');
  return roles;
}

/** Dataset version ids a governance record is about. */
function namedByRecords(records: GovernanceRecords): Set<string> {
  const ids = new Set<string>();
  for (const r of [...records.requests, ...records.decisions, ...records.waivers]) if (r.subject.kind === 'dataset-version') ids.add(r.subject.datasetVersionId);
  return ids;
}

export async function governanceOverviewOf(db: LifecycleDatabase, projectId: string, now: number = Date.now()): Promise<GovernanceOverview> {
  const [policy, records, datasets, models, active, tier] = await Promise.all([
    currentPolicy(db, projectId),
    governanceRecords(db, projectId),
    listDatasetVersions(db, projectId),
    listModelVersions(db, projectId),
    activeDeployment(db, projectId),
    currentRiskTier(db, projectId),
  ]);
  if (!policy) return governanceOverview(null, records, [], now);
  const inUse = models.filter((m) => !m.retired && (!m.archived || m.aliases.length > 0 || modelRoles(m, active).length > 1));
  const trainedOn = new Set(inUse.map((m) => m.datasetVersionId));
  const named = namedByRecords(records);
  const inputs: GovernedObjectInput[] = [];
  for (const [i, v] of datasets.entries()) {
    const roles: ObjectRole[] = [...(i === 0 ? ['newest' as const] : []), ...(trainedOn.has(v.id) ? ['trained-on' as const] : [])];
    if (roles.length > 0 || named.has(v.id)) inputs.push({ facts: await gateFacts(db, projectId, { kind: 'dataset-version', id: v.id }), roles });
  }
  for (const m of inUse) inputs.push({ facts: await gateFacts(db, projectId, { kind: 'model-version', id: m.id }), roles: modelRoles(m, active) });
  return governanceOverview(policy, records, inputs, now, tier);
}
