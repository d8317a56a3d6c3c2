import { describe, expect, it } from 'vitest';
import { keepIntermediateLabState } from '$lib/db/practice/intermediateLab';
import { beginMissionAttempt, getMission } from '$lib/db/practice/missions';
import { freshDbsPerTest } from '../testDb';

const fresh = freshDbsPerTest();

describe('where the learner left the drift lab', () => {
  it('is kept on the running intermediate mission, so its links reopen it; starting over goes back to the start', async () => {
    const db = fresh();
    expect(await keepIntermediateLabState(db, 'week-5')).toBe(false);
    expect(await db.missions.count()).toBe(0);
    await beginMissionAttempt(db, { id: 'intermediate', projectId: null, start: { lab: 'week-0' } });
    expect(await keepIntermediateLabState(db, 'week-5')).toBe(true);
    expect(await keepIntermediateLabState(db, 'week-5')).toBe(false);
    expect(await getMission(db, 'intermediate')).toMatchObject({ attempt: 1, start: { lab: 'week-5' }, events: [] });
    expect((await beginMissionAttempt(db, { id: 'intermediate', projectId: null, start: { lab: 'week-0' } })).start).toEqual({ lab: 'week-0' });
  });
});
