import { describe, expect, it } from 'vitest';
import { gatherIntermediateFacts } from '$lib/db/practice/intermediateFacts';
import { beginMissionAttempt, getMission, recordMissionEvent } from '$lib/db/practice/missions';
import { checkMission } from '$lib/core/practice/catalogue';
import { LAB_EVENTS } from '$lib/core/practice/missions/intermediate';
import { freshDbsPerTest } from '../testDb';

const fresh = freshDbsPerTest();

describe('the intermediate mission’s facts', () => {
  it('are the lab’s recorded actions and the learner’s answers, read back from the mission record', async () => {
    const db = fresh();
    await beginMissionAttempt(db, { id: 'intermediate', projectId: null, start: { lab: 'abc' } });
    await recordMissionEvent(db, { missionId: 'intermediate' }, { kind: LAB_EVENTS.dropVerdict, detail: { verdict: 'real', evidence: 'real', week: 9, explanation: 'CTR fell' } });
    await recordMissionEvent(db, { missionId: 'intermediate' }, { kind: LAB_EVENTS.remedy, detail: { label: 'Rolled back to the previous model before week 10', atWeek: 10 } });
    const facts = await gatherIntermediateFacts(db, (await getMission(db, 'intermediate'))!);
    expect(facts.events.map((e) => e.kind)).toEqual([LAB_EVENTS.dropVerdict, LAB_EVENTS.remedy]);
    const progress = checkMission({ mission: 'intermediate', facts });
    expect(progress.steps.filter((s) => s.done).map((s) => s.step.id)).toEqual(['drop-real', 'remedy']);
    // Starting over forgets them.
    const again = await beginMissionAttempt(db, { id: 'intermediate', projectId: null, start: { lab: 'abc' } });
    expect(checkMission({ mission: 'intermediate', facts: await gatherIntermediateFacts(db, again) }).done).toBe(0);
  });
});
