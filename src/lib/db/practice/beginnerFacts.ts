/** What the beginner mission's checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { BeginnerFacts } from '$lib/core/practice/missions/beginner';

export async function gatherBeginnerFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<BeginnerFacts> {
  return { notes: { ...record.notes } };
}
