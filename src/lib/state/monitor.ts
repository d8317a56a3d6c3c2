import {
  activeDeployment, getBusinessSettings, getCanvas, getRun, healthChecks, listModelVersions, metricBuckets, recentRequests, recordHealthCheck, recordOutcomes,
  importOutcomesCsv, type OutcomesImport, type OutcomesResult, type RequestLogRecord,
} from '$lib/db';
import { outcomeLabelProblem } from '$lib/core/serving/feedback';
import { fileSizeProblem } from '$lib/core/fileLimits';
import { versionRows, type VersionRow } from '$lib/core/monitor/versions';
import { estimateAccuracy, runCalibration } from '$lib/core/monitor/cbpe';
import { rollUp, rollUpHealth, summarize, type BucketSummary } from '$lib/core/monitor/query';
import { mergeHealthBuckets } from '$lib/core/monitor/health';
import { bucketizeHealthChecks } from '$lib/core/monitor/aggregate';
import { evaluateAlerts, type MonitorAlert } from '$lib/core/monitor/alerts';
import { businessView, type BusinessView } from '$lib/core/monitor/businessView';
import type { BusinessAlert } from '$lib/core/monitor/businessAlerts';
import { emptyBucket, mergeAll } from '$lib/core/monitor/buckets';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { db } from './database.svelte';
import { endpoint } from './endpoint';
import { Live } from './live.svelte';
import { nowMs, nowIso } from '$lib/clock';

