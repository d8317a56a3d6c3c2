import { describe, expect, it } from 'vitest';
import { gatherBeginnerFacts } from '$lib/db/practice/beginnerFacts';
import { beginMissionAttempt } from '$lib/db/practice/missions';
import { createProject, deleteProject } from '$lib/db/projects';
import { saveCriteria } from '$lib/db/canvas';
import { recordHealthCheck } from '$lib/db/monitoring';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { checkMission } from '$lib/core/practice/catalogue';
import { freshDbsPerTest } from '../testDb';
import { logTexts, servedProject } from '../servedProject';

const fresh = freshDbsPerTest();
const minute = (i: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, i)).toISOString();

describe('the beginner mission’s facts', () => {
  it('read a fresh project as nothing done, and a deleted one as gone', async () => {
    const db = fresh();
    const project = await createProject(db, { name: 'Practice' });
    const record = await beginMissionAttempt(db, { id: 'beginner', projectId: project.id });
    const facts = await gatherBeginnerFacts(db, record);
    expect(facts).toMatchObject({ projectExists: true, criteria: [], dataset: null, runs: [], versions: [], deployment: null, predictions: { logged: 0 }, health: { probes: 0 }, production: { predictions: 0, latencyP99Ms: null } });
    expect(checkMission({ mission: 'beginner', facts }).done).toBe(0);
    await deleteProject(db, project.id);
    expect((await gatherBeginnerFacts(db, record)).projectExists).toBe(false);
  });

  it('read the stored criteria, data, runs, registry, deployment, logs, probes and production latency', async () => {
    const db = fresh();
    const served = await servedProject(db);
    await saveCriteria(db, served.project.id, DEFAULT_TICKET_CRITERIA.map((c) => ({ ...c })));
    await logTexts(db, served, Array.from({ length: 60 }, (_, i) => `ticket ${i}`), minute);
    await recordHealthCheck(db, { projectId: served.project.id, at: minute(61), ok: true, latencyMs: 3, modelVersionId: null });
    await recordHealthCheck(db, { projectId: served.project.id, at: minute(62), ok: false, latencyMs: 0, modelVersionId: null });
    const record = await beginMissionAttempt(db, { id: 'beginner', projectId: served.project.id });

    const facts = await gatherBeginnerFacts(db, { ...record, notes: { nextSteps: 'watch Billing' } });
    expect(facts.notes).toEqual({ nextSteps: 'watch Billing' });
    expect(facts.criteria.map((c) => c.id)).toEqual(DEFAULT_TICKET_CRITERIA.map((c) => c.id));
    expect(facts.dataset).toMatchObject({ number: 1, rowCount: 360, labelled: 360, classes: 3 });
    expect(facts.runs).toEqual([
      { number: 1, familyNoun: 'logistic regression', linear: true, datasetVersionNumber: 1, testAccuracy: expect.any(Number), testMacroF1: expect.any(Number), baselineLabel: 'majority class', baselineAccuracy: 0.4, beatsBaseline: true },
    ]);
    expect(facts.versions).toEqual([{ label: 'Ticket router v1', runNumber: 1, aliases: ['champion'] }]);
    expect(facts.deployment?.versionLabel).toBe('Ticket router v1');
    expect(facts.predictions).toEqual({ logged: 60, withConfidence: 60, meanConfidence: expect.closeTo(0.6, 5) });
    expect(facts.health).toEqual({ probes: 2, healthy: 1 });
    expect(facts.production.predictions).toBe(60);
    expect(facts.production.latencyP99Ms).toBeGreaterThan(0);
    expect(facts.production.latencyP99Ms).toBeLessThan(5);

    const done = checkMission({ mission: 'beginner', facts }).steps.filter((s) => s.done).map((s) => s.step.id);
    // The served project's data is only 360 rows: the data step waits for about 1,000.
    expect(done).toEqual(['criteria', 'baseline', 'registered', 'deployed', 'served', 'health', 'latency']);
  });
});
