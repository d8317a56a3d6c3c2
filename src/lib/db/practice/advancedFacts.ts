/** What the advanced mission's checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { AdvancedFacts } from '$lib/core/practice/missions/advanced';

export async function gatherAdvancedFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<AdvancedFacts> {
  return { notes: { ...record.notes } };
}
