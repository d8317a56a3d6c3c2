/** What the intermediate mission's checks read: the actions the drift lab recorded on the mission's record (the lab keeps no store of its own). */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { IntermediateFacts } from '$lib/core/practice/missions/intermediate';

export async function gatherIntermediateFacts(_db: LifecycleDatabase, record: MissionRecord): Promise<IntermediateFacts> {
  return { notes: { ...record.notes }, events: record.events.map((e) => structuredClone(e)) };
}
