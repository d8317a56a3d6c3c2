import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { ImportJob } from '$lib/workers/importJob';
import { DatasetState } from '$lib/core/data/datasetState';
import { RecordValidator } from '$lib/core/data/validation';
import type { DataRequest } from '$lib/workers/dataProtocol';
import { everyRecord, freshDbsPerTest, storedRowCount } from '../db/testDb';
import { testContext } from './rpcContext';
import { messyTicketsCsv } from './messyCsv';
import type { DataProgress } from '$lib/workers/dataProtocol';
import type { ColumnMapping } from '$lib/core/data/dataset';

/** A context that cancels the request once `when` holds for a progress report. */
function cancelWhen(when: (p: DataProgress) => boolean) {
  const ctx = testContext();
  const progress = ctx.progress;
  ctx.progress = (p) => {
    progress(p);
    if (when(p)) ctx.cancel();
  };
  return ctx;
}

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = open();
  project = await createProject(db, { name: 'Sensors' });
});

const CSV = 'id,reading,label\r\n1,fan noise at 40 dB,normal\r\n2,temperature 95 C,alarm\r\n3,,normal\r\n';
const parseRequest = (csv = CSV, fileName = 'readings.csv'): Extract<DataRequest, { type: 'parse' }> => ({
  type: 'parse', file: new Blob([csv]), fileName, delimiter: 'auto', encoding: 'auto',
});
const dates = { earliestYear: 1990, now: '2026-12-04T00:00:00.000Z' };
const commitRequest = (message = ''): Extract<DataRequest, { type: 'commit' }> => ({ type: 'commit', projectId: project.id, decisions: {}, message });

/** Parses and checks CSV with the suggested mapping: the job waits at 'validated'. */
async function validated(job: ImportJob, csv = CSV, fileName?: string) {
  const parsed = await job.parse(parseRequest(csv, fileName), testContext());
  return job.validate({ type: 'validate', mapping: parsed.suggested, dates });
}

