import { describe, expect, it } from 'vitest';
import { DatasetStates } from '$lib/workers/datasetStates';
import { retireHandlers } from '$lib/workers/retireHandlers';
import { CancelledError } from '$lib/workers/rpc';
import { freshDbsPerTest } from '../db/testDb';
import { servedProject } from '../db/servedProject';
import { testContext } from './rpcContext';
import { decodeBlock } from '$lib/db/rowColumns';

const fresh = freshDbsPerTest();

describe('the fallback job in the data worker', () => {
  it('scores the majority class and a keyword rule on the served run’s test split, reporting progress', async () => {
    const db = fresh();
    const served = await servedProject(db); // 300 train rows, 60 test rows of generated tickets
    const rows = (await db.rowBlocks.toArray()).flatMap((b) => decodeBlock(b) as { label: string; split: string }[]);
    const test = rows.filter((r) => r.split === 'test');
    const handler = retireHandlers(db, new DatasetStates(db)).retireFallback;
    const ctx = testContext();
    const majority = await handler({ type: 'retireFallback', runId: served.run.id, fallback: { kind: 'majority' } }, ctx);
    const counts = new Map<string, number>();
    for (const r of rows.filter((x) => x.split === 'train')) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    expect(majority).toMatchObject({ n: 60, correct: test.filter((r) => r.label === top).length });
    expect(ctx.phases).toEqual(['load', 'load', 'fallback']);

    const rule = await handler({ type: 'retireFallback', runId: served.run.id, fallback: { kind: 'keywords', text: 'else -> Billing' } }, testContext());
    expect(rule).toMatchObject({ name: 'the keyword rule', n: 60, correct: test.filter((r) => r.label === 'Billing').length, unmatched: 60 });
  });

  it('refuses a rule naming a class the model does not know before reading rows, and stops on cancel', async () => {
    const db = fresh();
    const served = await servedProject(db);
    const handler = retireHandlers(db, new DatasetStates(db)).retireFallback;
    const refused = testContext();
    await expect(handler({ type: 'retireFallback', runId: served.run.id, fallback: { kind: 'keywords', text: 'late -> Shipping\nelse -> Billing' } }, refused))
      .rejects.toThrow('Line 1: “Shipping” is not a class of the model; the classes are Billing, General Inquiry, Technical Issue.');
    expect(refused.phases).toEqual([]); // no row was read
    const cancelled = testContext();
    cancelled.cancel();
    await expect(handler({ type: 'retireFallback', runId: served.run.id, fallback: { kind: 'majority' } }, cancelled)).rejects.toThrow(CancelledError);
    await expect(handler({ type: 'retireFallback', runId: 'gone', fallback: { kind: 'majority' } }, testContext())).rejects.toThrow('The served run is no longer in this project.');
  });
});
