import { describe, expect, it } from 'vitest';
import { gatherRetireHistory } from '$lib/db/practice/retireHistory';
import { createProject } from '$lib/db/projects';
import { setBusinessSettings } from '$lib/db/businessSettings';
import { recordPredictions } from '$lib/db/monitoring';
import { DEFAULT_BUSINESS } from '$lib/core/monitor/businessValue';
import { WEEK_MS } from '$lib/core/practice/retireDecay';
import { retireDefaults } from '$lib/core/practice/retireDefaults';
import { freshDbsPerTest } from '../testDb';
import { servedProject } from '../servedProject';

const fresh = freshDbsPerTest();
const TRAINED = Date.parse('2026-03-01T00:00:00.000Z'); // the served run's createdAt

describe('gatherRetireHistory', () => {
  it('says plainly when nothing is deployed', async () => {
    const db = fresh();
    const project = await createProject(db, { name: 'Empty' });
    expect(await gatherRetireHistory(db, project.id, Date.now())).toEqual({ ok: false, reason: 'Nothing is deployed: the calculator weighs the served model, so deploy one first.' });
  });

  it('reads the served model’s outcomes per week of age, its run, the split and the business value, and fits the decay', async () => {
    const db = fresh();
    const served = await servedProject(db);
    await db.datasetVersions.update(served.version.id, { split: { seed: 1, method: 'stratified', ratios: [0.8, 0, 0.2], counts: { train: 300, validation: 0, test: 60 } } });
    await db.runs.update(served.run.id, { timings: { vectorizeMs: 600, trainMs: 2_400, evaluateMs: 99 } });
    await setBusinessSettings(db, served.project.id, { ...DEFAULT_BUSINESS, valueRight: 3, costWrong: 10, moneyPerUnit: 0.5, currency: 'EUR' }, TRAINED);
    // Weeks 0, 1 and 2 of age, 40 graded answers each: right 36, 32, 28 (90 %, 80 %, 70 %).
    for (const week of [0, 1, 2]) {
      const right = 36 - week * 4;
      await recordPredictions(db, Array.from({ length: 40 }, (_, i) => ({
        projectId: served.project.id, deploymentId: served.deploymentId, modelVersionId: served.modelVersion.id,
        at: new Date(TRAINED + week * WEEK_MS + 3_600_000 + i * 1000).toISOString(), inputHash: `h${week}-${i}`,
        label: 'Billing', confidence: 0.9, latencyMs: 1, status: 200, route: 'champion' as const, outcome: i < right ? 'Billing' : 'Technical Issue',
      })));
    }
    const now = TRAINED + 3 * WEEK_MS;
    const history = await gatherRetireHistory(db, served.project.id, now);
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    const { facts } = history;
    expect(history).toMatchObject({ runId: 'run-1', classes: ['Billing', 'General Inquiry', 'Technical Issue'] });
    expect(facts.served).toEqual({ name: 'Ticket router v1', ageWeeks: 3 });
    expect(facts.weeks.map((w) => [w.week, w.labelled, w.correct])).toEqual([[0, 40, 36], [1, 40, 32], [2, 40, 28]]);
    expect(facts.fit.ok && facts.fit.decayPerWeek).toBeCloseTo(0.1, 10);
    expect(facts).toMatchObject({ trainingMs: 3_000, trainRows: 300, majorityAccuracy: 0.4, traffic: { predictions: 120 } });
    expect(facts.business).toMatchObject({ valueRight: 3, costWrong: 10, moneyPerUnit: 0.5 });

    const { form, sources } = retireDefaults(facts);
    expect(form).toMatchObject({ decayPerWeek: '10', accuracyNow: '65', trainingHours: '0.000833', rowsToLabel: '300', valuePerCorrect: '6.5' });
    expect(sources.decayPerWeek).toBe('fitted on 3 weeks, 120 outcomes');
    expect(sources.valuePerCorrect).toBe('business value: 3 minutes earned + 10 minutes not lost × 0.5 EUR');
  });
});
