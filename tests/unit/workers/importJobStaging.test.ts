/**
 * The import's default outcome stored ahead of the commit (workers/importJob.ts `#stage`,
 * db/stagedRows.ts): confirming the defaults writes only the version record under the id the rows
 * were stored under; every other ending deletes them, leaving the database as it was.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject, deleteProject } from '$lib/db/projects';
import { loadDatasetState } from '$lib/db/datasets';
import { countStoredRows } from '$lib/db/rowBlocks';
import { STAGING_LOCK } from '$lib/db/stagedRows';
import { ImportJob } from '$lib/workers/importJob';
import type { DataProgress, DataRequest } from '$lib/workers/dataProtocol';
import { everyRecord, freshDbsPerTest } from '../db/testDb';
import { FakeLocks } from '../db/fakeLocks';
import { testContext } from './rpcContext';
import { messyTicketsCsv } from './messyCsv';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let project: ProjectRecord;
let locks: FakeLocks;

beforeEach(async () => {
  db = open();
  project = await createProject(db, { name: 'Tickets' });
  locks = new FakeLocks();
  vi.stubGlobal('navigator', { locks });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const dates = { earliestYear: 1990, now: '2026-12-04T00:00:00.000Z' };
const commitRequest = (decisions = {}): Extract<DataRequest, { type: 'commit' }> => ({ type: 'commit', projectId: project.id, decisions, message: '' });

/**
 * A job that read `csv` with the dates and answered the check; resolves once it began storing
 * the default outcome's rows, with the id they are stored under.
 */
async function staging(csv: string) {
  const job = new ImportJob(db);
  const granted = locks.nextGrant(STAGING_LOCK);
  const parsed = await job.parse({ type: 'parse', file: new Blob([csv]), fileName: 'tickets.csv', delimiter: 'auto', encoding: 'auto', dates }, testContext());
  // As the page shows the columns, the job turns to the default outcome (a task it queued).
  await new Promise((resolve) => setTimeout(resolve, 0));
  await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
  const versionId = (await granted).slice(STAGING_LOCK.length);
  return { job, parsed, versionId };
}

/** Every row block belongs to a version. */
async function noLooseBlocks(): Promise<void> {
  const versions = new Set(await db.datasetVersions.toCollection().primaryKeys());
  const owners = (await db.rowBlocks.orderBy('datasetVersionId').uniqueKeys()) as string[];
  expect(owners.filter((id) => !versions.has(id))).toEqual([]);
}

describe('the default outcome stored ahead of the commit', () => {
  it('is what confirming the defaults commits: the version takes the id its rows were stored under', async () => {
    const csv = messyTicketsCsv(45_000);
    const { job, versionId } = await staging(csv);
    const seen: DataProgress[] = [];
    const ctx = testContext();
    ctx.progress = (p) => seen.push(p);
    const result = await job.commit(commitRequest(), ctx);
    expect(result.version.id).toBe(versionId);
    expect(result.kept).toBeGreaterThan(32_000);
    const writes = seen.filter((p) => p.phase === 'write' && p.step === undefined).map((p) => p.done);
    expect(writes.at(-1)).toBe(result.kept);
    expect(writes).toEqual([...writes].sort((a, b) => a - b));
    expect(locks.isHeld(STAGING_LOCK + versionId)).toBe(false);
    // The same rows and hash as a commit that writes them itself (no Web Locks: nothing staged).
    vi.stubGlobal('navigator', {});
    const plain = new ImportJob(db);
    const parsed = await plain.parse({ type: 'parse', file: new Blob([csv]), fileName: 'tickets.csv', delimiter: 'auto', encoding: 'auto', dates }, testContext());
    await plain.validate({ type: 'validate', mapping: parsed.suggested, dates });
    const reference = await plain.commit(commitRequest(), testContext());
    expect(result.version.contentHash).toBe(reference.version.contentHash);
    expect((await loadDatasetState(db, versionId)).rows).toStrictEqual((await loadDatasetState(db, reference.version.id)).rows);
    await noLooseBlocks();
  }, 60_000);

  it('is deleted on Discard, another file, another mapping, and other choices', async () => {
    const csv = messyTicketsCsv(3_000);
    const before = await everyRecord(db);

    const discarded = await staging(csv);
    await discarded.job.discard();
    expect(await everyRecord(db)).toEqual(before);

    const another = await staging(csv);
    await another.job.parse({ type: 'parse', file: new Blob(['id,text\n1,hello\n']), fileName: 'other.csv', delimiter: 'auto', encoding: 'auto' }, testContext());
    await another.job.settled();
    expect(await everyRecord(db)).toEqual(before);

    // Checked with other columns: that outcome's rows go (its own default outcome may be stored next).
    const remapped = await staging(csv);
    await remapped.job.validate({ type: 'validate', mapping: { ...remapped.parsed.suggested, labelColumn: null }, dates });
    await remapped.job.settled();
    expect(await countStoredRows(db, remapped.versionId)).toBe(0);
    expect(locks.isHeld(STAGING_LOCK + remapped.versionId)).toBe(false);
    await remapped.job.discard();
    expect(await everyRecord(db)).toEqual(before);

    const chosen = await staging(csv);
    const result = await chosen.job.commit(commitRequest({ 'exact-duplicate': 'keep', 'missing-label': 'keep' }), testContext());
    await chosen.job.settled();
    expect(result.version.id).not.toBe(chosen.versionId);
    await noLooseBlocks();
    expect(locks.granted.filter((n) => n.startsWith(STAGING_LOCK)).every((n) => !locks.isHeld(n))).toBe(true);
  });

  it('is deleted when the commit is cancelled or fails, leaving the database as it was', async () => {
    const csv = messyTicketsCsv(3_000);
    const before = await everyRecord(db);
    const cancelled = await staging(csv);
    const ctx = testContext();
    ctx.progress = (p) => p.phase === 'write' && ctx.cancel();
    await expect(cancelled.job.commit(commitRequest(), ctx)).rejects.toThrow('Cancelled');
    expect(await everyRecord(db)).toEqual(before);

    const failed = await staging(csv);
    await deleteProject(db, project.id);
    await expect(failed.job.commit(commitRequest(), testContext())).rejects.toThrow('That project no longer exists.');
    expect(await db.rowBlocks.count()).toBe(0);
    expect(await db.datasetVersions.count()).toBe(0);
    expect(locks.isHeld(STAGING_LOCK + failed.versionId)).toBe(false);
  });
});