describe('the import job', () => {
  it('goes idle → parsed → validated → idle, writing the checked file as a version with progress', async () => {
    const job = new ImportJob(db);
    expect(job.step).toBe('idle');
    const parsed = await job.parse(parseRequest(), testContext());
    expect(job.step).toBe('parsed');
    expect(parsed).toMatchObject({ fileName: 'readings.csv', header: ['id', 'reading', 'label'], records: 3 });
    const report = await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
    expect(job.step).toBe('validated');
    expect(report.categories.find((c) => c.category === 'empty-text')).toMatchObject({ count: 1, lines: [4] });
    const ctx = testContext();
    const result = await job.commit(commitRequest(), ctx);
    expect(job.step).toBe('idle');
    expect(result).toMatchObject({ kept: 2, excludedCount: 1, excluded: [{ line: 4, reasons: ['empty-text'] }] });
    expect(result.version).toMatchObject({ number: 1, parentId: null, message: 'Imported readings.csv', rowCount: 2 });
    expect(ctx.phases).toContain('write');
    expect((await loadDatasetState(db, result.version.id)).rows.map((r) => [r.key, r.label])).toEqual([['1', 'normal'], ['2', 'alarm']]);
  });

  it('refuses a request that arrives in the wrong step, saying what to do, and writes nothing', async () => {
    const job = new ImportJob(db);
    await expect(job.validate({ type: 'validate', mapping: { textColumns: ['reading'], labelColumn: null, timestampColumn: null, idColumn: null, metaTypes: {} }, dates }))
      .rejects.toThrow('No file is waiting to be imported. Choose the file again.');
    await expect(job.commit(commitRequest(), testContext())).rejects.toThrow('No file is waiting to be imported. Choose the file again.');
    await job.parse(parseRequest(), testContext());
    await expect(job.commit(commitRequest(), testContext())).rejects.toThrow('Check the file before importing it.');
    expect(job.step).toBe('parsed');
    expect(await db.datasetVersions.count()).toBe(0);
  });

  it('drops the report of a check that fails, so an older report is never committed', async () => {
    const job = new ImportJob(db);
    await validated(job);
    const bad = { textColumns: ['nope'], labelColumn: null, timestampColumn: null, idColumn: null, metaTypes: {} };
    await expect(job.validate({ type: 'validate', mapping: bad, dates })).rejects.toThrow('There is no column “nope” in the file.');
    expect(job.step).toBe('parsed');
    await expect(job.commit(commitRequest(), testContext())).rejects.toThrow('Check the file before importing it.');
  });

  it('forgets the file on discard and on a failed parse', async () => {
    const job = new ImportJob(db);
    await validated(job);
    expect(await job.discard()).toBeNull();
    expect(job.step).toBe('idle');
    await validated(job);
    await expect(job.parse(parseRequest('id,reading\r\n'), testContext())).rejects.toThrow('The file has a header but no records.');
    expect(job.step).toBe('idle');
  });

  it('keeps the checked file after a cancelled write, which leaves nothing behind, so the import can be tried again', async () => {
    const job = new ImportJob(db);
    await validated(job);
    const ctx = testContext();
    ctx.cancel();
    await expect(job.commit(commitRequest(), ctx)).rejects.toThrow('Cancelled');
    expect(job.step).toBe('validated');
    expect([await db.datasetVersions.count(), await storedRowCount(db), await db.imports.count()]).toEqual([0, 0, 0]);
    expect((await job.commit(commitRequest('again'), testContext())).version.message).toBe('again');
  });

  it('chains two imports committed at the same moment: the second follows the first instead of sharing its parent', async () => {
    const [first, second] = [new ImportJob(db), new ImportJob(db)];
    await validated(first);
    const v1 = (await first.commit(commitRequest('v1'), testContext())).version;
    await validated(first, CSV, 'a.csv');
    await validated(second, CSV, 'b.csv');
    const [a, b] = await Promise.all([first.commit(commitRequest(), testContext()), second.commit(commitRequest(), testContext())]);
    expect([a.version.parentId, b.version.parentId]).toEqual([v1.id, a.version.id]);
    expect((await listDatasetVersions(db, project.id)).map((v) => [v.number, v.message])).toEqual([[3, 'Imported b.csv'], [2, 'Imported a.csv'], [1, 'v1']]);
  });

  it('hands the committed version its rows, kept in memory for the next requests', async () => {
    const kept: [string, number][] = [];
    const job = new ImportJob(db, (version, rows) => kept.push([version.id, rows.size]));
    await validated(job);
    const { version } = await job.commit(commitRequest(), testContext());
    expect(kept).toEqual([[version.id, 2]]);
  });

  it('checks the records while reading when given the dates, with the report a check afterwards gives', async () => {
    const csv = messyTicketsCsv(300);
    const job = new ImportJob(db);
    const parsed = await job.parse(parseRequest(csv), testContext());
    const afterwards = await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
    const streamedJob = new ImportJob(db);
    await streamedJob.parse({ ...parseRequest(csv), dates }, testContext());
    const streamed = await streamedJob.validate({ type: 'validate', mapping: parsed.suggested, dates });
    expect([streamed.checkedWhileReading, afterwards.checkedWhileReading]).toEqual([true, false]);
    expect({ ...streamed, validateMs: 0, checkedWhileReading: false }).toEqual({ ...afterwards, validateMs: 0 });
    expect(streamed.categories.find((c) => c.category === 'field-count')!.count).toBeGreaterThan(5);
    // Another mapping, or checking the same file again, validates the whole file.
    const other = await streamedJob.validate({ type: 'validate', mapping: { ...parsed.suggested, labelColumn: null }, dates });
    expect(other.checkedWhileReading).toBe(false);
    expect(other.categories.find((c) => c.category === 'missing-label')!.count).toBe(0);
  });

  it('reads the file again for columns other than the suggested ones, and commits rows made under them', async () => {
    const job = new ImportJob(db);
    const parsed = await job.parse({ ...parseRequest(), dates }, testContext());
    expect(parsed.suggested).toMatchObject({ idColumn: 'id', labelColumn: 'label' });
    const ctx = testContext();
    const report = await job.validate({ type: 'validate', mapping: { ...parsed.suggested, idColumn: null, labelColumn: null, metaTypes: { label: 'category' } }, dates }, ctx);
    expect(ctx.phases).toContain('validate');
    expect(report.checkedWhileReading).toBe(false);
    expect(report.categories.find((c) => c.category === 'empty-text')).toMatchObject({ count: 1, lines: [4] });
    const { version } = await job.commit(commitRequest(), testContext());
    const rows = (await loadDatasetState(db, version.id)).rows;
    expect(rows.map((r) => [r.key, r.label, r.meta])).toEqual([['row-2', null, { label: 'normal' }], ['row-3', null, { label: 'alarm' }]]);
  });

  // A File is read again when the columns change; these hold other text by then.
  it.each([
    [
      'refuses a file that changed on disk between its two readings (same size, two records quoted into one), and writes nothing',
      CSV.replace('1,fan noise at 40 dB,normal\r\n2,temperature 95 C,alarm', '1,"fan noise at 40dB,normal\r\n2,temperature 95C",alarm'),
      'readings.csv changed since it was read (2 records now, 3 before). Choose the file again.',
    ],
    [
      'says so when the file ends short of its size at its second reading, and writes nothing',
      CSV.replace('2,temperature 95 C,alarm\r\n', ''),
      'readings.csv can no longer be read: it was changed, moved or deleted since it was chosen. Choose the file again.',
    ],
  ])('%s', async (_name, changedText, message) => {
    class ChangingBlob extends Blob {
      changed = false;
      override slice(start?: number, end?: number): Blob {
        return new Blob([this.changed ? changedText : CSV]).slice(start, end);
      }
    }
    const file = new ChangingBlob([CSV]);
    const job = new ImportJob(db);
    const parsed = await job.parse({ ...parseRequest(), file }, testContext());
    file.changed = true;
    await expect(job.validate({ type: 'validate', mapping: { ...parsed.suggested, labelColumn: null }, dates })).rejects.toThrow(message);
    expect(job.step).toBe('parsed');
    expect(await db.datasetVersions.count()).toBe(0);
  });

  it('says so when the file can no longer be read for its second reading', async () => {
    class VanishingBlob extends Blob {
      gone = false;
      override slice(start?: number, end?: number): Blob {
        if (!this.gone) return new Blob([CSV]).slice(start, end);
        return { arrayBuffer: () => Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')) } as Blob;
      }
    }
    const file = new VanishingBlob([CSV]);
    const job = new ImportJob(db);
    const parsed = await job.parse({ ...parseRequest(), file }, testContext());
    file.gone = true;
    await expect(job.validate({ type: 'validate', mapping: { ...parsed.suggested, labelColumn: null }, dates })).rejects.toThrow(
      'readings.csv can no longer be read: it was changed, moved or deleted since it was chosen. Choose the file again.',
    );
    expect(job.step).toBe('parsed');
  });

  it('leaves the database as it was when cancelled while reading or while writing', async () => {
    const job = new ImportJob(db);
    await validated(job);
    await job.commit(commitRequest('v1'), testContext());
    const before = await everyRecord(db);
    // 30,000 records (~22,700 kept): two batches of row blocks, so the cancel lands between them.
    const csv = messyTicketsCsv(30_000);
    await expect(job.parse({ ...parseRequest(csv), dates }, cancelWhen((p) => p.phase === 'parse'))).rejects.toThrow('Cancelled');
    expect(job.step).toBe('idle');
    const parsed = await job.parse({ ...parseRequest(csv), dates }, testContext());
    await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
    // Rows written (the progress of applying the choices before it names its step).
    const ctx = cancelWhen((p) => p.phase === 'write' && p.step === undefined && p.done > 0);
    await expect(job.commit(commitRequest('v2'), ctx)).rejects.toThrow('Cancelled');
    expect(ctx.phases.filter((p) => p === 'write').length).toBeGreaterThan(1);
    expect(await everyRecord(db)).toEqual(before);
    expect(job.step).toBe('validated');
    // The drafts went before the write: importing again reads the file again, to the same rows.
    const again = await job.commit(commitRequest('v2'), testContext());
    const fresh = new ImportJob(db);
    const freshParsed = await fresh.parse({ ...parseRequest(csv), dates }, testContext());
    await fresh.validate({ type: 'validate', mapping: freshParsed.suggested, dates });
    const reference = await fresh.commit(commitRequest('v3'), testContext());
    expect(again.kept).toBeGreaterThan(20_000);
    expect(again.version.contentHash).toBe(reference.version.contentHash);
  }, 60_000);

  describe('while the rest of the file is read (the columns already shown)', () => {
    /** 60,000 short records, ≈ 4.3 MB: two chunks of the reader. */
    /** Bytes the parse gathers before its first rows (csvParse's default chunk). */
    const FIRST_CHUNK = 4 * 1024 * 1024;
    const LINES = ['id,text,label', ...Array.from({ length: 60_000 }, (_, i) => `${i},"ticket ${i} about billing, invoices and login trouble",${i % 2 ? 'Billing' : 'Technical Issue'}`)].join('\n');

    /**
     * A file whose bytes after the first chunk are read only when `release` is called (or fail
     * then, as a file deleted meanwhile): the job is caught reading the rest.
     */
    class GatedBlob extends Blob {
      #release!: (failure: DOMException | null) => void;
      readonly #gate = new Promise<DOMException | null>((resolve) => (this.#release = resolve));
      release(failure: DOMException | null = null): void {
        this.#release(failure);
      }
      /** The sample read first (a slice with an end) as it is; the stream of the rest gated after its first chunk (4 MB, the parse's). */
      override slice(start = 0, end?: number): Blob {
        const part = super.slice(start, end);
        if (end !== undefined) return part;
        const gate = this.#gate;
        const first = part.slice(0, FIRST_CHUNK);
        const rest = part.slice(FIRST_CHUNK);
        const stream = () =>
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(new Uint8Array(await first.arrayBuffer()));
            },
            async pull(controller) {
              const failure = await gate;
              if (failure) throw failure;
              controller.enqueue(new Uint8Array(await rest.arrayBuffer()));
              controller.close();
            },
          });
        return { size: part.size, stream } as Blob;
      }
    }

    /** Starts parsing a gated file; `opened` settles with the progress that carries the columns. */
    function parseGated(job: ImportJob, ctx = testContext()) {
      const file = new GatedBlob([LINES]);
      const seen: DataProgress[] = [];
      let shown!: (p: DataProgress) => void;
      const opened = new Promise<DataProgress>((resolve) => (shown = resolve));
      const progress = ctx.progress;
      ctx.progress = (p) => {
        progress(p);
        seen.push(p);
        if (p.opened) shown(p);
      };
      const parsed = job.parse({ ...parseRequest(LINES, 'lines.csv'), file, dates }, ctx);
      parsed.catch(() => undefined);
      return { file, seen, opened, parsed, ctx };
    }

    it('sends the columns with the progress as soon as the first records are read, and answers the counts when the whole file is', async () => {
      const job = new ImportJob(db);
      const { file, seen, opened, parsed } = parseGated(job);
      let answered = false;
      void parsed.then(() => (answered = true));
      const first = await opened;
      // The rest of the file is not read yet: no answer, and the counts so far are partial.
      expect(answered).toBe(false);
      expect(first.done).toBeLessThan(first.total);
      expect(first.records).toBeGreaterThan(0);
      expect(first.records).toBeLessThan(60_000);
      expect(first.opened).toMatchObject({
        fileName: 'lines.csv', sizeBytes: LINES.length, delimiter: ',', header: ['id', 'text', 'label'],
        suggested: { textColumns: ['text'], labelColumn: 'label', idColumn: 'id' },
        decoding: { encoding: 'utf-8', guess: { encoding: 'utf-8' } },
      });
      expect(first.opened!.decoding.previewLines.slice(0, 2)).toEqual(['id,text,label', '0,"ticket 0 about billing, invoices and login trouble",Technical Issue']);
      expect(first.opened!.preview[1]).toMatchObject({ line: 3, fields: ['1', 'ticket 1 about billing, invoices and login trouble', 'Billing'] });
      expect(first.opened!.decoding).not.toHaveProperty('replacements');
      file.release();
      const result = await parsed;
      expect(result).toMatchObject({ ...first.opened, openedMs: first.opened!.openedMs, records: 60_000, malformed: 0, blankLines: 0, unclosedQuote: null, replacements: 0 });
      expect(result.parseMs).toBeGreaterThanOrEqual(first.opened!.openedMs);
      expect(seen.filter((p) => p.opened)).toHaveLength(1);
      expect(seen.at(-1)).toMatchObject({ done: LINES.length, total: LINES.length, records: 60_000 });
      // The drafts made while reading serve the check.
      const report = await job.validate({ type: 'validate', mapping: result.suggested, dates });
      expect([report.total, report.checkedWhileReading]).toEqual([60_000, true]);
    });

    it('says so when the rest of the file cannot be read, and keeps nothing of it', async () => {
      const job = new ImportJob(db);
      const { file, opened, parsed } = parseGated(job);
      await opened;
      file.release(new DOMException('The requested file could not be read', 'NotReadableError'));
      await expect(parsed).rejects.toThrow('lines.csv can no longer be read: it was changed, moved or deleted since it was chosen. Choose the file again.');
      expect(job.step).toBe('idle');
      await expect(job.validate({ type: 'validate', mapping: (await opened).opened!.suggested, dates })).rejects.toThrow('No file is waiting to be imported.');
      expect(await db.datasetVersions.count()).toBe(0);
    });

    it('stops reading on cancel, and the file sent meanwhile is the one that waits', async () => {
      const job = new ImportJob(db);
      const first = parseGated(job);
      await first.opened;
      // The page cancels the read still going on and sends the next file (another reading of it, or another file).
      first.ctx.cancel();
      const second = await job.parse({ ...parseRequest(), dates }, testContext());
      first.file.release();
      await expect(first.parsed).rejects.toThrow('Cancelled');
      expect(job.step).toBe('parsed');
      const report = await job.validate({ type: 'validate', mapping: second.suggested, dates });
      expect(report.total).toBe(3);
    });
  });

  it('starts the default outcome at a check sent as soon as the read ends, so the commit only stores', async () => {
    // The page sends the check the moment the read ends when the person asked for it meanwhile:
    // before the work the parse leaves for after its answer. No pause here (the work runs at once).
    const made = vi.spyOn(DatasetState.prototype, 'add');
    try {
      const job = new ImportJob(db, undefined, { sliceMs: Number.POSITIVE_INFINITY });
      const parsed = await job.parse({ ...parseRequest(messyTicketsCsv(300)), dates }, testContext());
      await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
      // The outcome goes on once the check's answer is sent, in the task after it (in one go here).
      await new Promise((resolve) => setTimeout(resolve, 0));
      const beforeCommit = made.mock.calls.length;
      const seen: DataProgress[] = [];
      const ctx = testContext();
      ctx.progress = (p) => seen.push(p);
      const { kept } = await job.commit(commitRequest(), ctx);
      // Rows were made as the file was read (one per record, the left-out ones removed at the end): none at the commit.
      expect(beforeCommit).toBeGreaterThanOrEqual(kept);
      expect(made.mock.calls.length).toBe(beforeCommit);
      expect(seen.filter((p) => p.step === 'applying the choices and hashing the rows')).toEqual([]);
    } finally {
      made.mockRestore();
    }
  });

  it('works the report out at the end of the read, so the check answers before the rest of the outcome goes on', async () => {
    const reported = vi.spyOn(RecordValidator.prototype, 'report');
    const changed = vi.spyOn(DatasetState.prototype, 'apply');
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    try {
      // No pause in the outcome's work: once begun, it runs to its end in one task.
      const job = new ImportJob(db, undefined, { sliceMs: Number.POSITIVE_INFINITY, checkGraceMs: 60_000 });
      const parsed = await job.parse({ ...parseRequest(messyTicketsCsv(300)), dates }, testContext());
      expect(reported).toHaveBeenCalledTimes(1);
      await nextTask();
      // The outcome waits for the check: the end of it removes the left-out rows (apply).
      expect(changed).not.toHaveBeenCalled();
      const report = await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
      expect(report.checkedWhileReading).toBe(true);
      expect(reported).toHaveBeenCalledTimes(1);
      expect(changed).not.toHaveBeenCalled();
      // Begun once the answer is sent.
      await nextTask();
      expect(changed).toHaveBeenCalled();
      const { kept, excludedCount } = await job.commit(commitRequest(), testContext());
      expect(kept + excludedCount).toBe(report.total);
    } finally {
      reported.mockRestore();
      changed.mockRestore();
    }
  });

  it('goes on with the default outcome without a check after a while', async () => {
    const changed = vi.spyOn(DatasetState.prototype, 'apply');
    try {
      const job = new ImportJob(db, undefined, { sliceMs: Number.POSITIVE_INFINITY, checkGraceMs: 0 });
      await job.parse({ ...parseRequest(messyTicketsCsv(300)), dates }, testContext());
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(changed).toHaveBeenCalled();
    } finally {
      changed.mockRestore();
    }
  });

  describe('while the default outcome is still being worked out (in slices, pausing at every step here)', () => {
    const APPLYING = 'applying the choices and hashing the rows';
    const csv = messyTicketsCsv(5_000);

    /** A job that has read `csv` with the dates and answered the check at once, the outcome still being worked out. */
    async function checkedAtOnce() {
      const job = new ImportJob(db, undefined, { sliceMs: 0 });
      const parsed = await job.parse({ ...parseRequest(csv), dates }, testContext());
      const report = await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
      return { job, parsed, report };
    }

    /** The same file imported by a job that works everything out in one go. */
    async function reference() {
      const job = new ImportJob(db);
      const parsed = await job.parse({ ...parseRequest(csv), dates }, testContext());
      await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
      const result = await job.commit(commitRequest('reference'), testContext());
      return result;
    }

    it('answers the check from the streamed report, and the commit waits for the rest with progress, to the same rows', async () => {
      const { job, report } = await checkedAtOnce();
      expect(report.total).toBe(5_000);
      const seen: DataProgress[] = [];
      const ctx = testContext();
      ctx.progress = (p) => seen.push(p);
      const result = await job.commit(commitRequest(), ctx);
      const applying = seen.filter((p) => p.step === APPLYING);
      expect(applying.length).toBeGreaterThan(1);
      expect(applying.every((p) => p.phase === 'write' && p.total === 5_000 && p.done > 0 && p.done < 5_000)).toBe(true);
      expect(applying.map((p) => p.done)).toEqual([...applying.map((p) => p.done)].sort((a, b) => a - b));
      const ref = await reference();
      expect(result.kept).toBe(ref.kept);
      expect(result.version.contentHash).toBe(ref.version.contentHash);
    });

    it('stops it on cancel, writes nothing, and a second commit works the rows out again, with progress', async () => {
      // Read before the check: the outcome goes on while the database is read, and would be done by the commit.
      const before = await everyRecord(db);
      const { job } = await checkedAtOnce();
      await expect(job.commit(commitRequest(), cancelWhen((p) => p.step === APPLYING && p.done >= 2_000))).rejects.toThrow('Cancelled');
      expect(await everyRecord(db)).toEqual(before);
      expect(job.step).toBe('validated');
      const seen: DataProgress[] = [];
      const ctx = testContext();
      ctx.progress = (p) => seen.push(p);
      const again = await job.commit(commitRequest(), ctx);
      expect(seen.filter((p) => p.step === APPLYING).length).toBeGreaterThan(1);
      expect(again.version.contentHash).toBe((await reference()).version.contentHash);
    });

    it('finishes the rows made as the file was read with the person’s choices when the check took other dates', async () => {
      const decisions = { 'long-text': 'truncate', 'conflicting-duplicate': 'unlabel', 'missing-label': 'exclude', 'duplicate-id': 'exclude' } as const;
      const laterDates = { ...dates, earliestYear: 2025 };
      const commitWith = async (job: ImportJob, parsed: { suggested: ColumnMapping }) => {
        const report = await job.validate({ type: 'validate', mapping: parsed.suggested, dates: laterDates });
        expect(report.checkedWhileReading).toBe(false);
        return job.commit({ ...commitRequest(), decisions }, testContext());
      };
      const asRead = new ImportJob(db);
      const result = await commitWith(asRead, await asRead.parse({ ...parseRequest(csv), dates }, testContext()));
      // Read without dates: nothing is made while reading, the choices are applied to the drafts.
      const plain = new ImportJob(db);
      const reference = await commitWith(plain, await plain.parse(parseRequest(csv), testContext()));
      expect(result.kept).toBe(reference.kept);
      expect(result.excluded).toEqual(reference.excluded);
      expect(result.version.contentHash).toBe(reference.version.contentHash);
      expect((await loadDatasetState(db, result.version.id)).rows).toEqual((await loadDatasetState(db, reference.version.id)).rows);
    });

    it('is dropped for choices other than the defaults, which are applied instead', async () => {
      const { job } = await checkedAtOnce();
      const decided = await job.commit({ ...commitRequest(), decisions: { 'exact-duplicate': 'keep', 'missing-label': 'keep' } }, testContext());
      expect(decided.kept).toBeGreaterThan((await reference()).kept);
    });
  });
});

describe("the import job's rehearsal", () => {
  it('rehearses once, writes nothing, and is stopped by a file chosen meanwhile', async () => {
    const job = new ImportJob(db);
    const before = await everyRecord(db);
    // A file chosen while the rehearsal reads: it stops, the file is read as usual.
    const first = job.warmUp({ type: 'warmUp', dates }, testContext());
    const parsed = await job.parse(parseRequest(), testContext());
    expect(await first).toMatchObject({ complete: false });
    expect(parsed.records).toBe(3);
    // Not while a file waits; again once the job is idle, then never more.
    expect(await job.warmUp({ type: 'warmUp', dates }, testContext())).toMatchObject({ records: 0, complete: false });
    await job.discard();
    expect(await job.warmUp({ type: 'warmUp', dates }, testContext())).toMatchObject({ records: 10_000, complete: true });
    expect(await job.warmUp({ type: 'warmUp', dates }, testContext())).toMatchObject({ records: 0, complete: true });
    expect(job.step).toBe('idle');
    expect(await everyRecord(db)).toEqual(before);
  });
});
