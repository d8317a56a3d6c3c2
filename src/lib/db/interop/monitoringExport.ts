/**
 * A project's monitoring aggregates for a window, for Prometheus and Grafana: the minute buckets
 * of [from, to) and the names of the model versions they mention, read in one transaction, with
 * the project's business figures under its current settings, written by the core:
 * - as Prometheus text without timestamps, one sample per series for the window (scrape or
 *   node_exporter's textfile collector; interop/prometheusAggregates.ts);
 * - as an OpenMetrics backfill, a point per step (interop/monitoringBackfill.ts);
 * - and the Grafana dashboard that reads the backfill (interop/grafanaDashboard.ts).
 * Every series carries the label `project_id`.
 */
import type { LifecycleDatabase } from '../database';
import { renderMonitoringAggregates, type MonitoringAggregatesInput, type VersionName } from '$lib/core/interop/prometheusAggregates';
import { backfillStepMs, renderMonitoringBackfill } from '$lib/core/interop/monitoringBackfill';
import { grafanaDashboard } from '$lib/core/interop/grafanaDashboard';
import { businessOf, hasBusinessValue } from '$lib/core/monitor/businessValue';
import { businessInput } from '../businessSettings';

async function windowInput(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<MonitoringAggregatesInput> {
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
  return { buckets: records.map((r) => r.bucket), from, to, versions: names, labels: { project_id: projectId }, business };
}

/** Prometheus text for [from, to) (ms since the epoch, whole minutes recommended). */
export async function exportMonitoringPrometheus(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<string> {
  return renderMonitoringAggregates(await windowInput(db, projectId, from, to));
}

/** OpenMetrics backfill of [from, to) (whole minutes), one point per {@link backfillStepMs}. */
export async function exportMonitoringBackfill(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<string> {
  return renderMonitoringBackfill({ ...(await windowInput(db, projectId, from, to)), stepMs: backfillStepMs(to - from) });
}

/** The Grafana dashboard (JSON text) for the project's backfill of a window of `windowMs`. */
export async function exportGrafanaDashboard(db: LifecycleDatabase, projectId: string, windowMs: number): Promise<string> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error('That project no longer exists.');
  const dashboard = grafanaDashboard({ projectId, projectName: project.name, windowMs, businessValue: hasBusinessValue(businessOf(project)) });
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
