import { getCanvas, healthChecks, metricBuckets, recentPredictions, recordHealthCheck, type PredictionLogRecord } from '$lib/db';
import { rollUp, rollUpHealth, summarize, type BucketSummary } from '$lib/core/monitor/query';
import { mergeHealthBuckets } from '$lib/core/monitor/health';
import { bucketizeHealthChecks } from '$lib/core/monitor/aggregate';
import { evaluateAlerts, type MonitorAlert } from '$lib/core/monitor/alerts';
import { emptyBucket, mergeBuckets } from '$lib/core/monitor/buckets';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { db } from './database.svelte';
import { endpoint } from './endpoint';
import { Live } from './live.svelte';

export const WINDOWS = [
  { id: '1h', title: 'Last hour', ms: 3_600_000, stepMs: 60_000 },
  { id: '24h', title: 'Last 24 hours', ms: 86_400_000, stepMs: 900_000 },
  { id: '7d', title: 'Last 7 days', ms: 7 * 86_400_000, stepMs: 3_600_000 },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

export interface MonitorView {
  from: number;
  to: number;
  steps: BucketSummary[];
  total: BucketSummary | null;
  alerts: MonitorAlert[];
  recent: PredictionLogRecord[];
  criteria: SuccessCriterion[];
}

/** How often the Monitor page probes the endpoint's health while it is open (ms). */
export const HEALTH_PROBE_MS = 15_000;

/** The Monitor stage of a project: the dashboard for a time window, recomputed as logs arrive. */
export function monitorView(projectId: string, windowId: WindowId): Live<MonitorView | null> {
  return new Live(async () => {
    const w = WINDOWS.find((x) => x.id === windowId)!;
    const to = Math.ceil(Date.now() / w.stepMs) * w.stepMs;
    const from = to - w.ms;
    const [buckets, checks, canvas, recent] = await Promise.all([
      metricBuckets(db, projectId, from, to),
      healthChecks(db, projectId, new Date(from).toISOString(), new Date(to).toISOString()),
      getCanvas(db, projectId),
      recentPredictions(db, projectId, 20),
    ]);
    const health = bucketizeHealthChecks(checks);
    const window = { from, to, stepMs: w.stepMs };
    const healthSteps = rollUpHealth(health, window);
    const steps = rollUp(buckets, window).map((b, i) => summarize(b, { health: healthSteps[i] ?? null }));
    const allHealth = health.length ? health.reduce(mergeHealthBuckets) : null;
    const total = buckets.length || allHealth ? summarize(buckets.length ? buckets.reduce(mergeBuckets) : emptyBucket(from), { health: allHealth }) : null;
    const alerts = evaluateAlerts(canvas.criteria, { buckets, health }, window);
    return { from, to, steps, total, alerts, recent, criteria: canvas.criteria };
  }, null);
}

/** Calls /api/v1/health and records whether the endpoint answered, and how fast. */
export async function probeHealth(projectId: string): Promise<void> {
  const at = new Date().toISOString();
  try {
    const answer = await endpoint.health();
    const ok = answer.status === 200 && JSON.parse(answer.body).status === 'ok';
    await recordHealthCheck(db, { projectId, at, ok, latencyMs: answer.ms, modelVersionId: null });
  } catch {
    await recordHealthCheck(db, { projectId, at, ok: false, latencyMs: 0, modelVersionId: null });
  }
}
