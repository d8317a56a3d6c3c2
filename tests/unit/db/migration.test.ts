import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { LifecycleDatabase } from '$lib/db/database';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6 } from '$lib/db/schema';
import { versionFiles } from '$lib/db/modelFiles';
import { bucketizePredictions } from '$lib/core/monitor/aggregate';
import type { PredictionSample } from '$lib/core/monitor/buckets';
import { summarize } from '$lib/core/monitor/query';
import { listProjects } from '$lib/db/projects';
import { getCanvas } from '$lib/db/canvas';
import { listAudit } from '$lib/db/audit';
import { countRows, getRows, listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { getSetting } from '$lib/db/settings';
import { DB_V1, DB_V1_IDS } from '../../fixtures/db-v1';
import { storedRowCount } from './testDb';

const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** Writes the v1 fixture with a plain Dexie at schema version 1, then closes it. */
async function createV1Database(): Promise<string> {
  const name = `test-v1-${crypto.randomUUID()}`;
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.transaction('rw', v1.tables, async () => {
    for (const [table, records] of Object.entries(DB_V1)) await v1.table(table).bulkAdd(records as object[]);
  });
  expect(v1.verno).toBe(1);
  v1.close();
  return name;
}

async function openUpgraded(): Promise<LifecycleDatabase> {
  const db = new LifecycleDatabase(await createV1Database());
  opened.push(db);
  await db.open();
  return db;
}

describe('upgrade from schema v1', () => {
  it('opens at the current version', async () => {
    const db = await openUpgraded();
    expect(CURRENT_SCHEMA_VERSION).toBe(12);
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.find((t) => t.name === 'auditLog')?.schema.idxByName['[projectId+at]']).toBeDefined();
    for (const store of ['policyVersions', 'policyDrafts', 'people', 'reviewRequests', 'decisions', 'waivers']) expect(db.tables.map((t) => t.name)).toContain(store);
    for (const store of ['checkRuns', 'checkReviews', 'ethicsAnswers']) expect(db.table(store).schema.idxByName['[datasetVersionId+at]']).toBeDefined();
    expect(db.projects.schema.idxByName.updatedAt).toBeDefined();
  });

  it('backfills projects.updatedAt from createdAt and keeps everything else', async () => {
    const db = await openUpgraded();
    const projects = await db.projects.toArray();
    expect(projects).toHaveLength(DB_V1.projects.length);
    for (const v1 of DB_V1.projects) {
      expect(await db.projects.get(v1.id)).toEqual({ ...v1, updatedAt: v1.createdAt });
    }
    // The new updatedAt index is filled: the list sorts by it, newest first.
    expect((await listProjects(db)).map((p) => p.id)).toEqual([DB_V1_IDS.CHURN, DB_V1_IDS.TRIAGE]);
  });

  it('turns free-text criteria into structured ones and keeps the unreadable line', async () => {
    const db = await openUpgraded();
    const canvas = await getCanvas(db, DB_V1_IDS.TRIAGE);
    expect(canvas.criteria).toEqual([
      { id: 'migrated-1', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 },
      { id: 'migrated-4', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200 },
    ]);
    expect(canvas.unparsedCriteria).toEqual(['customers are happy']);
    expect('criteriaText' in canvas).toBe(false);
    // Every non-blank line is somewhere: structured or carried along.
    const nonBlank = DB_V1.canvases[0].criteriaText.filter((l) => l.trim());
    expect(canvas.criteria.length + (canvas.unparsedCriteria?.length ?? 0)).toBe(nonBlank.length);
    // The rest of the canvas is untouched.
    expect(canvas.fields).toEqual(DB_V1.canvases[0].fields);
    expect(canvas.crispPhase).toBe('data-understanding');
    expect(canvas.updatedAt).toBe(DB_V1.canvases[0].updatedAt);
  });

  it('gives a canvas without criteria an empty list and a default phase', async () => {
    const db = await openUpgraded();
    const stored = await db.canvases.get(DB_V1_IDS.CHURN);
    expect(stored).toBeDefined();
    expect(stored?.criteria).toEqual([]);
    expect(stored?.crispPhase).toBe('business-understanding');
    expect(stored && 'unparsedCriteria' in stored).toBe(false);
    expect(stored && 'criteriaText' in stored).toBe(false);
  });

  it('keeps imports, dataset versions, rows and settings intact', async () => {
    const db = await openUpgraded();
    expect(await db.imports.toArray()).toEqual(DB_V1.imports);
    // v3 marks every earlier version as stored in full (they were), keeping every v1 field.
    expect(await listDatasetVersions(db, DB_V1_IDS.TRIAGE)).toEqual(
      DB_V1.datasetVersions.map((v) => ({ ...v, storage: 'full', baseId: null, depth: 0, storedRows: v.rowCount, removedKeys: [], change: 'import' })),
    );
    expect((await loadDatasetState(db, DB_V1.datasetVersions[0].id)).size).toBe(DB_V1.rows.length);
    const versionId = DB_V1.datasetVersions[0].id;
    expect(await countRows(db, versionId)).toBe(DB_V1.rows.length);
    // v3 moved the rows into blocks and v4 dropped the per-row table.
    expect(await storedRowCount(db)).toBe(DB_V1.rows.length);
    expect(db.tables.map((t) => t.name)).not.toContain('rows');
    const rows = await getRows(db, versionId, { offset: 0, limit: 100 });
    expect(rows).toEqual(DB_V1.rows.map(({ datasetVersionId: _v, index: _i, ...row }) => row));
    expect((await getRows(db, versionId, { offset: 2, limit: 2 })).map((r) => r.key)).toEqual(['T-3', 'T-4']);
    expect(await getSetting(db, 'sample.created', false)).toBe(true);
  });

  it('keeps the audit log and reads it per project, newest first, through the new index', async () => {
    const db = await openUpgraded();
    expect(await db.auditLog.count()).toBe(DB_V1.auditLog.length);
    const triage = await listAudit(db, DB_V1_IDS.TRIAGE);
    expect(triage.map((e) => e.at)).toEqual([
      '2025-10-03T10:00:00.000Z',
      '2025-10-02T09:00:00.000Z',
      '2025-10-01T08:00:00.000Z',
    ]);
    expect(triage.map(({ id: _id, seq: _seq, prevHash: _prev, hash: _hash, ...rest }) => rest)).toEqual(
      DB_V1.auditLog.filter((e) => e.projectId === DB_V1_IDS.TRIAGE).sort((a, b) => b.at.localeCompare(a.at)),
    );
    expect(await listAudit(db, DB_V1_IDS.TRIAGE, 1)).toHaveLength(1);
    expect((await listAudit(db, DB_V1_IDS.CHURN)).map((e) => e.action)).toEqual(['project.create']);
    expect(await db.auditLog.where('[projectId+at]').between([DB_V1_IDS.CHURN, ''], [DB_V1_IDS.CHURN, '\uffff']).count()).toBe(1);
  });

  it('upgrades only once: reopening the upgraded database changes nothing', async () => {
    const db = await openUpgraded();
    const snapshot = await Promise.all(db.tables.map((t) => t.toArray()));
    db.close();
    const again = new LifecycleDatabase(db.name);
    await again.open();
    expect(again.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await Promise.all(again.tables.map((t) => t.toArray()))).toEqual(snapshot);
    again.close();
  });
});

