/**
 * Deployments: which model version the endpoint serves for a project, with an optional
 * challenger as canary or shadow, and one-step rollback. Records are never edited beyond their
 * status, so the history is complete.
 */
import type { LifecycleDatabase } from './database';
import type { DeploymentRecord, ModelVersionRecord } from './records';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';
import { trafficRefs } from '$lib/core/governance/pointInTime';
import { setAlias } from './registry';
import { assertMayUse } from '$lib/core/registry/retirement';
import { nowMs } from '$lib/clock';
import { assertMayProceed, withGateTables } from './governanceGate';
import { normalizeSegmentRouting, segmentRoutingErrors, type SegmentRouting } from '$lib/core/serving/segmentRouting';
import { canaryRuleOf, mayTakeTraffic, routesOf, trafficOf, type ChallengerChoice, type TrafficRequest } from '$lib/core/loop/canaryRule';

/**
 * Throws with the canary rule's reason (core/loop/canaryRule.ts) unless the project's rule lets
 * this traffic be served, judged on every earlier deployment of the project.
 */
async function assertCanaryRule(
  db: LifecycleDatabase, projectId: string, traffic: DeploymentRecord['traffic'], versions: readonly (ModelVersionRecord | undefined)[], via: TrafficRequest['via'],
  routing?: SegmentRouting,
): Promise<void> {
  const rule = canaryRuleOf(await db.projects.get(projectId));
  if (!rule.requireCanary) return;
  const history = await db.deployments.where('projectId').equals(projectId).toArray();
  const nameOf = (v: ModelVersionRecord | undefined) => (v ? `${v.modelName} v${v.version}` : 'a removed version');
  const parts = traffic.map((t, i) => ({ ...t, name: nameOf(versions[i]) }));
  const routeVersions = new Map((await db.modelVersions.bulkGet(routing?.routes.map((r) => r.modelVersionId) ?? [])).flatMap((v) => (v ? [[v.id, v] as const] : [])));
  const decision = mayTakeTraffic(rule, { traffic: parts, via, routes: routesOf(routing, (id) => nameOf(routeVersions.get(id))) }, history);
  if (!decision.allowed) throw new Error(decision.reason);
}

/**
 * Throws unless each version of the traffic may take its part (core/registry/retirement.ts): the
 * served one is deployed, a challenger runs as canary or shadow. `versions[i]` is `traffic[i]`'s.
 */
function assertTrafficAllowed(traffic: DeploymentRecord['traffic'], versions: readonly (ModelVersionRecord | undefined)[]): void {
  const now = nowMs();
  traffic.forEach((t, i) => {
    const version = versions[i];
    if (version) assertMayUse(version, t.mode === 'serve' ? 'deploy' : t.mode, now);
  });
}

/**
 * Throws with the policy's reasons unless each version may take its part (`mayProceed`): the
 * served one `deploy`, a canary `canary`. A shadow is not gated: it answers nobody (the endpoint
 * only logs its scores). A rollback asks `serve` instead (see `rollback`).
 */
async function assertTrafficGated(db: LifecycleDatabase, projectId: string, traffic: DeploymentRecord['traffic'], rollingBack: boolean): Promise<void> {
  const now = nowMs();
  for (const t of traffic) {
    if (t.mode === 'shadow') continue;
    const action = rollingBack ? 'serve' : t.mode === 'serve' ? 'deploy' : 'canary';
    await assertMayProceed(db, projectId, action, { kind: 'model-version', id: t.modelVersionId }, now);
  }
}

/**
 * Throws unless every version a segment routing answers with exists in the project, is not
 * archived and may be served (retirement, then the policy's gate: `deploy`, or `serve` when
 * rolling back, as for the served version).
 */
