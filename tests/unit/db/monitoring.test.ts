import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { metricBuckets, queryPredictions, recentPredictions, recordOutcomes, recordPredictions } from '$lib/db/monitoring';
import { ANY_PREDICTION, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import type { PredictionLogRecord } from '$lib/db/records';
import { summarize } from '$lib/core/monitor/query';
import { mergeBuckets } from '$lib/core/monitor/buckets';
import { freshDb } from './testDb';

let db: LifecycleDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const log = (at: string, label: string, latencyMs: number, status = 200, projectId = 'p'): PredictionLogRecord => ({
  projectId, deploymentId: 'd', modelVersionId: 'v', at, inputHash: 'h', label, confidence: 0.8, latencyMs, status, route: 'champion',
});

describe('prediction logs and minute buckets', () => {
  it('stores the logs and folds them into per-project minute buckets, also across calls', async () => {
    await recordPredictions(db, [log('2026-03-01T10:00:05Z', 'Billing', 2), log('2026-03-01T10:00:40Z', 'Billing', 4), log('2026-03-01T10:01:10Z', 'Technical Issue', 6)]);
    await recordPredictions(db, [log('2026-03-01T10:01:50Z', 'Billing', 8, 500), log('2026-03-01T10:01:55Z', 'Billing', 1, 200, 'other')]);
    expect(await db.predictionLogs.count()).toBe(5);
    const from = Date.parse('2026-03-01T10:00:00Z');
    const buckets = await metricBuckets(db, 'p', from, from + 3_600_000);
    expect(buckets.map((b) => b.start)).toEqual([from, from + 60_000]);
    const total = summarize(buckets.reduce(mergeBuckets));
    expect(total.predictions).toBe(4);
    expect(total.errors).toBe(1);
    expect(total.labelShares.Billing).toBeGreaterThan(0);
    expect((await recentPredictions(db, 'p', 2)).map((l) => l.at)).toEqual(['2026-03-01T10:01:50Z', '2026-03-01T10:01:10Z']);
    expect(await metricBuckets(db, 'other', from, from + 3_600_000)).toHaveLength(1);
  });

  it('stores a batch written again (the endpoint retrying a write that did commit) once, in the log and in the buckets', async () => {
    const batch = [
      { ...log('2026-03-01T10:00:05Z', 'Billing', 2), predictionId: 'p-1' },
      { ...log('2026-03-01T10:00:05Z', 'Technical Issue', 3), predictionId: 'p-1', route: 'shadow' as const, modelVersionId: 'v2' },
      { ...log('2026-03-01T10:00:40Z', 'Billing', 4), predictionId: 'p-2' },
    ];
    await recordPredictions(db, batch);
    await recordPredictions(db, [...batch, { ...log('2026-03-01T10:00:50Z', 'Billing', 5), predictionId: 'p-3' }]);
    expect((await db.predictionLogs.toArray()).map((l) => [l.predictionId, l.route])).toEqual([['p-1', 'champion'], ['p-1', 'shadow'], ['p-2', 'champion'], ['p-3', 'champion']]);
    const from = Date.parse('2026-03-01T10:00:00Z');
    expect(summarize((await metricBuckets(db, 'p', from, from + 60_000)).reduce(mergeBuckets)).predictions).toBe(3);
  });
});

describe('ground truth for logged predictions', () => {
  const from = Date.parse('2026-03-01T10:00:00Z');
  const window = async () => summarize((await metricBuckets(db, 'p', from, from + 3_600_000)).reduce(mergeBuckets));
  const served = (id: string, at: string, label: string, ref?: string): PredictionLogRecord => ({ ...log(at, label, 2), predictionId: id, ...(ref ? { ref } : {}) });

  it('grades predictions by id or by the caller\'s ref, served answer and shadow score alike', async () => {
    await recordPredictions(db, [
      served('p-1', '2026-03-01T10:00:05Z', 'Billing', 'T-1'),
      { ...served('p-1', '2026-03-01T10:00:05Z', 'Technical Issue'), route: 'shadow', modelVersionId: 'v2' },
      served('p-2', '2026-03-01T10:01:05Z', 'Billing', 'T-2'),
      served('p-3', '2026-03-01T10:01:06Z', 'Billing'),
    ]);
    const result = await recordOutcomes(db, 'p', [
      { id: 'p-1', label: 'Billing' },
      { id: 'T-2', label: 'Technical Issue' },
      { id: 'nope', label: 'Billing' },
    ]);
    expect(result).toEqual({ updated: 2, unknown: ['nope'], refused: [] });
    const total = await window();
    expect(total.labelled).toBe(2);
    expect(total.accuracy).toBe(0.5);
    // The shadow score of p-1 was graded too: its version's tally says it was wrong.
    const buckets = await metricBuckets(db, 'p', from, from + 3_600_000);
    const v2 = buckets.reduce(mergeBuckets).versions.v2;
    expect(v2).toMatchObject({ labelled: 1, correct: 0 });
    expect((await db.predictionLogs.where('predictionId').equals('p-1').toArray()).map((l) => l.outcome)).toEqual(['Billing', 'Billing']);
  });

  it('records how an outcome arrived: labelled in the app, or feedback (the default)', async () => {
    await recordPredictions(db, [served('p-1', '2026-03-01T10:00:05Z', 'Billing'), served('p-2', '2026-03-01T10:00:06Z', 'Billing')]);
    await recordOutcomes(db, 'p', [{ id: 'p-1', label: 'Technical Issue' }], { source: 'app' });
    await recordOutcomes(db, 'p', [{ id: 'p-2', label: 'Billing' }]);
    const sources = async () => (await db.predictionLogs.toArray()).sort((a, b) => a.at.localeCompare(b.at)).map((l) => [l.outcome, l.outcomeSource]);
    expect(await sources()).toEqual([['Technical Issue', 'app'], ['Billing', 'feedback']]);
    // Feedback that later changes the label says so.
    await recordOutcomes(db, 'p', [{ id: 'p-1', label: 'Billing' }]);
    expect((await sources())[0]).toEqual(['Billing', 'feedback']);
  });

  it('a corrected outcome replaces the earlier one instead of counting twice', async () => {
    await recordPredictions(db, [served('p-1', '2026-03-01T10:00:05Z', 'Billing'), served('p-2', '2026-03-01T10:00:06Z', 'Billing')]);
    await recordOutcomes(db, 'p', [{ id: 'p-1', label: 'Billing' }]);
    expect(await window()).toMatchObject({ labelled: 1, accuracy: 1 });
    await recordOutcomes(db, 'p', [{ id: 'p-1', label: 'Technical Issue' }]);
    expect(await window()).toMatchObject({ labelled: 1, accuracy: 0, predictions: 2 });
  });

  it('a ref used twice grades the newest prediction with it; other projects are never touched', async () => {
    await recordPredictions(db, [served('p-1', '2026-03-01T10:00:05Z', 'Billing', 'T-1'), served('p-2', '2026-03-01T10:02:05Z', 'Billing', 'T-1')]);
    await recordPredictions(db, [{ ...served('p-9', '2026-03-01T10:00:05Z', 'Billing', 'T-1'), projectId: 'other' }]);
    expect(await recordOutcomes(db, 'p', [{ id: 'T-1', label: 'Billing' }])).toEqual({ updated: 1, unknown: [], refused: [] });
    expect((await db.predictionLogs.toArray()).filter((l) => l.outcome).map((l) => l.predictionId)).toEqual(['p-2']);
    expect(await recordOutcomes(db, 'other', [{ id: 'p-1', label: 'Billing' }])).toEqual({ updated: 0, unknown: ['p-1'], refused: [] });
  });
});

describe('the latest-predictions query', () => {
  const now = Date.parse('2026-03-08T12:00:00.000Z');
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  const served = (minutesAgo: number, text: string | undefined, more: Partial<PredictionLogRecord> = {}): PredictionLogRecord => ({
    ...log(at(minutesAgo), 'Billing', 1), ...(text === undefined ? {} : { text }), ...more,
  });

  it('reads the window newest first, leaves out shadow scores and other projects, and pages through the matches', async () => {
    await recordPredictions(db, [
      served(3 * 24 * 60, 'refund from three days ago'),
      served(90, 'refund from 90 minutes ago', { outcome: 'Billing' }),
      served(30, 'app crashes', { label: 'Technical Issue', confidence: 0.4 }),
      served(20, 'refund please'),
      served(20, undefined, { route: 'shadow' }),
      served(10, undefined),
      served(5, 'refund in another project', { projectId: 'other' }),
    ]);
    const query = (filter: Partial<PredictionFilter>, offset = 0, limit = 10) => queryPredictions(db, 'p', { ...ANY_PREDICTION, ...filter }, now, { offset, limit });
    const texts = (page: { logs: PredictionLogRecord[] }) => page.logs.map((l) => l.text ?? '(none)');

    expect(texts(await query({}))).toEqual(['(none)', 'refund please', 'app crashes', 'refund from 90 minutes ago', 'refund from three days ago']);
    expect(texts(await query({ window: '1h' }))).toEqual(['(none)', 'refund please', 'app crashes']);
    expect(texts(await query({ window: '24h', search: 'REFUND' }))).toEqual(['refund please', 'refund from 90 minutes ago']);
    expect(texts(await query({ label: 'Technical Issue' }))).toEqual(['app crashes']);
    expect(texts(await query({ band: 'low', hasOutcome: false }))).toEqual(['app crashes']);
    expect(texts(await query({ hasOutcome: true }))).toEqual(['refund from 90 minutes ago']);
    // Pages are counted in matches, not in stored logs.
    const first = await query({ search: 'refund' }, 0, 2);
    expect([texts(first), first.more]).toEqual([['refund please', 'refund from 90 minutes ago'], true]);
    const second = await query({ search: 'refund' }, 2, 2);
    expect([texts(second), second.more]).toEqual([['refund from three days ago'], false]);
  });

  it('pages through a busy window without losing or repeating a log, in the order of the index read backwards', async () => {
    // 1,200 logs within 2 minutes, 10 to each second (equal times), every third one a shadow score.
    const logs = Array.from({ length: 1_200 }, (_, i) => served(0, `text ${i}`, { at: new Date(now - 600_000 + Math.floor(i / 10) * 1_000).toISOString(), route: i % 3 ? 'champion' : 'shadow', label: i % 2 ? 'Billing' : 'Technical Issue' }));
    await db.predictionLogs.bulkAdd(logs);
    const expected = (await db.predictionLogs.where('[projectId+at]').between(['p', ''], ['p', '\uffff']).reverse().toArray()).filter((l) => l.route !== 'shadow' && l.label === 'Billing').map((l) => l.id);
    const pages: (number | undefined)[] = [];
    for (let offset = 0; ; offset += 150) {
      const page = await queryPredictions(db, 'p', { ...ANY_PREDICTION, label: 'Billing' }, now, { offset, limit: 150 });
      pages.push(...page.logs.map((l) => l.id));
      if (!page.more) break;
    }
    expect(expected).toHaveLength(400);
    expect(pages).toEqual(expected);
  });
});
