/**
 * How a page records a learner's action for the mission whose project it happened in (nothing is
 * written when the project belongs to no mission): call it after the action succeeded.
 */
import { recordMissionEvent, type MissionEvent } from '$lib/db';
import type { MissionId } from '$lib/core/practice/mission';
import { db } from '$lib/state/database.svelte';

export function noteMissionAction(where: { projectId: string } | { missionId: MissionId }, kind: string, detail?: MissionEvent['detail']): Promise<boolean> {
  return recordMissionEvent(db, where, { kind, ...(detail ? { detail } : {}) });
}