describe('upgrade from schema v4', () => {
  it('gives logged predictions an id from their row number and finds them by it', async () => {
    const name = `test-v4-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, ...SCHEMA_V4 });
    await v4.open();
    await v4.table('predictionLogs').bulkAdd([
      { projectId: 'p', deploymentId: 'd', modelVersionId: 'v', at: '2026-03-01T10:00:05Z', inputHash: 'h', label: 'Billing', confidence: 0.9, latencyMs: 1, status: 200 },
      { projectId: 'p', deploymentId: 'd', modelVersionId: 'v', at: '2026-03-01T10:00:06Z', inputHash: 'h', label: 'Billing', confidence: 0.9, latencyMs: 1, status: 200 },
    ]);
    v4.close();
    const db = new LifecycleDatabase(name);
    opened.push(db);
    await db.open();
    const logs = await db.predictionLogs.toArray();
    expect(logs.map((l) => l.predictionId)).toEqual([`p-row-${logs[0].id}`, `p-row-${logs[1].id}`]);
    expect(await db.predictionLogs.where('predictionId').equals(`p-row-${logs[1].id}`).count()).toBe(1);
  });
});

describe('upgrade from schema v5', () => {
  it('counts the requests behind the stored buckets: the texts of one request share its time and deployment', async () => {
    const name = `test-v5-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, ...SCHEMA_V4, ...SCHEMA_V5 });
    await v5.open();
    const log = (at: string, route: string) => ({ projectId: 'p', deploymentId: 'd', modelVersionId: 'v', at, inputHash: 'h', label: 'Billing', confidence: 0.9, latencyMs: 1, status: 200, route });
    // One request of three texts (and their shadow scores), then a request of one text.
    const batch = '2026-03-01T10:00:05.000Z';
    const logs = [log(batch, 'champion'), log(batch, 'champion'), log(batch, 'champion'), log(batch, 'shadow'), log(batch, 'shadow'), log(batch, 'shadow'), log('2026-03-01T10:00:09.000Z', 'champion')];
    await v5.table('predictionLogs').bulkAdd(logs);
    const start = Date.parse('2026-03-01T10:00:00Z');
    await v5.table('metricBuckets').add({ projectId: 'p', start, bucket: bucketizePredictions(logs as PredictionSample[])[0] });
    v5.close();
    const db = new LifecycleDatabase(name);
    opened.push(db);
    await db.open();
    const summary = summarize((await db.metricBuckets.get(['p', start]))!.bucket);
    expect(summary).toMatchObject({ requests: 2, predictions: 4, requestsByRoute: { '/api/v1/predict': 2 }, errorRate: 0, availability: 1 });
    expect(await db.requestLogs.count()).toBe(0);
  });
});

