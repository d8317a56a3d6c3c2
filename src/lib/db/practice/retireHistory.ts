/**
 * What the retrain-or-retire calculator reads from the stores: the served version, its run
 * (test accuracy, training time, classes, the majority baseline measured with it), the training
 * split's size, the project's business value, and the served version's outcomes per week of age.
 */
import type { LifecycleDatabase } from '../database';
import { activeDeployment } from '../deployments';
import { getRun } from '../runs';
import { getDatasetVersion } from '../datasets';
import { metricBuckets } from '../monitoring';
import { getBusinessSettings } from '../businessSettings';
import { accuracyByAge, fitDecay, WEEK_MS } from '$lib/core/practice/retireDecay';
import { recentTraffic, type RetireFacts } from '$lib/core/practice/retireDefaults';

/** Weeks of monitoring history read (older outcomes no longer say how the model ages now). */
export const HISTORY_WEEKS = 26;

export type RetireHistory =
  | { ok: true; facts: RetireFacts; runId: string; classes: string[] }
  | { ok: false; reason: string };

export async function gatherRetireHistory(db: LifecycleDatabase, projectId: string, nowMs: number): Promise<RetireHistory> {
  const deployment = await activeDeployment(db, projectId);
  if (!deployment) return { ok: false, reason: 'Nothing is deployed: the calculator weighs the served model, so deploy one first.' };
  const version = await db.modelVersions.get(deployment.modelVersionId);
  const run = version ? await getRun(db, version.runId) : undefined;
  if (!version || !run) return { ok: false, reason: 'The served version or its run is missing from this project.' };
  const dataset = await getDatasetVersion(db, run.datasetVersionId);
  const bornAtMs = Date.parse(run.createdAt);
  const buckets = await metricBuckets(db, projectId, nowMs - HISTORY_WEEKS * WEEK_MS, nowMs + 1);
  const weeks = accuracyByAge(buckets, version.id, bornAtMs);
  const ageWeeks = Math.max(0, (nowMs - bornAtMs) / WEEK_MS);
  const timed = ['vectorizeMs', 'trainMs'].map((k) => run.timings[k]).filter((ms) => typeof ms === 'number' && Number.isFinite(ms));
  const testAccuracy = run.evaluation?.test.accuracy ?? run.metrics['test.accuracy'] ?? null;
  const majority = run.evaluation?.baseline.accuracy ?? run.metrics['test.baseline_accuracy'] ?? null;
  return {
    ok: true,
    runId: run.id,
    classes: run.classes ?? run.evaluation?.classes ?? [],
    facts: {
      served: { name: `${version.modelName} v${version.version}`, ageWeeks },
      weeks,
      fit: fitDecay(weeks, ageWeeks),
      testAccuracy: Number.isFinite(testAccuracy) ? testAccuracy : null,
      trainingMs: timed.length ? timed.reduce((a, b) => a + b, 0) : null,
      trainRows: dataset?.split?.counts.train ?? dataset?.rowCount ?? 0,
      majorityAccuracy: Number.isFinite(majority) ? majority : null,
      business: await getBusinessSettings(db, projectId),
      traffic: recentTraffic(buckets, nowMs),
    },
  };
}
