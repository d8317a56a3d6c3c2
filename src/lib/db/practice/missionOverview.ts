/**
 * What the Practice pages show of a mission: its record, the facts its checks read and the name
 * of its project, read together so a live query re-reads them whenever any of those stores change.
 */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { MissionState } from '$lib/core/practice/catalogue';
import { MISSION_IDS, type MissionId } from '$lib/core/practice/mission';
import { gatherMissionState } from './missionFacts';

export interface MissionOverview {
  record: MissionRecord;
  state: MissionState;
  /** The attempt's project's name; null when the mission has no project or it was deleted. */
  projectName: string | null;
}

async function overviewOf(db: LifecycleDatabase, record: MissionRecord): Promise<MissionOverview> {
  const project = record.projectId ? await db.projects.get(record.projectId) : undefined;
  return { record, state: await gatherMissionState(db, record), projectName: project?.name ?? null };
}

/** The mission's current attempt, or null when it was never started in this browser. */
export async function loadMissionOverview(db: LifecycleDatabase, id: MissionId): Promise<MissionOverview | null> {
  const record = await db.missions.get(id);
  return record ? overviewOf(db, record) : null;
}

/** Every mission's current attempt (null for those never started), in the catalogue's order. */
export async function loadMissionOverviews(db: LifecycleDatabase): Promise<Record<MissionId, MissionOverview | null>> {
  const entries = await Promise.all(MISSION_IDS.map(async (id) => [id, await loadMissionOverview(db, id)] as const));
  return Object.fromEntries(entries) as Record<MissionId, MissionOverview | null>;
}

/** The mission whose current attempt made this project, with its facts; null for any other project. */
export async function projectMissionOverview(db: LifecycleDatabase, projectId: string): Promise<MissionOverview | null> {
  const record = await db.missions.where('projectId').equals(projectId).first();
  return record ? overviewOf(db, record) : null;
}
