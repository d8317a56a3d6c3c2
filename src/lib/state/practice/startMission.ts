/**
 * Starting (or starting over) a mission: run its template, then `beginMissionAttempt` (which
 * deletes the previous attempt's project and writes the clean record). When the template fails
 * or is cancelled, the project it created is deleted and the previous attempt is left as it was:
 * nothing half-built stays behind.
 */
import { beginMissionAttempt, deleteProject, getMission, getProject, type LifecycleDatabase, type MissionRecord } from '$lib/db';
import type { MissionId } from '$lib/core/practice/mission';
import type { MissionTemplate } from './template';

export class MissionCancelled extends Error {
  constructor() {
    super('Starting the mission was cancelled.');
    this.name = 'MissionCancelled';
  }
}

export interface StartHooks {
  progress(text: string, fraction?: number): void;
  signal: AbortSignal;
}

export async function startMission(db: LifecycleDatabase, id: MissionId, template: MissionTemplate, hooks: StartHooks): Promise<MissionRecord> {
  const attempt = ((await getMission(db, id))?.attempt ?? 0) + 1;
  let createdId: string | null = null;
  try {
    hooks.progress('Preparing the starting point…', 0);
    const result = await template({
      db,
      attempt,
      progress: hooks.progress,
      signal: hooks.signal,
      created: (projectId) => {
        createdId = projectId;
      },
    });
    if (result.projectId) createdId = result.projectId;
    if (hooks.signal.aborted) throw new MissionCancelled();
    return await beginMissionAttempt(db, { id, projectId: result.projectId, ...(result.start ? { start: result.start } : {}) });
  } catch (error) {
    if (createdId && (await getProject(db, createdId))) await deleteProject(db, createdId);
    throw hooks.signal.aborted ? new MissionCancelled() : error;
  }
}
