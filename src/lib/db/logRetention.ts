/**
 * How long a project keeps the endpoint's logs, whether it masks their texts, and the purge that
 * enforces the retention: at app start (`purgeExpiredLogs`) and when a shorter retention is saved.
 * Purged: prediction logs (they hold the texts) and request logs older than the cutoff. Kept: the
 * minute buckets (aggregates without texts: the dashboard's history survives) and health probes.
 */
import type { LifecycleDatabase } from './database';
import { appendAudit } from './audit';
import { logSettingsOf, logSettingsProblem, retentionCutoff, type LogSettings } from '$lib/core/monitor/logSettings';

export async function getLogSettings(db: LifecycleDatabase, projectId: string): Promise<LogSettings> {
  return logSettingsOf(await db.projects.get(projectId));
}

export interface PurgeResult {
  predictionLogs: number;
  requestLogs: number;
}

/** Deletes one project's logs older than its retention at `nowMs`; audits what it deleted. Joins the caller's transaction. */
async function purgeProject(db: LifecycleDatabase, projectId: string, retentionDays: number, nowMs: number): Promise<PurgeResult> {
  const cutoff = retentionCutoff(nowMs, retentionDays);
  const older = [[projectId, ''], [projectId, cutoff]] as const;
  const predictionLogs = await db.predictionLogs.where('[projectId+at]').between(...older, true, false).delete();
  const requestLogs = await db.requestLogs.where('[projectId+at]').between(...older, true, false).delete();
  if (predictionLogs || requestLogs) {
    await appendAudit(db, {
      projectId,
      action: 'monitor.logs-purged',
      detail: `Deleted ${predictionLogs.toLocaleString('en-US')} prediction logs and ${requestLogs.toLocaleString('en-US')} request logs older than ${retentionDays} days (before ${cutoff}); minute aggregates are kept`,
      refs: {},
      at: new Date(nowMs).toISOString(),
    });
  }
  return { predictionLogs, requestLogs };
}

/**
 * Deletes every project's logs older than its retention at `nowMs` (the clock is the caller's),
 * in one transaction: all projects purged and audited, or nothing. Returns the counts per project
 * that lost logs.
 */
export async function purgeExpiredLogs(db: LifecycleDatabase, nowMs: number): Promise<Map<string, PurgeResult>> {
  return db.transaction('rw', [db.projects, db.predictionLogs, db.requestLogs, db.auditLog], async () => {
    const purged = new Map<string, PurgeResult>();
    for (const project of await db.projects.toArray()) {
      const result = await purgeProject(db, project.id, logSettingsOf(project).retentionDays, nowMs);
      if (result.predictionLogs || result.requestLogs) purged.set(project.id, result);
    }
    return purged;
  });
}

/**
 * Saves a project's log settings (refused with the reason when invalid: nothing changes), audits
 * the change at `nowMs` (the caller's clock), and purges at once what a shorter retention no longer keeps — one transaction.
 */
export async function setLogSettings(db: LifecycleDatabase, projectId: string, settings: LogSettings, nowMs: number): Promise<PurgeResult> {
  const problem = logSettingsProblem(settings);
  if (problem) throw new Error(problem);
  return db.transaction('rw', [db.projects, db.predictionLogs, db.requestLogs, db.auditLog], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const before = logSettingsOf(project);
    const after: LogSettings = { retentionDays: settings.retentionDays, maskPii: settings.maskPii };
    if (before.retentionDays === after.retentionDays && before.maskPii === after.maskPii) return { predictionLogs: 0, requestLogs: 0 };
    const at = new Date(nowMs).toISOString();
    await db.projects.update(projectId, { logging: after, updatedAt: at });
    await appendAudit(db, {
      projectId,
      action: 'monitor.log-settings',
      detail: `Logs are kept ${after.retentionDays} days; personal data in logged texts is ${after.maskPii ? 'masked' : 'not masked'}`,
      refs: {},
      at,
    });
    return after.retentionDays < before.retentionDays ? purgeProject(db, projectId, after.retentionDays, nowMs) : { predictionLogs: 0, requestLogs: 0 };
  });
}
