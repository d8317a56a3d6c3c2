/**
 * A project's monitoring aggregates for a window as Prometheus text: the minute buckets of
 * [from, to) and the names of the model versions they mention, read in one transaction, written
 * by the core (interop/prometheusAggregates.ts, where the format decisions are), with the
 * project's business figures under its current settings. Every series carries the label `project_id`.
 */
import type { LifecycleDatabase } from '../database';
import { renderMonitoringAggregates, type VersionName } from '$lib/core/interop/prometheusAggregates';
import { businessInput } from '../businessSettings';

export interface MonitoringExportOptions {
  /** Stamp every sample with this time (ms since the epoch); default none. */
  timestampMs?: number;
}

/** Prometheus text for [from, to) (ms since the epoch, whole minutes recommended). */
export async function exportMonitoringPrometheus(
  db: LifecycleDatabase,
  projectId: string,
  from: number,
  to: number,
  options: MonitoringExportOptions = {},
): Promise<string> {
  const { records, versions } = await db.transaction('r', [db.projects, db.metricBuckets, db.modelVersions], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const [records, versions] = await Promise.all([
      db.metricBuckets.where('[projectId+start]').between([projectId, from], [projectId, to], true, false).toArray(),
      db.modelVersions.where('projectId').equals(projectId).toArray(),
    ]);
    return { records, versions };
  });
  const names = new Map<string, VersionName>(versions.map((v) => [v.id, { modelName: v.modelName, version: v.version }]));
  const business = await businessInput(db, projectId);
  return renderMonitoringAggregates({
    buckets: records.map((r) => r.bucket),
    from,
    to,
    versions: names,
    labels: { project_id: projectId },
    business,
    ...(options.timestampMs === undefined ? {} : { timestampMs: options.timestampMs }),
  });
}
