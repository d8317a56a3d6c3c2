/**
 * v5 → v6: minute buckets gain request counts. Until now the endpoint logged only 200 answers to
 * predict, one log per text, and a request's texts share its time and deployment: each distinct
 * (time, deployment) among the served logs of a minute was one request. (Two requests in the same
 * millisecond count as one; buckets without logs keep no request counts.)
 */
import type { Transaction } from 'dexie';
import { addServedPredictV6, minuteStartV6, type BucketV6 } from './frozen/v6Calls';

export async function upgradeToV6(tx: Transaction): Promise<void> {
  const requests = new Map<string, Map<number, Map<string, string>>>();
  await tx.table('predictionLogs').each((log: { projectId: string; at: string; deploymentId: string; modelVersionId: string; route?: string }) => {
    if (log.route === 'shadow') return;
    const start = minuteStartV6(log.at);
    let minutes = requests.get(log.projectId);
    if (!minutes) requests.set(log.projectId, (minutes = new Map()));
    let seen = minutes.get(start);
    if (!seen) minutes.set(start, (seen = new Map()));
    seen.set(`${log.at}\u0000${log.deploymentId}`, log.modelVersionId);
  });
  await tx
    .table('metricBuckets')
    .toCollection()
    .modify((record: { projectId: string; start: number; bucket: BucketV6 }) => {
      for (const modelVersionId of requests.get(record.projectId)?.get(record.start)?.values() ?? []) addServedPredictV6(record.bucket, modelVersionId);
    });
}
