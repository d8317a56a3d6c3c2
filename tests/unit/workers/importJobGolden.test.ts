import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { loadDatasetState } from '$lib/db/datasets';
import { hashRows } from '$lib/core/data/hash';
import { ImportJob } from '$lib/workers/importJob';
import { freshDbsPerTest } from '../db/testDb';
import { testContext } from './rpcContext';
import { messyTicketsCsv, sensorCsv } from './messyCsv';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = open();
  project = await createProject(db, { name: 'Golden' });
});

const dates = { earliestYear: 1990, now: '2026-12-04T00:00:00.000Z' };

async function importCsv(csv: string, decisions = {}) {
  const job = new ImportJob(db);
  const parsed = await job.parse({ type: 'parse', file: new Blob([csv]), fileName: 'golden.csv', delimiter: 'auto', encoding: 'auto' }, testContext());
  await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
  return job.commit({ type: 'commit', projectId: project.id, decisions, message: '' }, testContext());
}

// Content hashes are stored and compared across versions, snapshots and exports: the same rows
// must keep the same hash whatever the import pipeline does. These values were computed before
// the pipeline was rewritten (commit f336a15).
describe('the content hash of an imported file', () => {
  it('stays what it was for a messy ticket file', async () => {
    const result = await importCsv(messyTicketsCsv(400));
    expect(result.kept).toBe(GOLDEN.tickets.kept);
    expect(result.version.contentHash).toBe(GOLDEN.tickets.hash);
    const state = await loadDatasetState(db, result.version.id);
    expect(hashRows(state.rows)).toBe(GOLDEN.tickets.hash);
  });

  it('stays what it was with merged label variants, truncated long texts and unlabelled conflicts', async () => {
    const result = await importCsv(messyTicketsCsv(400), { 'label-variant': 'merge', 'long-text': 'truncate', 'conflicting-duplicate': 'unlabel', 'exact-duplicate': 'keep', 'duplicate-id': 'keep', 'missing-label': 'keep' });
    expect(result.kept).toBe(GOLDEN.decided.kept);
    expect(result.version.contentHash).toBe(GOLDEN.decided.hash);
  });

  it('stays what it was for a file that is not about tickets', async () => {
    const result = await importCsv(sensorCsv(300));
    expect(result.kept).toBe(GOLDEN.sensors.kept);
    expect(result.version.contentHash).toBe(GOLDEN.sensors.hash);
  });
});

/**
 * The job works out the default outcome once the file is read (it is told the dates then), while
 * the person looks at the columns: a macrotask after the parse's answer. Timers of the same delay
 * run in the order they were set, so awaiting one set later lets that work run first.
 */
const afterPreparation = () => new Promise((resolve) => setTimeout(resolve, 0));

async function importPrepared(csv: string, decisions = {}, checkDates = dates) {
  const job = new ImportJob(db);
  const parsed = await job.parse({ type: 'parse', file: new Blob([csv]), fileName: 'golden.csv', delimiter: 'auto', encoding: 'auto', dates }, testContext());
  await afterPreparation();
  const report = await job.validate({ type: 'validate', mapping: parsed.suggested, dates: checkDates });
  return { report, result: await job.commit({ type: 'commit', projectId: project.id, decisions, message: '' }, testContext()) };
}

describe('an import whose default outcome was worked out while the person looked', () => {
  it('stores the same rows and hash as one worked out at the commit', async () => {
    const { result } = await importPrepared(messyTicketsCsv(400));
    expect(result.kept).toBe(GOLDEN.tickets.kept);
    expect(result.version.contentHash).toBe(GOLDEN.tickets.hash);
    expect(hashRows((await loadDatasetState(db, result.version.id)).rows)).toBe(GOLDEN.tickets.hash);
  });

  it('applies the choices the person made instead, when they are not the defaults', async () => {
    const { result } = await importPrepared(messyTicketsCsv(400), { 'label-variant': 'merge', 'long-text': 'truncate', 'conflicting-duplicate': 'unlabel', 'exact-duplicate': 'keep', 'duplicate-id': 'keep', 'missing-label': 'keep' });
    expect(result.kept).toBe(GOLDEN.decided.kept);
    expect(result.version.contentHash).toBe(GOLDEN.decided.hash);
  });

  it('checks with the dates of the check, not those the file was read with', async () => {
    const implausible = (r: Awaited<ReturnType<typeof importPrepared>>['report']) => r.categories.find((c) => c.category === 'implausible-date')?.count ?? 0;
    const asRead = await importPrepared(messyTicketsCsv(400));
    const later = await importPrepared(messyTicketsCsv(400), {}, { ...dates, earliestYear: 2025 });
    expect(implausible(later.report)).toBeGreaterThan(implausible(asRead.report));
    // An implausible date is kept out of the row by default: the rows follow the check's dates.
    const before2025 = async (r: Awaited<ReturnType<typeof importPrepared>>['result']) =>
      (await loadDatasetState(db, r.version.id)).rows.filter((row) => row.timestamp !== undefined && row.timestamp < '2025').length;
    expect(await before2025(asRead.result)).toBeGreaterThan(0);
    expect(await before2025(later.result)).toBe(0);
  });
});

const GOLDEN = {
  tickets: { kept: 352, hash: '4fd39caedfb215025177e4512b8a920a' },
  decided: { kept: 385, hash: 'ce64da257e6888be604075dc12ee15dc' },
  sensors: { kept: 251, hash: 'f34a9ed9bcfe3370a7d5ddc02810a255' },
};
