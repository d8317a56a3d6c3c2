import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveCriteria } from '$lib/db/canvas';
import { saveModelCardEdits } from '$lib/db/modelCards';
import { datasetVersionFacts, modelVersionFacts } from '$lib/db/governanceFacts';
import { EMPTY_MODEL_CARD_EDITS } from '$lib/core/registry/modelCardEdits';
import { freshDbsPerTest, makeRows, seedEveryTable } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Facts' })).id;
});

describe('datasetVersionFacts', () => {
  it('names the version and its rows, finds masking anywhere up its lineage, and has no checks, marks or answers yet', async () => {
    const v1 = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
    expect(await datasetVersionFacts(db, v1.id)).toEqual({
      datasetVersionId: v1.id, number: 1, contentHash: v1.contentHash, hasSplit: false, piiMasked: false, checks: null, reviews: [], answers: null, approvedDocuments: [],
    });
    // A masked child and a split grandchild (records as the data stage writes them).
    await db.datasetVersions.add({ ...v1, id: 'masked', number: 2, parentId: v1.id, change: 'mask-pii', contentHash: 'h2' });
    await db.datasetVersions.add({ ...v1, id: 'split', number: 3, parentId: 'masked', change: 'split', contentHash: 'h3', split: { seed: 1 } as never });
    expect(await datasetVersionFacts(db, 'split')).toMatchObject({ number: 3, contentHash: 'h3', hasSplit: true, piiMasked: true });
    expect((await datasetVersionFacts(db, v1.id)).piiMasked).toBe(false);
    await expect(datasetVersionFacts(db, 'gone')).rejects.toThrow('That dataset version no longer exists.');
  });
});

describe('modelVersionFacts', () => {
  it('reads the run, its metrics and evaluation, the Frame criteria as they are now and whether the owner wrote the card', async () => {
    const ids = await seedEveryTable(db, projectId, 'm');
    await db.modelCards.clear();
    const criteria = [{ id: 'acc', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }] as const;
    await saveCriteria(db, projectId, [...criteria]);
    const facts = await modelVersionFacts(db, ids.modelVersionId);
    expect(facts).toEqual({
      modelVersionId: ids.modelVersionId, modelName: 'triage', version: 1, runId: ids.runId, runNumber: 1, datasetVersionId: ids.datasetVersionId,
      metrics: { accuracy: 0.9 }, evaluation: null, criteria, modelCard: null, approvedDocuments: [],
    });
    await saveModelCardEdits(db, { modelVersionId: ids.modelVersionId, edits: { ...EMPTY_MODEL_CARD_EDITS }, by: 'Ana' });
    expect((await modelVersionFacts(db, ids.modelVersionId)).modelCard).toMatchObject({ written: false, by: 'Ana' });
    await saveModelCardEdits(db, { modelVersionId: ids.modelVersionId, edits: { ...EMPTY_MODEL_CARD_EDITS, overview: 'Routes requests.' }, by: 'Ben' });
    expect((await modelVersionFacts(db, ids.modelVersionId)).modelCard).toMatchObject({ modelVersionId: ids.modelVersionId, written: true, by: 'Ben' });
  });
});
