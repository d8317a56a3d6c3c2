/** What the drillRegression mission's checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { DrillRegressionFacts } from '$lib/core/practice/missions/drillRegression';

export async function gatherDrillRegressionFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<DrillRegressionFacts> {
  return { notes: { ...record.notes } };
}
