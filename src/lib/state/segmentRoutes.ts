/** The Monitor page's per-route figures of a deployment that routes by segment (db/segmentRoutes.ts), read live. */
import { segmentRouteReport, type SegmentRouteReport } from '$lib/db';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export function liveSegmentRoutes(projectId: string): Live<SegmentRouteReport | null> {
  return new Live(() => segmentRouteReport(db, projectId), null);
}
