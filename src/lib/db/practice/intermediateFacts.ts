/** What the intermediate mission's checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { IntermediateFacts } from '$lib/core/practice/missions/intermediate';

export async function gatherIntermediateFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<IntermediateFacts> {
  return { notes: { ...record.notes } };
}
