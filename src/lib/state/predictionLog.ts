/**
 * The Monitor's logged predictions: a filtered page of them, the project's log settings (retention,
 * masking), and the retention purge the app runs at start.
 */
import { getLogSettings, purgeExpiredLogs, queryPredictions, setLogSettings, type PredictionPage, type PurgeResult } from '$lib/db';
import type { LogSettings } from '$lib/core/monitor/logSettings';
import type { PredictionFilter } from '$lib/core/monitor/predictionFilter';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { tellEndpoint } from './endpointNotice';
import { Live } from './live.svelte';

/** Logged predictions shown per page. */
export const PREDICTIONS_PER_PAGE = 50;

/** A page of the project's served answers that pass `filter`, newest first, re-read as logs arrive (the window ends now at each read). */
export function latestPredictions(projectId: string, filter: PredictionFilter, offset: number): Live<PredictionPage | null> {
  return new Live(() => queryPredictions(db, projectId, filter, nowMs(), { offset, limit: PREDICTIONS_PER_PAGE }), null);
}

export function logSettings(projectId: string): Live<LogSettings | null> {
  return new Live(() => getLogSettings(db, projectId), null);
}

/** Saves the settings (a shorter retention purges at once) and tells the endpoint, which masks from its next request. */
export async function saveLogSettings(projectId: string, settings: LogSettings): Promise<PurgeResult> {
  return tellEndpoint(await setLogSettings(db, projectId, settings, nowMs()));
}

/** Deletes every project's logs older than its retention; the app calls it once at start. */
export function purgeLogsAtStart(): Promise<unknown> {
  return purgeExpiredLogs(db, nowMs());
}