async function assertRoutesAllowed(db: LifecycleDatabase, projectId: string, routing: SegmentRouting | undefined, rollingBack: boolean): Promise<void> {
  if (!routing) return;
  const ids = [...new Set(routing.routes.map((r) => r.modelVersionId))];
  const versions = await db.modelVersions.bulkGet(ids);
  if (versions.some((v) => !v || v.projectId !== projectId)) throw new Error('A version a segment route names does not exist in this project.');
  if (versions.some((v) => v!.archived)) throw new Error('Archived versions cannot answer a segment route.');
  const now = nowMs();
  for (const v of versions) {
    assertMayUse(v!, rollingBack ? 'serve' : 'deploy', now);
    await assertMayProceed(db, projectId, rollingBack ? 'serve' : 'deploy', { kind: 'model-version', id: v!.id }, now);
  }
}

export interface DeployInput {
  projectId: string;
  /** The version that answers. */
  servedVersionId: string;
  alias: string;
  challenger?: ChallengerChoice | null;
  /** Also moves the champion alias of the served version's model to it (same transaction), and serves it as @champion. */
  makeChampion?: boolean;
  /** Route by a request field: each value's version answers it, the served version the rest (no challenger then). */
  segmentRouting?: SegmentRouting | null;
  by: string;
  reason: string;
}

/** "enterprise → version 2, smb → version 1", for the audit trail. */
async function routesInWords(db: LifecycleDatabase, routing: SegmentRouting): Promise<string> {
  const versions = await db.modelVersions.bulkGet(routing.routes.map((r) => r.modelVersionId));
  return routing.routes.map((r, i) => `${r.value} → version ${versions[i]?.version ?? '?'}`).join(', ');
}

async function activeOf(db: LifecycleDatabase, projectId: string): Promise<DeploymentRecord | undefined> {
  return db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first();
}

/** The deployment the endpoint serves for this project, if any. */
export function activeDeployment(db: LifecycleDatabase, projectId: string): Promise<DeploymentRecord | undefined> {
  return activeOf(db, projectId);
}

