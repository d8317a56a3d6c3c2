/**
 * A project's business settings (core/monitor/businessValue.ts): what its automatic decisions
 * are worth, the confidence threshold and the targets. Saved with an audit entry, in one
 * transaction; an invalid setting is refused with the reason and nothing changes. Also what the
 * exports compute the business figures with.
 */
import type { LifecycleDatabase } from './database';
import { appendAudit } from './audit';
import { activeDeployment } from './deployments';
import { businessOf, businessProblem, describeBusiness, normalizeBusiness, type BusinessSettings } from '$lib/core/monitor/businessValue';
import { businessFigures, DAY_MS } from '$lib/core/monitor/businessMetrics';
import type { EndpointBusiness } from '$lib/core/monitor/businessPrometheus';
import { runCalibration } from '$lib/core/monitor/cbpe';
import { BASE_BUCKET_MS, bucketStart, emptyBucket, mergeInto } from '$lib/core/monitor/buckets';

export async function getBusinessSettings(db: LifecycleDatabase, projectId: string): Promise<BusinessSettings> {
  return businessOf(await db.projects.get(projectId));
}

/** Saves the settings at `nowMs` (the caller's clock); returns whether anything changed. */
export async function setBusinessSettings(db: LifecycleDatabase, projectId: string, settings: BusinessSettings, nowMs: number): Promise<boolean> {
  const problem = businessProblem(settings);
  if (problem) throw new Error(problem);
  const after = normalizeBusiness(settings);
  return db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    if (JSON.stringify(businessOf(project)) === JSON.stringify(businessOf({ business: after }))) return false;
    const at = new Date(nowMs).toISOString();
    await db.projects.update(projectId, { business: after, updatedAt: at });
    await appendAudit(db, { projectId, action: 'monitor.business-settings', detail: describeBusiness(after), refs: {}, at });
    return true;
  });
}

/** What the business figures of a project are computed with: its settings and its served run's calibration (null without one). */
export async function businessInput(db: LifecycleDatabase, projectId: string): Promise<{ settings: BusinessSettings; calibration: number[] | null }> {
  return db.transaction('r', [db.projects, db.deployments, db.modelVersions, db.runs], async () => {
    const settings = businessOf(await db.projects.get(projectId));
    const deployment = await activeDeployment(db, projectId);
    const version = deployment ? await db.modelVersions.get(deployment.modelVersionId) : undefined;
    const run = version ? await db.runs.get(version.runId) : undefined;
    return { settings, calibration: runCalibration(run) };
  });
}

/**
 * The `/metrics` business figures of each project (core/monitor/businessPrometheus.ts): over
 * all its minute buckets (they outlive the logs' retention) and over the 24 hours before `nowMs`.
 */
export async function endpointBusiness(db: LifecycleDatabase, projectIds: readonly string[], nowMs: number): Promise<EndpointBusiness[]> {
  const out: EndpointBusiness[] = [];
  for (const projectId of projectIds) {
    const { settings, calibration } = await businessInput(db, projectId);
    const records = await db.metricBuckets.where('projectId').equals(projectId).toArray();
    const allTime = emptyBucket(0, BASE_BUCKET_MS);
    const lastDayStart = bucketStart(nowMs, BASE_BUCKET_MS) + BASE_BUCKET_MS - DAY_MS;
    const lastDay = emptyBucket(lastDayStart, DAY_MS);
    for (const { bucket } of records) {
      mergeInto(allTime, bucket);
      if (bucket.start >= lastDayStart) mergeInto(lastDay, bucket);
    }
    out.push({ projectId, allTime: businessFigures(allTime, settings, calibration), lastDay: businessFigures(lastDay, settings, calibration) });
  }
  return out;
}
