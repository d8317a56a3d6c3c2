import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { latestDatasetVersion, listDatasetVersions, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { recordOutcomes } from '$lib/db/monitoring';
import { relabelDelta } from '$lib/core/data/datasetState';
import { ANY_PREDICTION, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import { CollectHold, previewCollection, runCollection } from '$lib/workers/collectJob';
import type { CollectWindow, DataRequest } from '$lib/workers/dataProtocol';
import { everyRecord, expectRefused, freshDb } from '../db/testDb';
import { logTexts, servedProject, type ServedProject } from '../db/servedProject';
import { testContext } from './rpcContext';
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import type { DataProgress } from '$lib/workers/dataProtocol';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import { checkSnapshot } from '$lib/core/snapshot/checkSnapshot';

let db: LifecycleDatabase;
let served: ServedProject;
const NOW = '2026-03-10T12:00:00.000Z';
const ago = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString();
const LAST_HOUR: CollectWindow = { from: ago(60), to: NOW };

beforeEach(async () => {
  db = freshDb();
  served = await servedProject(db, { trainRows: 40 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const loader = (id: string) => loadDatasetState(db, id);
const states = { load: loader, rekey: () => undefined };
const preview = (filter: PredictionFilter = ANY_PREDICTION, window = LAST_HOUR) =>
  previewCollection(db, { type: 'collectPreview', projectId: served.project.id, filter, window }, testContext(), loader);
const collect = (request: Partial<Extract<DataRequest, { type: 'collect' }>> = {}) =>
  runCollection(db, { type: 'collect', projectId: served.project.id, filter: ANY_PREDICTION, window: LAST_HOUR, versionId: served.version.id, versionNumber: served.version.number, ...request }, testContext(), states);

/** Five answers in the last hour: one repeats a dataset text (case changed), one repeats another, two got outcomes; one older log and one without text. */
async function logTraffic(): Promise<string> {
  const known = (await loadDatasetState(db, served.version.id)).rows[0].text.toUpperCase();
  const texts = ['my invoice is wrong', known, 'app crashes on start', 'My  invoice is wrong', 'where is your office'];
  for (const [i, text] of texts.entries()) await logTexts(db, served, [text], () => ago(50 - i), { predictionId: `pred-h${i}` });
  await logTexts(db, served, ['two hours old'], () => ago(120));
  await logTexts(db, served, ['no text kept'], () => ago(10), { text: undefined, predictionId: 'pred-old' });
  await recordOutcomes(db, served.project.id, [{ id: 'pred-h0', label: 'Billing' }]);
  await recordOutcomes(db, served.project.id, [{ id: 'pred-h2', label: 'Technical Issue' }], { source: 'app' });
  return known;
}

describe('collecting logged predictions into a dataset version', () => {
  it('previews what would be added without writing anything', async () => {
    await logTraffic();
    const before = await everyRecord(db);
    const result = await preview();
    expect(await everyRecord(db)).toEqual(before);
    expect(result).toMatchObject({
      version: { id: served.version.id, number: 1 },
      withoutText: 1, inDataset: 1, inWindow: 1,
      lineage: { matched: 6, added: 3, skippedDuplicates: 2, bySource: { feedback: 1, 'labelled in app': 1, unlabelled: 1 }, deploymentIds: [served.deploymentId], modelVersionIds: ['mv-1'] },
      origins: [{ deploymentId: served.deploymentId, modelVersionId: 'mv-1', servedVersion: 'Ticket router v1', rows: 3 }],
    });
    const filtered = await preview({ ...ANY_PREDICTION, hasOutcome: true });
    expect(filtered.lineage).toMatchObject({ matched: 2, added: 2, filters: 'has outcome' });
  });

  it('writes one production version on the newest: a delta with the new rows, lineage and the production columns', async () => {
    await logTraffic();
    const { version } = await collect();
    expect(await db.datasetVersions.count()).toBe(2);
    expect(version).toMatchObject({ change: 'production', parentId: served.version.id, storage: 'delta', storedRows: 3, rowCount: 103 });
    expect(version.production).toMatchObject({ from: LAST_HOUR.from, to: NOW, added: 3, skippedDuplicates: 2 });
    expect(version.message).toMatch(/^Production data from .*: 6 matched, 3 added \(1 feedback, 1 labelled in app, 1 unlabelled\), 2 skipped as duplicates$/);
    expect(version.schema.map((c) => c.name)).toEqual(['text', 'label', 'source', 'prediction_id', 'served_version', 'predicted_label', 'confidence']);
    const rows = (await loadDatasetState(db, version.id)).rows.slice(-3);
    expect(rows.map((r) => [r.key, r.label, r.meta.source, r.meta.subject, r.timestamp])).toEqual([
      ['pred-h0', 'Billing', 'feedback', null, ago(50)],
      ['pred-h2', 'Technical Issue', 'labelled in app', null, ago(48)],
      ['pred-h4', null, 'unlabelled', null, ago(46)],
    ]);
    // Collecting the same window again adds nothing.
    await expectRefused(db, () => collect({ versionId: version.id, versionNumber: version.number }), /Nothing to add/);
  });

  it('keeps a request field that is a metadata column of the dataset', async () => {
    await logTexts(db, served, ['a fresh question'], () => ago(5), { predictionId: 'pred-f', fields: { subject: 'Card', body: 'x' } });
    const { version } = await collect();
    const row = (await loadDatasetState(db, version.id)).get('pred-f')!;
    expect(row.meta).toMatchObject({ subject: 'Card', channel: null, tier: null, source: 'unlabelled' });
    expect(row.meta.body).toBeUndefined();
  });

  it('refuses, writing nothing, when the newest version moved on since the preview', async () => {
    await logTraffic();
    const state = await loadDatasetState(db, served.version.id);
    const newer = await writeDerivedVersion(db, { parent: served.version, state, delta: relabelDelta(state, [state.rows[0].key], 'Billing'), message: 'relabel', change: 'label' });
    expect(newer.number).toBe(2);
    await expectRefused(db, () => collect(), /newest version is now v2, not v1/);
  });

  it('is one transaction: a failure while writing leaves the database as it was', async () => {
    await logTraffic();
    const before = await everyRecord(db);
    vi.spyOn(db.auditLog, 'add').mockRejectedValue(new Error('disk full'));
    await expect(collect()).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await everyRecord(db)).toEqual(before);
    expect((await latestDatasetVersion(db, served.project.id))!.id).toBe(served.version.id);
  });

  it('refuses when the project has no dataset version', async () => {
    await db.datasetVersions.clear();
    await expect(preview()).rejects.toThrow(/no dataset version yet/);
    expect(await listDatasetVersions(db, served.project.id)).toEqual([]);
  });

  it('the snapshot carries the production lineage: schema-valid, checked, and back on import with the ids of the copy', async () => {
    await logTraffic();
    const { version } = await collect();
    const doc = await exportSnapshot(db, served.project.id, { now: NOW, appVersion: 'test' });
    expect(validateAgainstSchema(doc)).toEqual([]);
    expect(checkSnapshot(doc)).toEqual([]);
    const exported = doc.datasets.versions.find((v) => v.id === version.id)!;
    expect(exported.production).toEqual(version.production);
    expect(doc.datasets.versions.find((v) => v.id === served.version.id)!.production).toBeUndefined();
    // A lineage whose counts do not add up is caught.
    const broken = structuredClone(doc);
    broken.datasets.versions.find((v) => v.id === version.id)!.production!.added = 9;
    expect(checkSnapshot(broken).map((p) => p.path)).toContain(`/datasets/versions/1/production/bySource`);
    const imported = await importSnapshot(db, serializeSnapshot(doc));
    const copy = (await latestDatasetVersion(db, imported.project.id))!;
    const copiedDeployment = (await db.deployments.where('projectId').equals(imported.project.id).first())!;
    expect(copy.production).toEqual({ ...version.production, deploymentIds: [copiedDeployment.id], modelVersionIds: [copiedDeployment.modelVersionId] });
  });

  it('a held preview is what the confirmation writes; without one (or for another request) it reads the window again', async () => {
    await logTraffic();
    const hold = new CollectHold();
    await previewCollection(db, { type: 'collectPreview', projectId: served.project.id, filter: ANY_PREDICTION, window: LAST_HOUR }, testContext(), loader, hold);
    // An outcome arriving after the preview: the person confirmed the rows they were shown.
    await recordOutcomes(db, served.project.id, [{ id: 'pred-h4', label: 'Billing' }]);
    const request = { type: 'collect' as const, projectId: served.project.id, filter: ANY_PREDICTION, window: LAST_HOUR, versionId: served.version.id, versionNumber: 1 };
    const { version } = await runCollection(db, request, testContext(), states, hold);
    expect((await loadDatasetState(db, version.id)).get('pred-h4')!.label).toBeNull();
    // The hold was used up: the same confirmation again reads the window, finds nothing new, and is refused.
    await expect(runCollection(db, { ...request, versionId: version.id, versionNumber: 2 }, testContext(), states, hold)).rejects.toThrow(/Nothing to add/);
    const other = new CollectHold();
    await previewCollection(db, { type: 'collectPreview', projectId: served.project.id, filter: ANY_PREDICTION, window: LAST_HOUR }, testContext(), loader, other);
    expect(other.take({ ...request, window: { ...LAST_HOUR, from: ago(30) }, versionId: version.id })).toBeNull();
  });

  it('reports each step with its progress and stops when cancelled, writing nothing', async () => {
    await logTraffic();
    const reports: string[] = [];
    let cancelled = false;
    const ctx = (cancelAt?: string): RpcContext<DataProgress> => ({
      progress: (p) => {
        reports.push(`${p.phase} ${p.step} ${p.done}/${p.total}`);
        if (cancelAt && p.step?.startsWith(cancelAt)) cancelled = true;
      },
      get cancelled() {
        return cancelled;
      },
      throwIfCancelled() {
        if (cancelled) throw new CancelledError();
      },
    });
    const request = { type: 'collect' as const, projectId: served.project.id, filter: ANY_PREDICTION, window: LAST_HOUR, versionId: served.version.id, versionNumber: 1 };
    const before = await everyRecord(db);
    await expect(runCollection(db, request, ctx('hashing'), states)).rejects.toBeInstanceOf(CancelledError);
    expect(await everyRecord(db)).toEqual(before);
    expect(reports.at(-1)).toBe('collect hashing the texts of v1 0/100');
    reports.length = 0;
    cancelled = false;
    await runCollection(db, request, ctx(), states);
    expect(reports).toEqual([
      'collect reading the logged predictions 0/1',
      'collect reading the logged predictions 6/6',
      'collect hashing the texts of v1 0/100',
      'collect choosing the rows to add 0/6',
      'collect choosing the rows to add 6/6',
      'write writing the new version 0/3',
      'write writing the new version 3/3',
    ]);
  });
});
