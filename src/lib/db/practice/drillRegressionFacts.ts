/**
 * What the regression drill's checks read, gathered from the stores: the two versions the template
 * made (named in the mission record's `start`), the project's deployments, request contract and
 * canary rule, and the requests the template's deployments logged (before and after the bug).
 */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord, ModelVersionRecord, PredictionLogRecord } from '../records';
import { requestContractOf } from '$lib/core/serving/requestContract';
import { canaryRuleOf } from '$lib/core/loop/canaryRule';
import { businessOf } from '$lib/core/monitor/businessValue';
import type { DrillRegressionStart } from './drillRegressionSeed';
import { tallyServed, type DrillRegressionFacts, type DrillVersionFact, type ServedQuality } from '$lib/core/practice/missions/drillRegression';

const text = (start: MissionRecord['start'], key: keyof DrillRegressionStart) => (typeof start?.[key] === 'string' ? (start[key] as string) : null);

async function versionFact(db: LifecycleDatabase, projectId: string, id: string | null): Promise<DrillVersionFact | null> {
  const version: ModelVersionRecord | undefined = id ? await db.modelVersions.get(id) : undefined;
  if (!version || version.projectId !== projectId) return null;
  const dataset = await db.datasetVersions.get(version.datasetVersionId);
  return { id: version.id, name: `${version.modelName} v${version.version}`, datasetVersionId: dataset ? dataset.id : null, datasetNumber: dataset?.number ?? null };
}

/** The answers a deployment served (not shadow scores). */
async function served(db: LifecycleDatabase, deploymentIds: readonly string[]): Promise<PredictionLogRecord[]> {
  if (!deploymentIds.length) return [];
  const logs = await db.predictionLogs.where('deploymentId').anyOf([...deploymentIds]).toArray();
  return logs.filter((l) => l.route !== 'shadow' && l.status === 200);
}

export async function gatherDrillRegressionFacts(db: LifecycleDatabase, record: MissionRecord): Promise<DrillRegressionFacts> {
  const projectId = record.projectId ?? '';
  const start = record.start;
  return db.transaction('r', [db.projects, db.modelVersions, db.datasetVersions, db.deployments, db.predictionLogs], async () => {
    const project = await db.projects.get(projectId);
    const stable = await versionFact(db, projectId, text(start, 'stableVersionId'));
    const broken = await versionFact(db, projectId, text(start, 'brokenVersionId'));
    const deployments = (await db.deployments.where('projectId').equals(projectId).toArray())
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map((d) => ({ id: d.id, servedVersionId: d.modelVersionId, createdAt: d.createdAt, status: d.status }));
    const stableDeploymentId = text(start, 'stableDeploymentId');
    const brokenDeploymentId = text(start, 'brokenDeploymentId');
    const brokenAt = deployments.findIndex((d) => d.id === brokenDeploymentId);
    // Deployments after the broken one that serve the stable version: what the learner's rollback served.
    const rolledBack = brokenAt < 0 || !stable ? [] : deployments.slice(brokenAt + 1).filter((d) => d.servedVersionId === stable.id).map((d) => d.id);
    const before = await served(db, stableDeploymentId ? [stableDeploymentId] : []);
    const after = await served(db, brokenDeploymentId ? [brokenDeploymentId] : []);
    const since = await served(db, rolledBack);
    const threshold = businessOf(project).threshold;
    const tally = (logs: PredictionLogRecord[]): ServedQuality => tallyServed(logs, threshold);
    const fieldsOf = (logs: PredictionLogRecord[]) => logs.flatMap((l) => (l.fields ? [{ ...l.fields }] : []));
    return {
      notes: { ...record.notes },
      events: record.events.map((e) => ({ ...e })),
      stable,
      broken,
      brokenDeploymentId: brokenAt < 0 ? null : brokenDeploymentId,
      deployments,
      contract: requestContractOf(project),
      requestsBefore: fieldsOf(before),
      requestsAfter: fieldsOf(after),
      canaryRule: canaryRuleOf(project),
      quality: { before: tally(before), after: tally(after), sinceRollback: rolledBack.length ? tally(since) : null },
      threshold,
    };
  });
}
