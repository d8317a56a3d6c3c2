import type { LifecycleDatabase } from './database';
import { filledBoxCount } from '$lib/core/lifecycle/canvas';
import type { LifecycleSummary } from '$lib/core/lifecycle/stages';
import { getCanvas } from './canvas';
import { listDatasetVersions } from './datasets';

/** Gathers the counts the lifecycle strip computes each stage's status from. */
export async function loadLifecycleSummary(db: LifecycleDatabase, projectId: string): Promise<LifecycleSummary> {
  const byProject = (t: { where(i: string): { equals(v: string): { count(): Promise<number> } } }) =>
    t.where('projectId').equals(projectId).count();
  const [canvas, versions, runs, completedRuns, modelVersions, activeDeployments, predictionLogs, healthChecks, driftReports, gates] =
    await Promise.all([
      getCanvas(db, projectId),
      listDatasetVersions(db, projectId),
      byProject(db.runs),
      db.runs.where('projectId').equals(projectId).filter((r) => r.status === 'completed').count(),
      byProject(db.modelVersions),
      db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').count(),
      byProject(db.predictionLogs),
      byProject(db.healthChecks),
      byProject(db.driftReports),
      db.gates.where('projectId').equals(projectId).toArray(),
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
    gates: gates.map((g) => ({ stage: g.stage, status: g.status })),
  };
}
