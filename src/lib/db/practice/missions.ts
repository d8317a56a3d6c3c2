/**
 * Practice missions' records: one per mission in this browser. Starting a mission (again) replaces
 * its project and record in one transaction; the pages record the learner's actions no other store
 * keeps, and the learner's written answers, on the record of the mission whose project they are in.
 */
import type { LifecycleDatabase } from '../database';
import type { MissionEvent, MissionRecord } from '../records';
import type { MissionId } from '$lib/core/practice/mission';
import { nowIso } from '../ids';
import { deleteProject } from '../projects';

/** Longest written answer kept, in characters. */
export const MISSION_NOTE_MAX = 5000;

export function getMission(db: LifecycleDatabase, id: MissionId): Promise<MissionRecord | undefined> {
  return db.missions.get(id);
}

export function listMissions(db: LifecycleDatabase): Promise<MissionRecord[]> {
  return db.missions.toArray();
}

/** The mission whose current attempt made this project, if any. */
export function missionOfProject(db: LifecycleDatabase, projectId: string): Promise<MissionRecord | undefined> {
  return db.missions.where('projectId').equals(projectId).first();
}

/**
 * Starts an attempt: deletes the previous attempt's project (all its records) and writes the new
 * record for `projectId` (the project the template just made, or null). The attempt count goes on.
 */
export async function beginMissionAttempt(
  db: LifecycleDatabase,
  input: { id: MissionId; projectId: string | null; start?: MissionRecord['start']; at?: string },
): Promise<MissionRecord> {
  return db.transaction('rw', db.projectTables(), async () => {
    const previous = await db.missions.get(input.id);
    if (previous?.projectId && previous.projectId !== input.projectId && (await db.projects.get(previous.projectId))) {
      await deleteProject(db, previous.projectId);
    }
    const record: MissionRecord = {
      id: input.id,
      projectId: input.projectId,
      attempt: (previous?.attempt ?? 0) + 1,
      startedAt: input.at ?? nowIso(),
      notes: {},
      events: [],
      ...(input.start ? { start: input.start } : {}),
    };
    await db.missions.put(record);
    return record;
  });
}

/** Keeps the learner's written answer `key` (trimmed; empty removes it). */
export async function saveMissionNote(db: LifecycleDatabase, id: MissionId, key: string, text: string): Promise<void> {
  const value = text.trim();
  if (value.length > MISSION_NOTE_MAX) throw new RangeError(`An answer can be at most ${MISSION_NOTE_MAX.toLocaleString('en')} characters (this one has ${value.length.toLocaleString('en')}).`);
  await db.transaction('rw', db.missions, async () => {
    const record = await db.missions.get(id);
    if (!record) throw new Error('Start the mission first.');
    const notes = { ...record.notes };
    if (value) notes[key] = value;
    else delete notes[key];
    await db.missions.put({ ...record, notes });
  });
}

/**
 * Records an action on the mission that owns `where` (a mission id, or the project the action
 * happened in). Returns false, writing nothing, when no mission owns that project: pages call it
 * after any such action, whether or not a mission is running.
 */
export async function recordMissionEvent(
  db: LifecycleDatabase,
  where: { missionId: MissionId } | { projectId: string },
  event: Omit<MissionEvent, 'at'> & { at?: string },
): Promise<boolean> {
  return db.transaction('rw', db.missions, async () => {
    const record = 'missionId' in where ? await db.missions.get(where.missionId) : await db.missions.where('projectId').equals(where.projectId).first();
    if (!record) return false;
    const entry: MissionEvent = { kind: event.kind, at: event.at ?? nowIso(), ...(event.detail ? { detail: { ...event.detail } } : {}) };
    await db.missions.put({ ...record, events: [...record.events, entry] });
    return true;
  });
}