/** The active deployments of every project (one each at most), the most recently activated first. */
export async function activeDeployments(db: LifecycleDatabase): Promise<DeploymentRecord[]> {
  const all = await db.deployments.where('status').equals('active').toArray();
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** Every deployment of the project, newest first. */
export async function deploymentHistory(db: LifecycleDatabase, projectId: string): Promise<DeploymentRecord[]> {
  const all = await db.deployments.where('projectId').equals(projectId).toArray();
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * Deploys a version (and optionally a challenger); the active deployment is superseded. With
 * `makeChampion` the served version also takes the champion alias, in the same transaction, so a
 * failed deployment leaves the alias where it was. `via` is for the canary rule: only
 * db/promotion.ts says `promotion` (after the promotion rule proposed it, in its transaction) or
 * `rollback`; every other caller deploys.
 */
export async function deploy(db: LifecycleDatabase, input: DeployInput, via: TrafficRequest['via'] = 'deploy'): Promise<DeploymentRecord> {
  const challenger = input.challenger ?? null;
  if (challenger) {
    if (challenger.versionId === input.servedVersionId) throw new Error('The challenger must be another version.');
    if (challenger.mode === 'canary' && !(challenger.percent > 0 && challenger.percent < 100)) throw new Error('A canary gets between 1 % and 99 % of the requests.');
  }
  const routing = input.segmentRouting ? normalizeSegmentRouting(input.segmentRouting) : undefined;
  if (routing) {
    if (challenger) throw new Error('A deployment routes by segment or has a challenger, not both.');
    const errors = segmentRoutingErrors(routing, input.servedVersionId);
    if (errors.length) throw new Error(errors.join(' '));
  }
  const traffic: DeploymentRecord['traffic'] = trafficOf(input.servedVersionId, challenger);
  return db.transaction('rw', withGateTables(db, [db.deployments, db.modelVersions, db.aliasEvents, db.projects, db.auditLog]), async () => {
    const versions = await db.modelVersions.bulkGet(traffic.map((t) => t.modelVersionId));
    if (versions.some((v) => !v || v.projectId !== input.projectId)) throw new Error('A version to deploy does not exist in this project.');
    if (versions.some((v) => v!.archived)) throw new Error('Archived versions cannot be deployed.');
    const served = versions[0]!;
    assertTrafficAllowed(traffic, versions);
    await assertCanaryRule(db, input.projectId, traffic, versions, via, routing);
    await assertTrafficGated(db, input.projectId, traffic, false);
    await assertRoutesAllowed(db, input.projectId, routing, false);
    if (input.makeChampion && !served.aliases.includes('champion')) {
      await setAlias(db, { projectId: input.projectId, modelName: served.modelName, alias: 'champion', versionId: served.id, by: input.by, reason: input.reason.trim() || 'Deployed as the champion' });
    }
    const previous = await activeOf(db, input.projectId);
    if (previous) await db.deployments.update(previous.id, { status: 'superseded' });
    const record: DeploymentRecord = {
      id: newId(),
      projectId: input.projectId,
      alias: input.makeChampion ? 'champion' : input.alias,
      modelVersionId: input.servedVersionId,
      createdAt: nowIso(),
      status: 'active',
      traffic,
      previousDeploymentId: previous?.id ?? null,
      by: input.by,
      reason: input.reason,
      ...(routing ? { segmentRouting: routing } : {}),
    };
    await db.deployments.add(record);
    await db.projects.update(input.projectId, { updatedAt: record.createdAt });
    const other = versions[1];
    const routes = routing ? ` routing by ${routing.field}: ${await routesInWords(db, routing)}, other requests to version ${served.version}` : '';
    await appendAudit(db, {
      projectId: input.projectId,
      actor: input.by,
      action: 'deploy',
      detail: `Deployed ${served.modelName} version ${served.version}${other ? ` with version ${other.version} as ${challenger!.mode}${challenger!.mode === 'canary' ? ` (${challenger!.percent} %)` : ''}` : ''}${routes}${input.reason ? ` — ${input.reason}` : ''}`,
      refs: trafficRefs(record),
    });
    return record;
  });
}

/**
 * Rolls back to the deployment before the active one: its traffic becomes active again. A rollback
 * is an emergency step back to what was served, so it asks the gates `serve`, not `deploy`: it
 * restores a version that kept what let it through (an approval still in force, or served before
 * the policy), and is refused, with the reasons, for one that lost it — the endpoint would answer
 * 403 for it anyway; a waiver lets it back.
 */
export async function rollback(db: LifecycleDatabase, projectId: string, by: string, reason: string): Promise<DeploymentRecord> {
  return db.transaction('rw', withGateTables(db, [db.deployments, db.modelVersions, db.projects, db.auditLog]), async () => {
    const current = await activeOf(db, projectId);
    if (!current) throw new Error('Nothing is deployed, so there is nothing to roll back.');
    const previous = current.previousDeploymentId ? await db.deployments.get(current.previousDeploymentId) : undefined;
    if (!previous) throw new Error('There is no earlier deployment to roll back to.');
    const versions = await db.modelVersions.bulkGet(previous.traffic.map((t) => t.modelVersionId));
    assertTrafficAllowed(previous.traffic, versions);
    await assertCanaryRule(db, projectId, previous.traffic, versions, 'rollback');
    await assertTrafficGated(db, projectId, previous.traffic, true);
    await assertRoutesAllowed(db, projectId, previous.segmentRouting, true);
    await db.deployments.update(current.id, { status: 'rolled-back' });
    const record: DeploymentRecord = {
      ...previous,
      id: newId(),
      createdAt: nowIso(),
      status: 'active',
      previousDeploymentId: previous.previousDeploymentId,
      by,
      reason: reason || `Rollback of the deployment of ${current.createdAt}`,
    };
    await db.deployments.add(record);
    await db.projects.update(projectId, { updatedAt: record.createdAt });
    const version = await db.modelVersions.get(record.modelVersionId);
    await appendAudit(db, { projectId, actor: by, action: 'deploy.rollback', detail: `Rolled back to ${version?.modelName ?? 'the model'} version ${version?.version ?? '?'}${reason ? ` — ${reason}` : ''}`, refs: { ...trafficRefs(record), rolledBackId: current.id } });
    return record;
  });
}
