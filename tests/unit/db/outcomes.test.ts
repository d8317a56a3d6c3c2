import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { recordOutcomes, recordPredictions } from '$lib/db/monitoring';
import { importOutcomesCsv } from '$lib/db/outcomes';
import type { PredictionLogRecord } from '$lib/db/records';
import { freshDb } from './testDb';
import { servedProject, type ServedProject } from './servedProject';

/**
 * Two versions with different classes: mv-1 (the served project's run: Billing, General Inquiry,
 * Technical Issue) and mv-2 (Billing, Refund). p-1 and p-3 were predicted by mv-1 (p-3 with a
 * shadow score by mv-2), p-2 by mv-2.
 */
let db: LifecycleDatabase;
let served: ServedProject;
beforeEach(async () => {
  db = freshDb();
  served = await servedProject(db, { trainRows: 30 });
  await db.runs.add({ ...served.run, id: 'run-2', number: 2, classes: ['Billing', 'Refund'] });
  await db.modelVersions.add({ ...served.modelVersion, id: 'mv-2', version: 2, runId: 'run-2', aliases: [] });
  const log = (predictionId: string, modelVersionId: string, fields: Partial<PredictionLogRecord> = {}): PredictionLogRecord => ({
    projectId: served.project.id, deploymentId: served.deploymentId, modelVersionId, predictionId, ref: `T-${predictionId.slice(2)}`,
    at: '2026-03-01T10:00:05.000Z', inputHash: 'h', label: 'Billing', confidence: 0.8, latencyMs: 1, status: 200, route: 'champion', ...fields,
  });
  await recordPredictions(db, [log('p-1', 'mv-1'), log('p-2', 'mv-2', { route: 'challenger' }), log('p-3', 'mv-1'), log('p-3', 'mv-2', { route: 'shadow' })]);
});
afterEach(async () => {
  await db.delete();
});

const outcomes = async () => Object.fromEntries((await db.predictionLogs.toArray()).map((l) => [`${l.predictionId}/${l.route}`, l.outcome]));

describe('recordOutcomes refuses labels the predicting version does not know', () => {
  it('judges each prediction by the classes of the version that made it, and writes nothing when one is refused', async () => {
    const result = await recordOutcomes(db, served.project.id, [{ id: 'p-2', label: 'Refund' }, { id: 'p-1', label: 'Refund' }]);
    expect(result).toEqual({ updated: 0, unknown: [], refused: [{ index: 1, id: 'p-1', label: 'Refund', classes: ['Billing', 'General Inquiry', 'Technical Issue'] }] });
    expect(await outcomes()).toEqual({ 'p-1/champion': undefined, 'p-2/challenger': undefined, 'p-3/champion': undefined, 'p-3/shadow': undefined });
    // Leaving the refused one out writes the other.
    const skipped = await recordOutcomes(db, served.project.id, [{ id: 'p-2', label: 'Refund' }, { id: 'p-1', label: 'Refund' }], { skipRefused: true });
    expect(skipped).toMatchObject({ updated: 1, refused: [{ index: 1, id: 'p-1' }] });
    expect((await outcomes())['p-2/challenger']).toBe('Refund');
  });

  it('never overwrites a correct outcome with a refused label', async () => {
    await recordOutcomes(db, served.project.id, [{ id: 'T-1', label: 'Billing' }]);
    const bucket = async () => (await db.metricBuckets.toArray())[0].bucket;
    expect(await bucket()).toMatchObject({ labelled: 1, correct: 1 });
    expect((await recordOutcomes(db, served.project.id, [{ id: 'T-1', label: 'Nonsense' }])).refused).toHaveLength(1);
    expect((await outcomes())['p-1/champion']).toBe('Billing');
    expect(await bucket()).toMatchObject({ labelled: 1, correct: 1 });
  });

  it('grades the served answer and leaves a shadow score of a version without that class ungraded', async () => {
    expect(await recordOutcomes(db, served.project.id, [{ id: 'p-3', label: 'General Inquiry' }])).toEqual({ updated: 1, unknown: [], refused: [] });
    expect(await outcomes()).toMatchObject({ 'p-3/champion': 'General Inquiry', 'p-3/shadow': undefined });
  });
});

describe('importOutcomesCsv: the outcomes file goes through the same rule', () => {
  const file = 'ref,label\nT-2,Refund\nT-1,Nonsense\nT-3,billing\nT-404,Billing\n';

  it('reports the offending lines with the classes and writes nothing', async () => {
    const result = await importOutcomesCsv(db, served.project.id, file);
    expect(result.updated).toBe(0);
    expect(result.skipped).toBe(false);
    expect(result.refused).toEqual([
      { line: 3, message: '"Nonsense" is not one of the model\'s classes (Billing, General Inquiry, Technical Issue).' },
      { line: 4, message: '"billing" is not one of the model\'s classes (Billing, General Inquiry, Technical Issue); did you mean "Billing"?' },
    ]);
    expect(result.unknown).toEqual([{ line: 5, message: 'no logged prediction has the id or ref "T-404"' }]);
    expect(Object.values(await outcomes()).filter(Boolean)).toEqual([]);
  });

  it('imports the other rows when the person chooses to skip the refused ones', async () => {
    const result = await importOutcomesCsv(db, served.project.id, file, { skipRefused: true });
    expect(result).toMatchObject({ updated: 1, skipped: true, refused: [{ line: 3 }, { line: 4 }] });
    expect(await outcomes()).toMatchObject({ 'p-1/champion': undefined, 'p-2/challenger': 'Refund', 'p-3/champion': undefined });
  });
});
