/** What the Monitor page shows of a deployment that routes by segment: its requests, answers and accuracy per route. */
import type { LifecycleDatabase } from './database';
import type { DeploymentRecord } from './records';
import { activeDeployment } from './deployments';
import { segmentRouteStats, type RouteStats } from '$lib/core/monitor/segmentRouteStats';

export interface SegmentRouteReport {
  deployment: DeploymentRecord & { segmentRouting: NonNullable<DeploymentRecord['segmentRouting']> };
  stats: RouteStats[];
}

/** Per-route figures of the project's active deployment since it started, or null when it does not route by segment. */
export async function segmentRouteReport(db: LifecycleDatabase, projectId: string): Promise<SegmentRouteReport | null> {
  const deployment = await activeDeployment(db, projectId);
  if (!deployment?.segmentRouting) return null;
  const [answers, requests] = await Promise.all([
    db.predictionLogs.where('deploymentId').equals(deployment.id).toArray(),
    db.requestLogs.where('[projectId+at]').between([projectId, deployment.createdAt], [projectId, '\uffff']).filter((r) => r.deploymentId === deployment.id).toArray(),
  ]);
  return { deployment: { ...deployment, segmentRouting: deployment.segmentRouting }, stats: segmentRouteStats(requests, answers) };
}