export const WINDOWS = [
  { id: '1h', title: 'Last hour', ms: 3_600_000, stepMs: 60_000 },
  { id: '24h', title: 'Last 24 hours', ms: 86_400_000, stepMs: 900_000 },
  { id: '7d', title: 'Last 7 days', ms: 7 * 86_400_000, stepMs: 3_600_000 },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

export type { OutcomesImport };

export interface MonitorView {
  from: number;
  to: number;
  steps: BucketSummary[];
  total: BucketSummary | null;
  /** The success criteria's alerts, then the business targets'. */
  alerts: (MonitorAlert | BusinessAlert)[];
  /** The business figures per step and for the window, with the settings they used. */
  business: BusinessView;
  /** The newest error answers (4xx and 5xx) among the last requests, newest first. */
  failures: RequestLogRecord[];
  criteria: SuccessCriterion[];
  /** Answer confidences over the window, in the 10 bins of core/monitor/confidence.ts. */
  confidenceCounts: number[];
  /** What each model version did in the window (shadow included), newest version first. */
  versions: VersionRow[];
  /** Classes the served model predicts: the choices for a true label. */
  classes: string[];
  /**
   * Accuracy expected from the answers' confidences, calibrated on the served run's test split
   * (core/monitor/cbpe.ts): per step and for the window; null without a served evaluation.
   */
  estimated: { steps: (number | null)[]; total: number | null } | null;
}

/**
 * The served run's classes and calibration map. Runs never change once stored, and the dashboard
 * recomputes on every batch of logged predictions: read each run (with its large evaluation) once.
 */
const runFacts = new Map<string, Promise<{ classes: string[]; map: number[] | null }>>();
function servedRunFacts(runId: string): Promise<{ classes: string[]; map: number[] | null }> {
  let facts = runFacts.get(runId);
  if (!facts) {
    facts = getRun(db, runId).then((run) => {
      return { classes: run?.classes ?? [], map: runCalibration(run) };
    });
    facts.catch(() => runFacts.delete(runId));
    runFacts.set(runId, facts);
  }
  return facts;
}

/** Requests read for the list of recent failures, and how many failures it shows. */
const RECENT_REQUESTS = 200;
const SHOWN_FAILURES = 10;

/** How often the Monitor page probes the endpoint's health while it is open (ms). */
export const HEALTH_PROBE_MS = 15_000;

/** The Monitor stage of a project: the dashboard for a time window, recomputed as logs arrive. */
export function monitorView(projectId: string, windowId: WindowId): Live<MonitorView | null> {
  return new Live(async () => {
    const w = WINDOWS.find((x) => x.id === windowId)!;
    const to = Math.ceil(nowMs() / w.stepMs) * w.stepMs;
    const from = to - w.ms;
    const [buckets, checks, canvas, requests, registered, deployment] = await Promise.all([
      metricBuckets(db, projectId, from, to),
      healthChecks(db, projectId, new Date(from).toISOString(), new Date(to).toISOString()),
      getCanvas(db, projectId),
      recentRequests(db, projectId, RECENT_REQUESTS),
      listModelVersions(db, projectId),
      activeDeployment(db, projectId),
    ]);
    const served = registered.find((v) => v.id === deployment?.modelVersionId);
    const { classes, map } = served ? await servedRunFacts(served.runId) : { classes: [], map: null };
    const health = bucketizeHealthChecks(checks);
    const window = { from, to, stepMs: w.stepMs };
    const healthSteps = rollUpHealth(health, window);
    const stepBuckets = rollUp(buckets, window);
    const steps = stepBuckets.map((b, i) => summarize(b, { health: healthSteps[i] ?? null }));
    const allHealth = health.length ? health.reduce(mergeHealthBuckets) : null;
    const merged = buckets.length ? mergeAll(buckets) : emptyBucket(from);
    const total = buckets.length || allHealth ? summarize(merged, { health: allHealth }) : null;
    const alerts: MonitorView['alerts'] = evaluateAlerts(canvas.criteria, { buckets, health }, window);
    const versions = versionRows(merged, registered.map((v) => ({ id: v.id, name: `${v.modelName} v${v.version}`, version: v.version })));
    const estimated = map ? { steps: stepBuckets.map((b) => estimateAccuracy(b.confidenceCounts, map)), total: estimateAccuracy(merged.confidenceCounts, map) } : null;
    const failures = requests.filter((r) => r.status >= 400).slice(0, SHOWN_FAILURES);
    const business = businessView(await getBusinessSettings(db, projectId), stepBuckets, merged, map, window);
    alerts.push(...business.alerts);
    return { from, to, steps, total, alerts, business, failures, criteria: canvas.criteria, confidenceCounts: merged.confidenceCounts, versions, classes, estimated };
  }, null);
}

/**
 * Calls /api/v1/health and records whether the endpoint answered, and how fast. Returns why the
 * endpoint stopped logging predictions (a full disk), or null while it logs.
 */
export async function probeHealth(projectId: string): Promise<string | null> {
  const at = nowIso();
  try {
    const answer = await endpoint.health();
    const body = JSON.parse(answer.body) as { status?: string; logging?: { message?: string } };
    await recordHealthCheck(db, { projectId, at, ok: answer.status === 200 && body.status === 'ok', latencyMs: answer.ms, modelVersionId: null });
    return body.logging?.message ?? null;
  } catch {
    await recordHealthCheck(db, { projectId, at, ok: false, latencyMs: 0, modelVersionId: null });
    return null;
  }
}

/** Ground truth for one logged prediction, as a person enters it on the Monitor page; a label the predicting version does not know is refused. */
export async function labelPrediction(projectId: string, predictionId: string, label: string): Promise<OutcomesResult> {
  const result = await recordOutcomes(db, projectId, [{ id: predictionId, label }], { source: 'app' });
  const [refused] = result.refused;
  if (refused) throw new Error(`Not recorded: ${outcomeLabelProblem(refused.label, refused.classes)}`);
  return result;
}

/** Grades predictions from an outcomes CSV (db/outcomes.ts); `skipRefused` leaves out rows with labels the model does not know. */
export async function importOutcomes(projectId: string, file: File, options: { skipRefused?: boolean } = {}): Promise<OutcomesImport> {
  const tooLarge = fileSizeProblem('outcomesCsv', file.size);
  if (tooLarge) throw new Error(`${file.name}: ${tooLarge}`);
  return importOutcomesCsv(db, projectId, await file.text(), options);
}
