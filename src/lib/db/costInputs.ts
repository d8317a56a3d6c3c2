/**
 * What the Deploy page's cost calculator (core/practice/costCalculator.ts) measures from the
 * stores: each registered version's test accuracy, recall per class, accuracy per slice (the
 * segments) and mean single-prediction latency from its run's evaluation; the project's slices;
 * and what a decision is worth from its business settings (the ML Canvas' impact simulation, in
 * money when a money value per unit is set).
 */
import type { LifecycleDatabase } from './database';
import { listModelVersions } from './registry';
import { listSlices } from './slices';
import { businessOf, decisionWorth } from '$lib/core/monitor/businessValue';
import type { CostVersion } from '$lib/core/practice/costCalculator';

export interface CostMeasurements {
  /** Versions whose run has an evaluation (imported ones without it cannot be priced), newest first. */
  versions: Omit<CostVersion, 'pricePer1000'>[];
  /** The project's slices by name: the segments volumes can be given for. */
  segments: string[];
  /** Per decision, in `currency` (or in the business unit when no money value is set). */
  valueRight: number;
  costWrong: number;
  currency: string;
}

export async function costMeasurements(db: LifecycleDatabase, projectId: string): Promise<CostMeasurements> {
  const [versions, slices, project] = await Promise.all([listModelVersions(db, projectId), listSlices(db, projectId), db.projects.get(projectId)]);
  const runs = await db.runs.bulkGet(versions.map((v) => v.runId));
  const measured: CostMeasurements['versions'] = [];
  versions.forEach((v, i) => {
    const test = runs[i]?.evaluation?.test;
    const latency = runs[i]?.evaluation?.latency;
    if (v.archived || !test || !latency) return;
    measured.push({
      versionId: v.id,
      name: `${v.modelName} v${v.version}`,
      accuracy: test.accuracy,
      accuracyBySegment: Object.fromEntries(test.perSlice.filter((s) => s.n > 0).map((s) => [s.name, s.accuracy])),
      accuracyByClass: Object.fromEntries(test.perClass.map((c) => [c.label, c.recall])),
      latencyMs: latency.mean,
    });
  });
  const worth = decisionWorth(businessOf(project));
  return { versions: measured, segments: slices.map((s) => s.name), valueRight: worth.valueRight, costWrong: worth.costWrong, currency: worth.countedIn };
}
