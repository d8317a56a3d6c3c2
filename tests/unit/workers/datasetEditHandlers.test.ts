import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, labelHistory, listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { DatasetStates } from '$lib/workers/datasetStates';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { findLeakage } from '$lib/core/data/leakage';
import { leakageFixCounts, leakageFixMessage } from '$lib/core/data/leakageFix';
import type { DataRequest } from '$lib/workers/dataProtocol';
import { freshDbsPerTest, makeRows } from '../db/testDb';
import { testContext } from './rpcContext';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let base: DatasetVersionRecord;
let states: DatasetStates;
let handlers: ReturnType<typeof datasetEditHandlers>;

beforeEach(async () => {
  db = open();
  const project = await createProject(db, { name: 'Edits' });
  base = await createDatasetVersion(db, { projectId: project.id, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(10, ['a', 'b', null]) });
  states = new DatasetStates(db);
  handlers = datasetEditHandlers(db, states);
});

const label = (key: string, value: string): Extract<DataRequest, { type: 'label' }> => ({
  type: 'label', versionId: base.id, keys: [key], label: value, message: `${key} as ${value}`, change: 'label',
});

describe('changes to a dataset version in the data worker', () => {
  it('writes two label changes sent at the same moment one after the other: the second builds on the first', async () => {
    await states.load(base.id, testContext()); // the page shows the version: its rows are held
    const [first, second] = await Promise.all([handlers.label(label('r2', 'a'), testContext()), handlers.label(label('r5', 'b'), testContext())]);
    expect([first.parentId, second.parentId]).toEqual([base.id, first.id]);
    const newest = await loadDatasetState(db, second.id);
    expect([newest.get('r2')?.label, newest.get('r5')?.label]).toEqual(['a', 'b']);
  });

  it('refuses the second of two different labels for one row sent at the same moment, keeping the first', async () => {
    await states.load(base.id, testContext());
    const [first, second] = await Promise.allSettled([handlers.label(label('r2', 'a'), testContext()), handlers.label(label('r2', 'b'), testContext())]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({
      status: 'rejected',
      reason: new Error('Nothing was written. Row r2 was labelled “a” in version 2, saved in another tab or window, so your label “b” was not applied. Relabel in the newest version if you disagree.'),
    });
    expect((await listDatasetVersions(db, base.projectId)).map((v) => v.number)).toEqual([2, 1]);
    expect((await labelHistory(db, base.projectId, 'r2')).map((e) => e.label)).toEqual(['a']);
  });

  it('refuses a split that changes nothing and masks no text without personal data, writing nothing', async () => {
    await expect(handlers.maskPii({ type: 'maskPii', versionId: base.id }, testContext())).rejects.toThrow('No personal data was found to mask.');
    const split = { type: 'split' as const, versionId: base.id, method: 'stratified' as const, ratios: [0.6, 0.2, 0.2] as const, seed: 's' };
    const v2 = await handlers.split(split, testContext());
    expect(v2).toMatchObject({ number: 2, parentId: base.id, change: 'split', split: { seed: 's', method: 'stratified' } });
    await expect(handlers.split({ ...split, versionId: v2.id }, testContext())).rejects.toThrow('This split is already the one assigned to this version.');
    expect(await db.datasetVersions.count()).toBe(2);
  });
});

describe('moving rows that leak between splits in the data worker', () => {
  /** 24 rows over 6 texts (4 copies each): a stratified split puts copies of most texts in two or more splits. */
  const repeated = async () => {
    const rows = makeRows(24, ['a', 'b']).map((r, i) => ({ ...r, text: `Text number ${i % 6}` }));
    const v1 = await createDatasetVersion(db, { projectId: base.projectId, parentId: 'newest', source: { name: 'y.csv' }, message: 'repeats', schema: [], rows });
    return handlers.split({ type: 'split', versionId: v1.id, method: 'stratified', ratios: [0.5, 0.25, 0.25], seed: 's' }, testContext());
  };
  const runChecks = (versionId: string) => explorationHandlers(db, states).checks({ type: 'checks', versionId, slices: [] }, testContext());
  const leakedRowsOf = async (versionId: string) => (await db.checkRuns.where('datasetVersionId').equals(versionId).toArray()).map((r) => r.leakedRows);

  it('writes a new split version with each leaking text in one split, and the checks on it store no leaked rows', async () => {
    const split = await repeated();
    const before = await loadDatasetState(db, split.id);
    const leaking = findLeakage(before.rows);
    expect(leaking.groups.length).toBeGreaterThan(0);
    await runChecks(split.id);
    expect(await leakedRowsOf(split.id)).toEqual([leaking.affectedRows]);

    const fixed = await handlers.fixLeakage({ type: 'fixLeakage', versionId: split.id }, testContext());
    const counts = leakageFixCounts(leaking.groups);
    expect(fixed).toMatchObject({ parentId: split.id, number: split.number + 1, change: 'split', message: leakageFixMessage(counts), rowCount: 24 });
    const after = await loadDatasetState(db, fixed.id);
    for (const group of leaking.groups) {
      const target = group.splits.includes('train') ? 'train' : 'validation';
      for (const key of group.keys) expect(after.get(key)?.split).toBe(target);
    }
    for (const row of before.rows) expect({ ...after.get(row.key), split: row.split }).toEqual(row); // only splits changed
    expect(findLeakage(after.rows).affectedRows).toBe(0);
    // The version's split record keeps the seed and method, with its counts brought up to date.
    const tally = { train: 0, validation: 0, test: 0 };
    for (const row of after.rows) tally[row.split!]++;
    expect(fixed.split).toEqual({ ...split.split, counts: tally });

    const report = await runChecks(fixed.id);
    expect(report.leakage).toMatchObject({ groups: [], affectedRows: 0, fix: { train: 0, validation: 0, test: 0 } });
    expect(await leakedRowsOf(fixed.id)).toEqual([0]);
  });

  it('refuses when no text is in two splits, or the version is not split, writing nothing', async () => {
    const split = await handlers.split({ type: 'split', versionId: base.id, method: 'stratified', ratios: [0.6, 0.2, 0.2], seed: 's' }, testContext());
    await expect(handlers.fixLeakage({ type: 'fixLeakage', versionId: split.id }, testContext())).rejects.toThrow('No text is shared between splits, so there is nothing to move.');
    await expect(handlers.fixLeakage({ type: 'fixLeakage', versionId: base.id }, testContext())).rejects.toThrow('v1 is not split into train, validation and test, so nothing can leak between splits.');
    expect(await db.datasetVersions.count()).toBe(2);
  });
});
