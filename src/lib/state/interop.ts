/**
 * Exports for tools beyond the browser, as downloads: MLflow's file store, Prometheus text for a
 * scrape or textfile collector, an OpenMetrics backfill, and a Grafana dashboard.
 */
import { exportGrafanaDashboard, exportMlflow } from '$lib/db';
import { dataCall } from '$lib/workers/dataClient';
import { OPENMETRICS_CONTENT_TYPE } from '$lib/core/interop/openMetrics';
import { downloadBlob, downloadText, fileSlug } from '$lib/download';
import { db } from './database.svelte';
import { siteStorage } from './siteStorage';
import { displayName } from './registry.svelte';
import { nowMs } from '$lib/clock';

export const MONITORING_WINDOWS = [
  { id: '24h', title: 'last 24 hours', ms: 86_400_000 },
  { id: '7d', title: 'last 7 days', ms: 7 * 86_400_000 },
] as const;
export type MonitoringWindowId = (typeof MONITORING_WINDOWS)[number]['id'];

const MINUTE_MS = 60_000;
/** Kept per browser, not per project: it is where this person unzips MLflow exports. */
const UNZIP_FOLDER_KEY = 'lifecycle-lab.mlflow.unzipFolder';

/** The folder MLflow exports were last unzipped into in this browser ('' for none). */
export function rememberedUnzipFolder(): string {
  return siteStorage()?.getItem(UNZIP_FOLDER_KEY) ?? '';
}

function rememberUnzipFolder(folder: string): void {
  const kept = siteStorage(); // blocked: the folder is simply not remembered
  if (!kept) return;
  if (folder.trim() === '') kept.removeItem(UNZIP_FOLDER_KEY);
  else kept.setItem(UNZIP_FOLDER_KEY, folder.trim());
}

/**
 * Saves the project's runs and registry as an MLflow `mlruns/` zip (absolute artifact URIs when
 * `unzipFolder` is given, which is then remembered); returns the file name and what MLflow would
 * not take as is.
 */
export async function downloadMlflow(projectId: string, includeArtifacts: boolean, unzipFolder = ''): Promise<{ fileName: string; warnings: string[] }> {
  const { bytes, fileName, warnings } = await exportMlflow(db, projectId, { includeArtifacts, user: displayName.current, unzipFolder });
  rememberUnzipFolder(unzipFolder);
  downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), fileName);
  return { fileName, warnings };
}

/** The window ending now, in whole minutes and including the current one (so the newest requests are in it). */
function windowEndingNow(windowId: MonitoringWindowId): { from: number; to: number; id: string; ms: number } {
  const window = MONITORING_WINDOWS.find((w) => w.id === windowId)!;
  const to = Math.ceil((nowMs() + 1) / MINUTE_MS) * MINUTE_MS;
  return { from: to - window.ms, to, id: window.id, ms: window.ms };
}

function monitoringFileName(projectName: string, w: { id: string; to: number }, ext: string): string {
  return `${fileSlug(projectName)}-monitoring-${w.id}-${new Date(w.to).toISOString().slice(0, 10)}.${ext}`;
}

/** Saves the window's monitoring as Prometheus text without timestamps (scrape / textfile collector). */
export async function downloadMonitoring(projectId: string, projectName: string, windowId: MonitoringWindowId): Promise<string> {
  const w = windowEndingNow(windowId);
  const fileName = monitoringFileName(projectName, w, 'prom');
  downloadText(await dataCall({ type: 'monitoringExport', projectId, from: w.from, to: w.to, format: 'prometheus' }).result, fileName, 'text/plain');
  return fileName;
}

/** Saves the window's monitoring as an OpenMetrics backfill (`promtool tsdb create-blocks-from openmetrics`). */
export async function downloadBackfill(projectId: string, projectName: string, windowId: MonitoringWindowId): Promise<string> {
  const w = windowEndingNow(windowId);
  const fileName = monitoringFileName(projectName, w, 'om.txt');
  downloadText(await dataCall({ type: 'monitoringExport', projectId, from: w.from, to: w.to, format: 'openmetrics' }).result, fileName, OPENMETRICS_CONTENT_TYPE);
  return fileName;
}

/** Saves the Grafana dashboard that reads the backfill. */
export async function downloadDashboard(projectId: string, projectName: string, windowId: MonitoringWindowId): Promise<string> {
  const w = windowEndingNow(windowId);
  const fileName = `${fileSlug(projectName)}-grafana-dashboard.json`;
  downloadText(await exportGrafanaDashboard(db, projectId, w.ms), fileName, 'application/json');
  return fileName;
}
