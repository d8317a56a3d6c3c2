/**
 * Row blocks in both stored forms: columns (written now) and one JSON string per block (written
 * before, by the frozen v3 writer here, or for rows the columns cannot hold exactly). Every
 * reader takes both; a write keeps several requests in flight within one transaction.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DataRow } from '$lib/core/data/dataset';
import type { RowBlockRecord } from '$lib/db/records';
import { createProject, deleteProject } from '$lib/db/projects';
import { createDatasetVersion, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { createRng, pick, randomInt } from '$lib/core/random';
import { countStoredRows, readRowBlocks, readRowRange, ROW_BLOCK_SIZE, writeRowBlocks } from '$lib/db/rowBlocks';
import { toBlocksV3 } from '$lib/db/migrations/frozen/v3RowBlocks';
import { exportSnapshot } from '$lib/db/snapshot';
import { snapshotImportJob } from '$lib/workers/snapshotJobs';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { freshDbsPerTest, makeRows } from './testDb';

const fresh = freshDbsPerTest();

/** Rows with every optional field present or absent, unicode and odd metadata, at the given places among plain rows. */
function awkwardRows(n: number, at: readonly number[]): DataRow[] {
  const odd: DataRow[] = [
    { key: 'odd-0', text: 'plain', label: 'x', meta: {} },
    { key: 'odd-1', text: 'Grüße 😀 — 日本語 "quoted"\nsecond line\u0000', label: null, timestamp: '2026-01-02T00:00:00.000Z', split: 'test', meta: { channel: 'chat', n: 3, z: null } },
    { key: 'odd-2', text: '', label: '', split: 'train', meta: { n: -0.5, 'ünï cödé': 'ç' } },
    { key: 'odd-3', text: 'lone \ud800 surrogate', label: 'x', meta: JSON.parse('{"__proto__": "an own field", "channel": "email"}') as DataRow['meta'] },
    { key: 'odd-4', text: 'meta column undefined here', label: 'y', timestamp: '2026-01-03T00:00:00.000Z', meta: { channel: undefined as unknown as null, tier: 'pro' } },
  ];
  const rows: DataRow[] = makeRows(n);
  at.forEach((index, i) => (rows[index] = odd[i % odd.length]));
  return rows;
}

/** What JSON blocks gave back: the rows as JSON round-trips them (undefined fields dropped). */
function asJsonGave(rows: readonly DataRow[]): DataRow[] {
  return JSON.parse(JSON.stringify(rows)) as DataRow[];
}

async function blocksOf(db: LifecycleDatabase, versionId: string): Promise<RowBlockRecord[]> {
  return db.rowBlocks.where('datasetVersionId').equals(versionId).sortBy('block');
}

/** Counts the row-block write requests IndexedDB has in flight (a Dexie middleware, so transactions stay intact). */
function watchRequests(db: LifecycleDatabase): { inFlight: number; most: number } {
  const seen = { inFlight: 0, most: 0 };
  db.use({
    stack: 'dbcore',
    name: 'watchRequests',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'rowBlocks') return table;
        return {
          ...table,
          mutate: (request) => {
            seen.most = Math.max(seen.most, ++seen.inFlight);
            return table.mutate(request).finally(() => seen.inFlight--);
          },
        };
      },
    }),
  });
  return seen;
}

/** Blocks as they were stored before columns: the frozen writer of schema v3, JSON strings of 2,000 rows. */
const jsonBlocks = (versionId: string, rows: readonly DataRow[]) => toBlocksV3(versionId, rows.map((r) => ({ ...r })));

const isColumns = (b: RowBlockRecord) => !('rowsJson' in b) && b.v === 2;

/** Seeded rows with every optional field present or absent, awkward strings and metadata of every kind. */
function randomRows(seed: string, n: number): DataRow[] {
  const rng = createRng(seed);
  const units = ['a', 'b', ' ', 'é', 'ÿ', '€', '日', '😀', '\ud800', '\udc00', '"', '\n'];
  const text = (most: number) => Array.from({ length: randomInt(rng, 0, most) }, () => pick(rng, rng() < 0.9 ? units.slice(0, 5) : units)).join('');
  const metaValue = () => pick(rng, [() => null, () => randomInt(rng, -5, 5) / 2, () => text(6), () => pick(rng, ['chat', 'email', 'phone'])])();
  return Array.from({ length: n }, (_, i) => {
    const row: DataRow = { key: `k${i}${text(3)}`, text: text(120), label: rng() < 0.1 ? null : pick(rng, ['A', 'B', '', 'Ç']), meta: {} };
    if (rng() < 0.7) row.timestamp = new Date(Date.UTC(2026, 0, 1) + randomInt(rng, 0, 1e9)).toISOString();
    if (rng() < 0.5) row.split = pick(rng, ['train', 'validation', 'test'] as const);
    for (const name of ['channel', 'n', '__proto__', 'ünï']) {
      if (rng() < 0.6) Object.defineProperty(row.meta, name, { value: metaValue(), writable: true, enumerable: true, configurable: true });
    }
    return row;
  });
}

