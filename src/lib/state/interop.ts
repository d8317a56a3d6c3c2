/** Exports for tools beyond the browser, as downloads: MLflow's file store and Prometheus text. */
import { exportMlflow, exportMonitoringPrometheus } from '$lib/db';
import { downloadBlob, downloadText, fileSlug } from '$lib/download';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { nowMs } from '$lib/clock';

export const MONITORING_WINDOWS = [
  { id: '24h', title: 'last 24 hours', ms: 86_400_000 },
  { id: '7d', title: 'last 7 days', ms: 7 * 86_400_000 },
] as const;
export type MonitoringWindowId = (typeof MONITORING_WINDOWS)[number]['id'];

const MINUTE_MS = 60_000;

/** Saves the project's runs and registry as an MLflow `mlruns/` zip; returns the file name and what MLflow would not take as is. */
export async function downloadMlflow(projectId: string, includeArtifacts: boolean): Promise<{ fileName: string; warnings: string[] }> {
  const { bytes, fileName, warnings } = await exportMlflow(db, projectId, { includeArtifacts, user: displayName.current });
  downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), fileName);
  return { fileName, warnings };
}

/**
 * Saves the minute buckets of the window ending now as Prometheus text. The window is in whole
 * minutes and includes the current one, so the newest requests are in it.
 */
export async function downloadMonitoring(projectId: string, projectName: string, windowId: MonitoringWindowId): Promise<string> {
  const window = MONITORING_WINDOWS.find((w) => w.id === windowId)!;
  const to = Math.ceil((nowMs() + 1) / MINUTE_MS) * MINUTE_MS;
  const text = await exportMonitoringPrometheus(db, projectId, to - window.ms, to);
  const fileName = `${fileSlug(projectName)}-monitoring-${window.id}-${new Date(to).toISOString().slice(0, 10)}.prom`;
  downloadText(text, fileName, 'text/plain');
  return fileName;
}
