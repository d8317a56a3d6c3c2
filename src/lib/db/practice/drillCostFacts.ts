/** What the drillCost mission's checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { DrillCostFacts } from '$lib/core/practice/missions/drillCost';

export async function gatherDrillCostFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<DrillCostFacts> {
  return { notes: { ...record.notes } };
}
