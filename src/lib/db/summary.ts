import type { LifecycleDatabase } from './database';
import { filledBoxCount } from '$lib/core/lifecycle/canvas';
import type { LifecycleSummary } from '$lib/core/lifecycle/stages';
import { BASE_BUCKET_MS, bucketStart } from '$lib/core/monitor/buckets';
import { getCanvas } from './canvas';
import { listDatasetVersions } from './datasets';
import { stageGates } from '$lib/core/governance/stageGates';
import { governanceOverviewOf } from './governanceOverview';

/**
 * Predictions the endpoint logged for the project: its logs, plus the traffic a snapshot import
 * brought in as minute buckets alone (a snapshot carries buckets, not logs). Logs and buckets are
 * written together (monitoring.ts), so the buckets before the first log's minute are exactly the
 * imported ones: a project that was never imported reads no bucket here. Imported traffic in the
 * very minute of the first new log would be missed; an export and new traffic rarely share one.
 */
async function loggedPredictions(db: LifecycleDatabase, projectId: string): Promise<number> {
  const [logs, first] = await Promise.all([
    db.predictionLogs.where('projectId').equals(projectId).count(),
    db.predictionLogs.where('[projectId+at]').between([projectId, ''], [projectId, '\uffff']).first(),
  ]);
  const end = first ? bucketStart(Date.parse(first.at), BASE_BUCKET_MS) : Infinity;
  const imported = await db.metricBuckets.where('[projectId+start]').between([projectId, -Infinity], [projectId, end], true, false).toArray();
  return imported.reduce((n, { bucket: { routes } }) => n + routes.champion + routes.challenger + routes.shadow, logs);
}

/** Gathers the counts the lifecycle strip computes each stage's status from. */
export async function loadLifecycleSummary(db: LifecycleDatabase, projectId: string): Promise<LifecycleSummary> {
  const byProject = (t: { where(i: string): { equals(v: string): { count(): Promise<number> } } }) =>
    t.where('projectId').equals(projectId).count();
  const [canvas, versions, runs, completedRuns, modelVersions, activeDeployments, predictionLogs, healthChecks, driftReports, gates, governance] =
    await Promise.all([
      getCanvas(db, projectId),
      listDatasetVersions(db, projectId),
      byProject(db.runs),
      db.runs.where('projectId').equals(projectId).filter((r) => r.status === 'completed').count(),
      byProject(db.modelVersions),
      db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').count(),
      loggedPredictions(db, projectId),
      byProject(db.healthChecks),
      byProject(db.driftReports),
      db.gates.where('projectId').equals(projectId).toArray(),
      governanceOverviewOf(db, projectId),
    ]);
  const latest = versions[0];
  const unlabelledRows = latest?.classBalance[''] ?? 0;
  return {
    canvasFilledBoxes: filledBoxCount(canvas.fields),
    criteriaCount: canvas.criteria.length,
    datasetVersions: versions.length,
    labelledRows: latest ? latest.rowCount - unlabelledRows : 0,
    unlabelledRows,
    splitAssigned: Boolean(latest?.split),
    runs,
    completedRuns,
    modelVersions,
    activeDeployments,
    predictionLogs,
    healthChecks,
    driftReports,
    // A published policy's gates, judged now; otherwise the gate records an old snapshot brought.
    gates: governance.policy ? stageGates(governance) : gates.map((g) => ({ stage: g.stage, status: g.status })),
  };
}

/**
 * Counts the project's lifecycle records (canvas, dataset versions, runs, model versions, alias
 * moves, deployments, drift reports, gates, the governance policy, records and review evidence)
 * and reads the project: a live query that calls this
 * re-runs whenever one of them changes. Logs and minute buckets are left out on purpose — live
 * traffic would re-run it every few seconds.
 */
export async function watchLifecycleRecords(db: LifecycleDatabase, projectId: string): Promise<void> {
  await Promise.all(
    [db.canvases, db.datasetVersions, db.runs, db.modelVersions, db.aliasEvents, db.deployments, db.driftReports, db.gates,
      db.policyVersions, db.reviewRequests, db.decisions, db.waivers, db.checkRuns, db.checkReviews, db.ethicsAnswers].map((t) =>
      t.where('projectId').equals(projectId).count(),
    ),
  );
  await db.projects.get(projectId);
}
