/**
 * The learner's verdict under the Monitor's "Is it real?" checks, kept for the mission whose
 * project it is (the regression drill's first step reads it). Only a mission's project offers it:
 * no other store keeps a verdict.
 */
import { missionOfProject, type MissionRecord } from '$lib/db';
import { lastEvent, type MissionEvent } from '$lib/core/practice/mission';
import { ARTEFACT_VERDICT_EVENT, type ArtefactVerdict } from '$lib/core/practice/missions/drillRegression';
import type { ArtefactCheck } from '$lib/core/monitor/artefactChecks';
import { db } from '../database.svelte';
import { Live } from '../live.svelte';
import { attempt } from '../notices.svelte';
import { noteMissionAction } from './missionEvents';

/** The mission that owns the project (null for any other project), and its newest verdict. */
export function liveVerdict(projectId: string): Live<{ mission: MissionRecord; last: MissionEvent | undefined } | null> {
  return new Live(async () => {
    const mission = await missionOfProject(db, projectId);
    return mission ? { mission, last: lastEvent(mission.events, ARTEFACT_VERDICT_EVENT) } : null;
  }, null);
}

/** Keeps the verdict with what each check read when it was given ('ok' or 'look', by check id) and the window. */
export function recordVerdict(projectId: string, verdict: ArtefactVerdict, checks: readonly ArtefactCheck[], windowId: string): Promise<boolean | undefined> {
  return attempt(() => noteMissionAction({ projectId }, ARTEFACT_VERDICT_EVENT, { verdict, window: windowId, ...Object.fromEntries(checks.map((c) => [c.id, c.status])) }));
}
