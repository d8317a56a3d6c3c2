/**
 * Every past schema version, opened by today's database class: each fixture (tests/fixtures/db/
 * v1.json …) is written into a database created at exactly its version, then upgraded, and every
 * store must hold the fixture's records — unchanged, or converted the way the upgrades since that
 * version convert them (`converted` below, one step per schema version). What concerns the model
 * files (`artifacts`, `runArtifacts`) is asserted in one place, `expectModelFiles`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Table } from 'dexie';
import { currentRiskAssessment } from '$lib/db/riskAssessments';
import { LifecycleDatabase } from '$lib/db/database';
import { CURRENT_SCHEMA_VERSION } from '$lib/db/schema';
import { getCanvas } from '$lib/db/canvas';
import { getRows, listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { listModelVersions } from '$lib/db/registry';
import { summarize } from '$lib/core/monitor/query';
import { datasetVersionFacts } from '$lib/db/governanceFacts';
import { createDatabaseAt, DB_FIXTURES, revive, type DbFixture } from '../../fixtures/db/loadDbFixture';

type Stores = Record<string, Record<string, unknown>[]>;

const opened: LifecycleDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function openUpgraded(fixture: DbFixture): Promise<LifecycleDatabase> {
  const db = new LifecycleDatabase(await createDatabaseAt(fixture));
  opened.push(db);
  await db.open();
  return db;
}

const MODEL_FILE_STORES = ['artifacts', 'runArtifacts'];

/** A table's records in primary-key order, whatever order a list came in. */
function byKey(table: Table, records: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const path = table.schema.primKey.keyPath ?? [];
  const key = (r: Record<string, unknown>) => JSON.stringify((Array.isArray(path) ? path : [path]).map((p) => r[p]));
  return [...records].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * What each store must hold after upgrading a fixture of version `from` (model files aside): the
 * fixture's records with each upgrade after `from` applied to them, written out for this data.
 */
function converted(fixture: DbFixture): Stores {
  const s: Stores = revive(fixture.stores);
  const from = fixture.schemaVersion;
  if (from < 2) {
    for (const p of s.projects) p.updatedAt = p.createdAt;
    s.canvases = s.canvases.map(({ criteriaText: _text, ...c }) => ({ crispPhase: 'business-understanding', ...c, criteria: [] }));
    Object.assign(s.canvases[0], {
      criteria: [
        { id: 'migrated-1', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 },
        { id: 'migrated-3', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'one text' },
      ],
      unparsedCriteria: ['customers are happy'],
    });
  }
  if (from < 3) {
    const rowsOf = (id: string) => s.rows.filter((r) => r.datasetVersionId === id).map(({ datasetVersionId: _v, index: _i, ...row }) => row);
    s.rowBlocks = s.datasetVersions.map((v) => ({ datasetVersionId: v.id, block: 0, count: rowsOf(v.id as string).length, rowsJson: JSON.stringify(rowsOf(v.id as string)) }));
    for (const v of s.datasetVersions) {
      Object.assign(v, { storage: 'full', baseId: null, depth: 0, storedRows: v.rowCount, removedKeys: [], change: v.importId === 'imp-2' ? 'generate' : 'import' });
    }
  }
  if (from < 4) delete s.rows;
  if (from < 5) for (const log of s.predictionLogs) log.predictionId = `p-row-${log.id as number}`;
  if (from < 6 && s.metricBuckets) {
    // Two served predict requests in the minute: two texts at :05, one at :30 (shadow scores do not count).
    s.metricBuckets[0].bucket = {
      ...(s.metricBuckets[0].bucket as object),
      calls: {
        requests: 2,
        status: { informational: 0, success: 2, redirect: 0, clientError: 0, serverError: 0, failed: 0 },
        routes: { '/api/v1/predict': 2 },
        codes: {},
        versions: { 'mv-1': { requests: 2, errors: 0 } },
      },
    };
  }
  if (from < 8) {
    // Each project's audit log chained in id order; hashes computed with Python's hashlib.
    const chain = [
      { seq: 1, prevHash: '0'.repeat(64), hash: '5fed4dafbb771907a971c7ef9a13ef0723cb23188d9c2e0a069dc91e524951a6' },
      { seq: 2, prevHash: '5fed4dafbb771907a971c7ef9a13ef0723cb23188d9c2e0a069dc91e524951a6', hash: '91b2a1b36d3044330839701ba47237f26d8d9992df45065d8e78a221117448be' },
    ];
    s.auditLog.forEach((entry, i) => Object.assign(entry, chain[i]));
  }
  for (const store of MODEL_FILE_STORES) delete s[store];
  return s;
}

/**
 * The one place that says where a version's model files are after the upgrade, and that their
 * bytes survive: since v7 once per run — a registered run's copy (v4–v6 kept both) is dropped, an
 * imported package's (run-2, which had only the version's copy) moves to its run.
 */
async function expectModelFiles(db: LifecycleDatabase, fixture: DbFixture): Promise<void> {
  const stores = revive(fixture.stores);
  const byRun = new Map<string, Record<string, unknown>>();
  for (const record of stores.runArtifacts ?? []) byRun.set(record.runId as string, record);
  for (const { modelVersionId, ...files } of stores.artifacts ?? []) {
    const runId = stores.modelVersions.find((v) => v.id === modelVersionId)!.runId as string;
    if (!byRun.has(runId)) byRun.set(runId, { ...files, runId });
  }
  const table = db.table('runArtifacts');
  const expected = byKey(table, [...byRun.values()]);
  const actual = byKey(table, await table.toArray());
  expect(actual.map((r) => r.runId)).toEqual(['run-1', 'run-2']);
  expect(actual).toEqual(expected);
  for (const [i, record] of actual.entries()) {
    expect(Array.from(new Float32Array(record.weightData as ArrayBuffer))).toEqual(Array.from(new Float32Array(expected[i].weightData as ArrayBuffer)));
  }
}

describe('database fixtures of every past schema version', () => {
  it('has a fixture for every schema version up to the current one', () => {
    expect(DB_FIXTURES.map((f) => f.schemaVersion)).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  describe.each(DB_FIXTURES.map((fixture) => [fixture.schemaVersion, fixture] as const))('schema v%i', (version, fixture) => {
    it('opens at the current version with every record kept or converted', async () => {
      const db = await openUpgraded(fixture);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      const expected = converted(fixture);
      for (const table of db.tables) {
        if (MODEL_FILE_STORES.includes(table.name)) continue;
        expect(byKey(table, await table.toArray()), table.name).toEqual(byKey(table, expected[table.name] ?? []));
      }
      // Stores of the fixture that today's schema no longer has were all converted above.
      expect(Object.keys(expected).filter((name) => !db.tables.some((t) => t.name === name))).toEqual([]);
      await expectModelFiles(db, fixture);
    });

    it('reads back through the repositories: criteria, versions with their rows, models, traffic', async () => {
      const db = await openUpgraded(fixture);
      const canvas = await getCanvas(db, 'p-fx-triage');
      expect(canvas.criteria.map((c) => [c.metric, c.comparator, c.threshold])).toEqual([['accuracy', '>=', 0.9], ['latency_p99_ms', '<=', 200]]);
      expect(canvas.unparsedCriteria).toEqual(['customers are happy']);
      const versions = await listDatasetVersions(db, 'p-fx-triage');
      expect(versions.map((v) => v.number)).toEqual(version >= 3 ? [2, 1] : [1]);
      expect((await getRows(db, 'dv-1', { offset: 0, limit: 10 })).map((r) => [r.key, r.label])).toEqual([
        ['T-1', 'Billing'], ['T-2', 'Technical Issue'], ['T-3', 'General Inquiry'], ['T-4', 'Billing'], ['T-5', null],
      ]);
      if (version >= 3) expect((await loadDatasetState(db, 'dv-2')).rows.find((r) => r.key === 'T-5')?.label).toBe('Technical Issue');
      expect((await getRows(db, 'dv-ctr', { offset: 0, limit: 10 })).map((r) => r.key)).toEqual(['c-1', 'c-2']);
      expect((await listModelVersions(db, 'p-fx-triage')).map((v) => [v.version, v.aliases])).toEqual([[2, ['challenger']], [1, ['champion']]]);
      if (version >= 4) {
        const summary = summarize((await db.metricBuckets.get(['p-fx-triage', Date.parse('2026-02-01T10:00:00.000Z')]))!.bucket);
        expect(summary).toMatchObject({ requests: version >= 6 ? 3 : 2, predictions: 3 });
      }
      // From v10 the Data Ethics Review's evidence of dv-2 is stored; before, nothing is.
      const facts = await datasetVersionFacts(db, version >= 3 ? 'dv-2' : 'dv-1');
      if (version >= 10) {
        expect(facts.checks).toMatchObject({ contentHash: facts.contentHash, imbalanceWarnings: 1, nearDuplicateConflicts: 1 });
        expect(facts.reviews.map((r) => [r.check, r.by, r.note])).toEqual([['class-balance', 'Lee', 'Billing is rare on purpose']]);
        expect(facts.answers).toMatchObject({ intendedUse: 'Route requests to a team', consent: '', by: 'Lee' });
      } else {
        expect([facts.checks, facts.reviews, facts.answers]).toEqual([null, [], null]);
      }
      // From v11 the risk questionnaire's answers are stored; before, the project is not assessed.
      expect((await currentRiskAssessment(db, 'p-fx-triage'))?.tier).toBe(version >= 11 ? 'high' : undefined);
    });

    it('upgrades once: reopening changes nothing', async () => {
      const db = await openUpgraded(fixture);
      const before = await Promise.all(db.tables.map((t) => t.toArray()));
      db.close();
      const again = new LifecycleDatabase(db.name);
      await again.open();
      expect(await Promise.all(again.tables.map((t) => t.toArray()))).toEqual(before);
      again.close();
    });
  });
});