describe('upgrade from schema v6', () => {
  const files = (byte: number, name: string) => ({ modelTopology: { name }, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }], weightData: new Uint8Array(8).fill(byte).buffer, vectorizer: { vocabulary: [name] } });
  const version = (id: string, runId: string, n: number) => ({ id, projectId: 'p', modelName: 'router', version: n, runId, datasetVersionId: 'd', createdAt: `2026-03-0${n}T00:00:00Z`, description: '', tags: {}, aliases: [], archived: false, appVersion: 'test' });

  it('keeps each model’s files once, with its run: registered copies go, imported files move, nothing else is lost', async () => {
    const name = `test-v6-${crypto.randomUUID()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({ ...SCHEMA_V1, ...SCHEMA_V2, ...SCHEMA_V3, ...SCHEMA_V4, ...SCHEMA_V5, ...SCHEMA_V6 });
    await v6.open();
    await v6.table('modelVersions').bulkAdd([version('v-1', 'trained', 1), version('v-2', 'trained', 2), version('v-3', 'imported', 3), version('v-4', 'trained', 4)]);
    // A trained run registered twice: its files, and a copy per version.
    await v6.table('runArtifacts').add({ runId: 'trained', ...files(1, 'trained') });
    await v6.table('artifacts').bulkAdd([{ modelVersionId: 'v-1', ...files(1, 'trained') }, { modelVersionId: 'v-2', ...files(1, 'trained') }]);
    // An imported package: its files under its version only.
    await v6.table('artifacts').add({ modelVersionId: 'v-3', ...files(3, 'imported') });
    // Copies no code writes, carried along all the same: different from the run's files, and of a version that is gone.
    await v6.table('artifacts').bulkAdd([{ modelVersionId: 'v-4', ...files(4, 'odd') }, { modelVersionId: 'v-gone', ...files(5, 'gone') }]);
    v6.close();

    const db = new LifecycleDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('artifacts');
    const stored = await db.runArtifacts.toArray();
    expect(stored.map((r) => r.runId).sort()).toEqual(['imported', 'trained', 'version:v-4', 'version:v-gone']);
    // Every version reads its files through its run; the two registered versions share one record.
    const [v1, v2, v3] = (await db.modelVersions.bulkGet(['v-1', 'v-2', 'v-3'])).map((v) => v!);
    expect(await versionFiles(db, v1)).toEqual({ runId: 'trained', ...files(1, 'trained') });
    expect(await versionFiles(db, v2)).toEqual(await versionFiles(db, v1));
    expect(await versionFiles(db, v3)).toEqual({ runId: 'imported', ...files(3, 'imported') });
    expect(await db.runArtifacts.get('version:v-4')).toEqual({ runId: 'version:v-4', modelVersionId: 'v-4', ...files(4, 'odd') });
    expect(await db.runArtifacts.get('version:v-gone')).toEqual({ runId: 'version:v-gone', modelVersionId: 'v-gone', ...files(5, 'gone') });
  });
});