/** Reads `rows` back through every reader, over ranges that start, end and cross block edges. */
async function expectReadsBack(db: LifecycleDatabase, versionId: string, rows: readonly DataRow[]): Promise<void> {
  expect((await readRowBlocks(db, [versionId])).get(versionId)).toStrictEqual(rows);
  expect(await countStoredRows(db, versionId)).toBe(rows.length);
  const edge = ROW_BLOCK_SIZE;
  for (const [offset, limit] of [[0, 3], [edge - 2, 4], [edge - 1, 1], [edge, 1], [edge - 1, edge + 2], [rows.length - 3, 10], [rows.length, 5], [1, rows.length]]) {
    expect(await readRowRange(db, versionId, offset, limit), `rows ${offset} + ${limit}`).toStrictEqual(rows.slice(offset, offset + limit));
  }
}

describe('row blocks', () => {
  it('stores rows as columns and reads them back deep-equal: absent fields stay absent, unicode intact', async () => {
    const db = fresh();
    const edge = ROW_BLOCK_SIZE;
    const rows = awkwardRows(2 * edge + 7, [0, 1, edge - 1, edge, edge + 1, 2 * edge + 6]);
    await db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'v', rows));
    const blocks = await blocksOf(db, 'v');
    expect(blocks.map((b) => [b.block, b.count])).toEqual([[0, edge], [1, edge], [2, 7]]);
    expect(blocks.every(isColumns)).toBe(true);
    await expectReadsBack(db, 'v', asJsonGave(rows));
    const [odd3] = await readRowRange(db, 'v', edge, 1);
    expect(Object.getPrototypeOf(odd3.meta)).toBe(Object.prototype);
    expect(Object.keys(odd3.meta)).toEqual(['__proto__', 'channel']);
  });

  it('gives back seeded random rows deep-equal through every reader: empty, two-byte, astral and lone-surrogate text, null labels, absent fields, meta of every kind', async () => {
    const db = fresh();
    for (const seed of ['rows-1', 'rows-2']) {
      const rows = randomRows(seed, 2 * ROW_BLOCK_SIZE + 321);
      expect(rows.some((r) => r.text === '') && rows.some((r) => /\ud800(?![\udc00-\udfff])/.test(r.text)) && rows.some((r) => r.label === null)).toBe(true);
      await db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, seed, rows));
      expect((await blocksOf(db, seed)).every(isColumns)).toBe(true);
      await expectReadsBack(db, seed, rows);
      const back = (await readRowBlocks(db, [seed])).get(seed)!;
      // "__proto__" is an own field wherever written, and nothing absent became present (the
      // metadata names come in the block's order of first appearance).
      back.forEach((row, i) => {
        expect(Object.keys(row.meta).sort()).toEqual(Object.keys(rows[i].meta).sort());
        expect('timestamp' in row).toBe('timestamp' in rows[i]);
        expect('split' in row).toBe('split' in rows[i]);
      });
    }
  });

  it('reads blocks stored as JSON before columns, and a version whose blocks mix both forms', async () => {
    const db = fresh();
    const edge = ROW_BLOCK_SIZE;
    const rows = asJsonGave(awkwardRows(2 * edge + 3, [3, edge - 1, edge, 2 * edge + 2]));
    await db.rowBlocks.bulkAdd(jsonBlocks('old', rows));
    await expectReadsBack(db, 'old', rows);
    // Block 1 as JSON between column blocks (a block whose rows the columns cannot hold is written so).
    await db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'mixed', rows));
    await db.rowBlocks.put(jsonBlocks('mixed', rows)[1]);
    expect((await blocksOf(db, 'mixed')).map(isColumns)).toEqual([true, false, true]);
    await expectReadsBack(db, 'mixed', rows);
  });

  it('keeps a block whose rows the columns cannot hold exactly as JSON, the other blocks as columns', async () => {
    const db = fresh();
    const rows = makeRows(ROW_BLOCK_SIZE + 5);
    const extra = { ...rows[ROW_BLOCK_SIZE + 1], note: 'a field rows do not have' };
    rows[ROW_BLOCK_SIZE + 1] = extra;
    await db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'v', rows));
    expect((await blocksOf(db, 'v')).map(isColumns)).toEqual([true, false]);
    expect(await readRowRange(db, 'v', ROW_BLOCK_SIZE + 1, 1)).toStrictEqual([extra]);
    // A value neither form can store still fails the write, as before.
    const bad = makeRows(3).map((r, i) => (i === 1 ? { ...r, meta: { n: 10n as unknown as number } } : r));
    await expect(db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'bad', bad))).rejects.toThrow(/BigInt/);
    expect(await countStoredRows(db, 'bad')).toBe(0);
  });

  it('replays a delta stored as columns on a base stored as JSON', async () => {
    const db = fresh();
    const project = await createProject(db, { name: 'Mixed' });
    const rows = makeRows(ROW_BLOCK_SIZE + 10);
    const base = await createDatasetVersion(db, { projectId: project.id, source: { name: 'a.csv' }, message: 'import', schema: [], rows });
    // The base as a database written before columns holds it.
    await db.rowBlocks.where('datasetVersionId').equals(base.id).delete();
    await db.rowBlocks.bulkAdd(jsonBlocks(base.id, rows));
    const state = await loadDatasetState(db, base.id);
    const relabelled = { ...rows[ROW_BLOCK_SIZE + 1], label: 'c' };
    const delta = await writeDerivedVersion(db, { parent: base, state, delta: { upserts: [relabelled], removedKeys: ['r0'] }, message: 'relabel', change: 'label' });
    expect((await blocksOf(db, delta.id)).map(isColumns)).toEqual([true]);
    const expected = rows.slice(1).map((r) => (r.key === relabelled.key ? relabelled : r));
    expect((await loadDatasetState(db, delta.id)).rows).toStrictEqual(expected);
  });

  it('keeps several batches in flight in one transaction, reporting progress in order', async () => {
    const db = fresh();
    const requests = watchRequests(db);
    const rows = makeRows(30 * ROW_BLOCK_SIZE + 1);
    const progress: number[] = [];
    await db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'v', rows, (written, total) => {
      expect(total).toBe(rows.length);
      progress.push(written);
    }));
    expect(requests.most).toBeGreaterThan(1);
    expect(requests.most).toBeLessThanOrEqual(4);
    expect(progress.at(-1)).toBe(rows.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(await countStoredRows(db, 'v')).toBe(rows.length);
  }, 30_000);

  it('writes nothing when the progress callback throws while later batches are in flight', async () => {
    const db = fresh();
    const requests = watchRequests(db);
    const rows = makeRows(30 * ROW_BLOCK_SIZE);
    let inFlightAtThrow = 0;
    const write = db.transaction('rw', db.rowBlocks, () => writeRowBlocks(db, 'v', rows, () => {
      inFlightAtThrow = requests.inFlight;
      throw new Error('progress listener broke');
    }));
    await expect(write).rejects.toThrow('progress listener broke');
    expect(inFlightAtThrow).toBeGreaterThan(0);
    expect(await db.rowBlocks.count()).toBe(0);
  }, 30_000);

  it('are deleted with their project, in either form', async () => {
    const db = fresh();
    const [doomed, kept] = [await createProject(db, { name: 'Doomed' }), await createProject(db, { name: 'Kept' })];
    const version = (projectId: string) => createDatasetVersion(db, { projectId, source: { name: 'a.csv' }, message: 'import', schema: [], rows: makeRows(ROW_BLOCK_SIZE + 1) });
    const [columns, keptVersion] = [await version(doomed.id), await version(kept.id)];
    await db.rowBlocks.bulkAdd(jsonBlocks('json-version', makeRows(3)));
    await db.datasetVersions.put({ ...columns, id: 'json-version', number: 2 });
    await deleteProject(db, doomed.id);
    expect(await countStoredRows(db, columns.id)).toBe(0);
    expect(await countStoredRows(db, 'json-version')).toBe(0);
    expect(await countStoredRows(db, keptVersion.id)).toBe(ROW_BLOCK_SIZE + 1);
  });
});

describe('row blocks and snapshots', () => {
  it('imports a snapshot exported before columns, stores its rows as columns and exports them as in the file', async () => {
    const db = fresh();
    const file = readFileSync(new URL('../../fixtures/snapshot/support-triage-v3.json', import.meta.url));
    const doc = JSON.parse(file.toString('utf8')) as SnapshotDocument;
    const result = await snapshotImportJob(db, new Blob([file]), 'Ana');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const blocks = await db.rowBlocks.toArray();
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every(isColumns)).toBe(true);
    const exported = await exportSnapshot(db, result.project.id, { includeRows: true });
    const rowsOf = (d: SnapshotDocument) => d.datasets.versions.map((v) => v.rows);
    expect(rowsOf(exported)).toStrictEqual(rowsOf(doc));
    // The file format is unchanged: the rows' text is the file's, field for field.
    expect(JSON.stringify(rowsOf(exported))).toBe(JSON.stringify(rowsOf(doc)));
  });
});
