import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, labelHistory, listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { DatasetStates } from '$lib/workers/datasetStates';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
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
