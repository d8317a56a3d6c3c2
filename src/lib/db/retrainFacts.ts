/**
 * What the retraining policy (core/loop/retrainPolicy.ts) reads about a project, gathered from
 * the stores: the served model and when its training data was cut, the minute buckets since then
 * and over the policy's window (served answers, graded answers, confidence bands for the CBPE
 * estimate, core/monitor/cbpe.ts), labelled rows added to the dataset since, the newest drift
 * report on that training data and the accuracy criterion. Also saving the policy, audited.
 */
import type { LifecycleDatabase } from './database';
import { appendAudit } from './audit';
import { getCanvas } from './canvas';
import { metricBuckets } from './monitoring';
import { BASE_BUCKET_MS, emptyBucket, mergeAll } from '$lib/core/monitor/buckets';
import { calibrationMap, estimateAccuracy } from '$lib/core/monitor/cbpe';
import { accuracyCriterion, retrainDue, retrainPolicyOf, retrainPolicyProblems, type RetrainDue, type RetrainFacts, type RetrainPolicy } from '$lib/core/loop/retrainPolicy';

const DAY_MS = 86_400_000;
const labelledIn = (v: { rowCount: number; classBalance: Record<string, number> }) => v.rowCount - (Object.hasOwn(v.classBalance, '') ? v.classBalance[''] : 0);

/** The facts of `projectId` at `nowMs` (ms since the epoch; the caller's clock). */
export async function retrainFacts(db: LifecycleDatabase, projectId: string, policy: RetrainPolicy, nowMs: number): Promise<RetrainFacts> {
  const [deployment, canvas, versions] = await Promise.all([
    db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first(),
    getCanvas(db, projectId),
    db.datasetVersions.where('projectId').equals(projectId).toArray(),
  ]);
  const criterion = accuracyCriterion(canvas.criteria);
  const windowFrom = nowMs - policy.windowDays * DAY_MS;
  const none: RetrainFacts = { nowMs, served: null, predictionsSince: 0, labelledRowsSince: 0, latestDrift: null, criterion, window: { answers: 0, estimatedAccuracy: null, graded: 0, correct: 0 } };
  const modelVersion = deployment ? await db.modelVersions.get(deployment.modelVersionId) : undefined;
  if (!modelVersion) return none;
  const run = await db.runs.get(modelVersion.runId);
  const trainedOn = versions.find((v) => v.id === (run?.datasetVersionId ?? modelVersion.datasetVersionId)) ?? null;
  const trainedAt = trainedOn ? Date.parse(trainedOn.createdAt) : windowFrom;
  const buckets = await metricBuckets(db, projectId, Math.min(trainedAt, windowFrom), nowMs + BASE_BUCKET_MS);
  const since = buckets.filter((b) => b.start + b.sizeMs > trainedAt);
  const inWindow = mergeAll(buckets.filter((b) => b.start + b.sizeMs > windowFrom).concat(emptyBucket(windowFrom)));
  const reliability = run?.evaluation?.test.reliability;
  const newest = versions.reduce<(typeof versions)[number] | null>((m, v) => (!m || v.number > m.number ? v : m), null);
  // Graded logs and production rows collected from them overlap: count the larger, not both.
  const gradedSince = since.reduce((n, b) => n + b.labelled, 0);
  const addedRows = trainedOn && newest ? Math.max(0, labelledIn(newest) - labelledIn(trainedOn)) : 0;
  const reports = trainedOn ? await db.driftReports.where('projectId').equals(projectId).filter((r) => r.referenceId === trainedOn.id).toArray() : [];
  const latest = reports.reduce<(typeof reports)[number] | null>((m, r) => (!m || r.createdAt > m.createdAt ? r : m), null);
  return {
    nowMs,
    served: { name: `${modelVersion.modelName} v${modelVersion.version}`, trainedOn: trainedOn ? { number: trainedOn.number, createdAt: trainedOn.createdAt } : null },
    predictionsSince: trainedOn ? since.reduce((n, b) => n + b.requests, 0) : 0,
    labelledRowsSince: Math.max(gradedSince, addedRows),
    latestDrift: latest ? { createdAt: latest.createdAt, driftedChecks: latest.summary.driftedColumns, checks: latest.summary.columns, datasetDrift: latest.summary.datasetDrift } : null,
    criterion,
    window: {
      answers: inWindow.answered,
      estimatedAccuracy: reliability ? estimateAccuracy(inWindow.confidenceCounts, calibrationMap(reliability)) : null,
      graded: inWindow.labelled,
      correct: inWindow.correct,
    },
  };
}

export interface RetrainStatus extends RetrainDue {
  policy: RetrainPolicy;
}

/** The project's policy and whether a retrain is due under it at `nowMs`. */
export async function retrainStatus(db: LifecycleDatabase, projectId: string, nowMs: number): Promise<RetrainStatus> {
  const policy = retrainPolicyOf(await db.projects.get(projectId));
  return { policy, ...retrainDue(policy, await retrainFacts(db, projectId, policy, nowMs)) };
}

/** Saves the project's retraining policy (refused with every problem: nothing changes) and audits it. */
export async function setRetrainPolicy(db: LifecycleDatabase, projectId: string, policy: RetrainPolicy, by: string, at: string): Promise<void> {
  const problems = retrainPolicyProblems(policy);
  if (problems.length) throw new Error(problems.join(' '));
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const { everyDays, everyLabelledRows, onDrift, onEstimatedAccuracy, onRealizedAccuracy, windowDays, minOutcomes } = policy;
    await db.projects.update(projectId, { retrainPolicy: { everyDays, everyLabelledRows, onDrift, onEstimatedAccuracy, onRealizedAccuracy, windowDays, minOutcomes }, updatedAt: at });
    const triggers = [onDrift && 'drift', onEstimatedAccuracy && 'estimated accuracy', onRealizedAccuracy && 'realized accuracy'].filter(Boolean).join(', ') || 'none';
    await appendAudit(db, {
      projectId, actor: by, at, action: 'loop.retrain-policy', refs: {},
      detail: `Retraining policy: every ${everyDays ?? '—'} days, every ${everyLabelledRows ?? '—'} new labelled rows; triggers: ${triggers} (over ${windowDays} days, at least ${minOutcomes} answers)`,
    });
  });
}
