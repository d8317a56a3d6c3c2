import { describe, expect, it } from 'vitest';
import { beginMissionAttempt, getMission, missionOfProject, recordMissionEvent, saveMissionNote, MISSION_NOTE_MAX } from '$lib/db/practice/missions';
import { createProject } from '$lib/db/projects';
import { freshDbsPerTest } from '../testDb';

const fresh = freshDbsPerTest();

describe('mission records', () => {
  it('starting over deletes the previous attempt’s project and starts a clean record', async () => {
    const db = fresh();
    const first = await createProject(db, { name: 'Attempt one', description: '' });
    await beginMissionAttempt(db, { id: 'beginner', projectId: first.id, at: '2026-12-05T09:00:00.000Z' });
    await saveMissionNote(db, 'beginner', 'lessons', '  Check the split  ');
    expect(await recordMissionEvent(db, { projectId: first.id }, { kind: 'artefact-verdict', detail: { verdict: 'real' }, at: '2026-12-05T09:10:00.000Z' })).toBe(true);
    expect(await getMission(db, 'beginner')).toMatchObject({ attempt: 1, notes: { lessons: 'Check the split' }, events: [{ kind: 'artefact-verdict', detail: { verdict: 'real' } }] });

    const second = await createProject(db, { name: 'Attempt two', description: '' });
    const record = await beginMissionAttempt(db, { id: 'beginner', projectId: second.id, at: '2026-12-05T10:00:00.000Z' });
    expect(record).toEqual({ id: 'beginner', projectId: second.id, attempt: 2, startedAt: '2026-12-05T10:00:00.000Z', notes: {}, events: [] });
    expect(await db.projects.get(first.id)).toBeUndefined();
    expect((await missionOfProject(db, second.id))?.id).toBe('beginner');
  });

  it('an action in a project no mission owns writes nothing', async () => {
    const db = fresh();
    const project = await createProject(db, { name: 'Mine', description: '' });
    expect(await recordMissionEvent(db, { projectId: project.id }, { kind: 'artefact-verdict' })).toBe(false);
    expect(await db.missions.count()).toBe(0);
  });

  it('refuses an answer before the mission starts, and one that is too long', async () => {
    const db = fresh();
    await expect(saveMissionNote(db, 'drill-regression', 'rootCause', 'x')).rejects.toThrow('Start the mission first.');
    await beginMissionAttempt(db, { id: 'drill-regression', projectId: null });
    await expect(saveMissionNote(db, 'drill-regression', 'rootCause', 'x'.repeat(MISSION_NOTE_MAX + 1))).rejects.toThrow(/at most 5,000 characters/);
    await saveMissionNote(db, 'drill-regression', 'rootCause', 'kept');
    await saveMissionNote(db, 'drill-regression', 'rootCause', '   ');
    expect((await getMission(db, 'drill-regression'))?.notes).toEqual({});
  });
});
