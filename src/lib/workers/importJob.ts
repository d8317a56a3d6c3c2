/**
 * The CSV import as a job whose state is a value, not a hidden variable: parse → validate →
 * commit, with the steps, what each request needs and where it leads in the protocol's
 * IMPORT_STEPS. A request that arrives in the wrong step is refused with what to do
 * (IMPORT_STEP_REFUSALS). The data worker holds one job; tests drive it against fake-indexeddb.
 * Work is moved off the person's wait where it can be: records become drafts and are checked
 * while the file is read (core/data/streamedValidation.ts), the room check runs while the file is
 * read and the report looked at, and the default outcome (the suggested columns, every category's
 * default action: rows made and hashed) is worked out as the file is read (core/data/outcomeAsRead.ts)
 * and finished once it is, while the person looks at the columns and the report; confirming it
 * only stores.
 * Memory stays bounded: the job holds one draft per record, never the raw records; a check with
 * another mapping than the drafts' reads the file again.
 */
import { parseCsv, type Delimiter } from '$lib/core/data/csvParse';
import { unclosedQuoteMessage, type MalformedRecord } from '$lib/core/data/csvRecords';
import type { TextEncoding } from '$lib/core/data/textDecoding';
import { DatasetState } from '$lib/core/data/datasetState';
import { mappingProblems, schemaFromMapping } from '$lib/core/data/mapping';
import { applyingDecisions, decisionsAreDefaults, validateDrafts, type AppliedDataset, type ValidationReport } from '$lib/core/data/validation';
import type { ColumnMapping } from '$lib/core/data/dataset';
import { plausibleDateRange, type PlausibleDates } from '$lib/core/data/plausibleDates';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import { rehearseImport } from '$lib/core/data/importRehearsal';
import { fileSizeProblem } from '$lib/core/fileLimits';
import { inSlices } from '$lib/core/eventLoop';
import type { LifecycleDatabase } from '$lib/db/database';
import { writeDatasetVersion } from '$lib/db/datasets';
import { stageRows, type StagedRows } from '$lib/db/stagedRows';
import { ensureRoomAhead, ensureRoomFor } from '$lib/db/storage';
import { probeAside } from './roomProbeClient';
import type { DatasetVersionRecord } from '$lib/db/records';
import { CancelledError, type RpcContext } from './rpc';
import {
  IMPORT_STEP_REFUSALS, IMPORT_STEPS, REPORT_LINES_CAP,
  type DataHandlers, type DataProgress, type DataRequest, type DataResults, type ImportRequest, type ImportStep, type OpenedFile, type ParsedFile, type ReportSummary,
} from './dataProtocol';

type Context = RpcContext<DataProgress>;
type Request<T extends ImportRequest['type'] | 'warmUp'> = Extract<DataRequest, { type: T }>;

/** How long a room check made before the commit still counts (free space changes slowly). */
const ROOM_CHECK_FRESH_MS = 60_000;

/** A parsed file: its records' drafts wait in the worker until they are committed or discarded. */
interface ParsedCsv {
  file: Blob;
  fileName: string;
  fileBytes: number;
  /** How it was read, so a second reading reads the same records. */
  delimiter: Delimiter;
  encoding: TextEncoding | 'auto';
  header: string[];
  malformed: MalformedRecord[];
  records: number;
  /** The records' drafts under one mapping, checked while they were read if dates were given; null while another reading replaces them. */
  streamed: StreamedValidation | null;
}

export type ImportState =
  | { step: 'idle' }
  | { step: 'parsed'; file: ParsedCsv }
  | { step: 'validated'; file: ParsedCsv; report: ValidationReport };

type StateIn<S extends ImportStep> = Extract<ImportState, { step: S }>;

/**
 * The default outcome of a read file, worked out before the person asks for it: its rows made as
 * the file was read, finished in slices (at a million rows that can still take a while): the
 * report is there from the start, the final rows come with `finished`.
 */
interface Prepared {
  /** The drafts it was made from (with their mapping). */
  streamed: StreamedValidation;
  plausibleDates: PlausibleDates;
  report: ValidationReport;
  /** Every category's default action applied, the kept rows hashed into `state`; null when applying failed (the commit then says why); undefined while it is worked out. */
  applied: AppliedDataset | null | undefined;
  state: DatasetState;
  /** Settles when `applied` is set, or when the work stopped (`stopped`). */
  finished: Promise<void>;
  /** Starts the work (it waits, so that a check sent meanwhile is answered at once); again: nothing. */
  begin: () => void;
  /** Told how many records are done at each pause, by a request that waits for it. */
  onPause: ((done: number) => void) | null;
  /** Set to stop the work (the outcome is dropped, or the request waiting for it cancelled). */
  stopped: boolean;
}

/** Work in slices of about this long, then a pause that lets other messages in (a cancel, a check). */
const SLICE_MS = 50;
/**
 * How long the default outcome waits for the check after the read: the page sends it the moment
 * the read ends when the person asked meanwhile, and its first steps (deciding duplicates over
 * the whole file) do not pause. A person who asks later waits for a slice at most.
 */
const CHECK_GRACE_MS = 250;

const cancelled = (): never => {
  throw new CancelledError();
};

/**
 * The error to show for a failed read: browsers refuse to read a chosen file that was changed,
 * moved or deleted since (NotReadableError, NotFoundError), which says nothing to a person.
 */
function unreadable(fileName: string, error: unknown): unknown {
  return error instanceof DOMException ? new Error(`${fileName} can no longer be read: it was changed, moved or deleted since it was chosen. Choose the file again.`) : error;
}

export class ImportJob {
  #state: ImportState = { step: 'idle' };
  #roomCheck: { file: Blob; startedAt: number; done: Promise<unknown> } | null = null;
  #prepared: Prepared | null = null;
  /** The prepared outcome's rows being stored or stored ahead of the commit. */
  #staging: { prepared: Prepared; rows: StagedRows } | null = null;
  /** Settles when the rows stored ahead and then dropped are deleted. */
  #dropped: Promise<void> = Promise.resolve();
  /** The rehearsal's state: none yet, under way (a parse stops it), or done (never again). */
  #warmUp: 'none' | 'running' | 'done' = 'none';
  #stopWarmUp = false;
  readonly #db: LifecycleDatabase;
  readonly #onCommitted: (version: DatasetVersionRecord, rows: DatasetState) => void;
  readonly #sliceMs: number;
  readonly #checkGraceMs: number;

  /**
   * `onCommitted` receives the new version and its rows in memory, kept for the next requests.
   * `sliceMs`: how long long work runs between pauses (tests pause at every step with 0);
   * `checkGraceMs`: how long the default outcome waits for a check after the read.
   */
  constructor(
    db: LifecycleDatabase,
    onCommitted: (version: DatasetVersionRecord, rows: DatasetState) => void = () => undefined,
    { sliceMs = SLICE_MS, checkGraceMs = CHECK_GRACE_MS } = {},
  ) {
    this.#db = db;
    this.#onCommitted = onCommitted;
    this.#sliceMs = sliceMs;
    this.#checkGraceMs = checkGraceMs;
  }

  get step(): ImportStep {
    return this.#state.step;
  }

  /**
   * Rehearses the import on a synthetic file (core/data/importRehearsal.ts), once: a worker's
   * first import otherwise reads in a cold JIT. Only while no file is being imported; a parse
   * stops it at its next chunk, and a stopped rehearsal can be asked for again.
   */
  async warmUp(request: Request<'warmUp'>, ctx: Context): Promise<DataResults['warmUp']> {
    const started = performance.now();
    if (this.#warmUp !== 'none' || this.#state.step !== 'idle') return { records: 0, complete: this.#warmUp === 'done', ms: 0 };
    this.#warmUp = 'running';
    this.#stopWarmUp = false;
    try {
      const dates = plausibleDateRange(request.dates.earliestYear, request.dates.now);
      const rehearsal = await rehearseImport(dates, () => this.#stopWarmUp || ctx.cancelled);
      this.#warmUp = rehearsal.complete ? 'done' : 'none';
      return { ...rehearsal, ms: performance.now() - started };
    } catch (error) {
      this.#warmUp = 'none';
      throw error;
    }
  }

  /**
   * Reads the file to its end and answers its counts; as soon as the first records are read, a
   * progress message carries what the columns step needs (`opened`), so the page shows it while
   * the rest is read. Another parse or a discard meanwhile stops the read (the page cancels it).
   */
  async parse(request: Request<'parse'>, ctx: Context): Promise<ParsedFile> {
    this.#enter('parse');
    this.#stopWarmUp = true;
    this.#roomCheck = null;
    this.#dropPrepared();
    const { file, fileName } = request;
    const tooLarge = fileSizeProblem('datasetCsv', file.size);
    if (tooLarge) throw new Error(`${fileName}: ${tooLarge} Import a smaller extract of it.`);
    this.#startRoomCheck(file, fileName);
    const started = performance.now();
    const plausibleDates = request.dates ? plausibleDateRange(request.dates.earliestYear, request.dates.now) : null;
    const streamed = new StreamedValidation(plausibleDates);
    let reading: Pick<OpenedFile, 'delimiter' | 'decoding'> | null = null;
    let opened: OpenedFile | null = null;
    const openedNow = (): OpenedFile | null =>
      reading && streamed.header && streamed.mapping
        ? { fileName, sizeBytes: file.size, ...reading, header: streamed.header, preview: streamed.preview, suggested: streamed.mapping, openedMs: performance.now() - started }
        : null;
    const result = await parseCsv(file, {
      delimiter: request.delimiter,
      encoding: request.encoding,
      onOpened: ({ delimiter, decoding }) => (reading = { delimiter, decoding: decoding! }),
      onChunk: (c) => streamed.follow(c),
      onProgress: (p) => {
        // Once, with the first records read: the columns can be shown while the rest is read.
        const first = opened ? null : (opened = openedNow());
        ctx.progress({ phase: 'parse', done: Math.min(p.bytes, file.size), total: file.size, records: p.records, elapsedMs: performance.now() - started, ...(first && { opened: first }) });
      },
      shouldAbort: () => ctx.cancelled,
    }).catch((error: unknown) => {
      throw unreadable(fileName, error);
    });
    ctx.throwIfCancelled();
    const { collector } = result;
    if (!collector.header) throw new Error('The file is empty: no header row was found.');
    if (collector.count === 0) {
      throw new Error(collector.unclosedQuote ? unclosedQuoteMessage(collector.unclosedQuote) : 'The file has a header but no records.');
    }
    const parsed: ParsedCsv = {
      file, fileName, fileBytes: file.size, delimiter: result.delimiter, encoding: result.decoding?.encoding ?? 'auto',
      header: collector.header, malformed: collector.malformed, records: collector.count, streamed,
    };
    this.#state = { step: IMPORT_STEPS.parse.to, file: parsed };
    // The check's report now, so a check with these columns and dates answers at once; the rest
    // of the default outcome after the check's answer (or a while without one).
    if (plausibleDates) this.#prepare(parsed, plausibleDates);
    return {
      ...(opened ?? openedNow()!),
      records: collector.count,
      malformed: collector.malformed.length,
      unclosedQuote: collector.unclosedQuote,
      blankLines: collector.blankLines,
      replacements: result.decoding?.replacements ?? 0,
      parseMs: performance.now() - started,
    };
  }

  async validate(request: Request<'validate'>, ctx?: Context): Promise<ReportSummary> {
    const { file } = this.#enter('validate');
    const { mapping, dates } = request;
    const problems = mappingProblems(file.header, mapping);
    if (problems.length) throw new Error(problems.join(' '));
    const started = performance.now();
    const plausibleDates = plausibleDateRange(dates.earliestYear, dates.now);
    const kept = file.streamed?.follows(mapping) ? file.streamed : null;
    const streamed = kept ?? (await this.#readAgain(file, mapping, plausibleDates, ctx));
    // The default outcome goes on being worked out while the person reads the report.
    const prepared = this.#preparedFor(streamed, plausibleDates);
    if (!prepared) this.#dropPrepared();
    const early = prepared?.report ?? streamed.reportFor(file.records, mapping, plausibleDates);
    // Read again for these columns: the outcome is finished meanwhile too.
    if (!prepared && early) this.#finishOutcome(streamed, plausibleDates, early);
    // Once this answer is sent (a task later), the outcome goes on.
    const begin = this.#prepared?.begin;
    if (begin) setTimeout(begin, 0);
    // The streamed check did not apply (other dates, or none given): check the drafts already made.
    const report = early ?? validateDrafts(file.header, streamed.drafts, mapping, { plausibleDates });
    this.#state = { step: IMPORT_STEPS.validate.to, file, report };
    if (!this.#freshRoomCheck(file)) this.#startRoomCheck(file.file, file.fileName);
    return {
      total: report.total,
      categories: report.categories.map((c) => ({ ...c, lines: c.lines.slice(0, REPORT_LINES_CAP), moreLines: Math.max(0, c.lines.length - REPORT_LINES_CAP) })),
      malformed: file.malformed.slice(0, REPORT_LINES_CAP).map(({ line, fieldCount, expected, problem }) => ({ line, fieldCount, expected, problem })),
      plausibleDates: report.plausibleDates,
      validateMs: performance.now() - started,
      // Read again for another mapping, the whole wait was this check's.
      checkedWhileReading: early !== null && kept !== null,
    };
  }

  /**
   * Reads the file again, drafting and checking its records under `mapping`: the earlier drafts
   * are dropped first, so two sets are never held. The same file must give the same records.
   */
  async #readAgain(file: ParsedCsv, mapping: ColumnMapping, plausibleDates: PlausibleDates, ctx?: Context): Promise<StreamedValidation> {
    file.streamed = null;
    this.#dropPrepared();
    const started = performance.now();
    const streamed = new StreamedValidation(plausibleDates, mapping);
    const { collector } = await parseCsv(file.file, {
      delimiter: file.delimiter,
      encoding: file.encoding,
      onChunk: (c) => streamed.follow(c),
      onProgress: (p) => ctx?.progress({ phase: 'validate', step: 'reading the file again for these columns', done: Math.min(p.bytes, file.fileBytes), total: file.fileBytes, records: p.records, elapsedMs: performance.now() - started }),
      shouldAbort: () => ctx?.cancelled ?? false,
    }).catch((error: unknown) => {
      throw unreadable(file.fileName, error);
    });
    ctx?.throwIfCancelled();
    if (collector.count !== file.records || collector.header?.length !== file.header.length) {
      throw new Error(`${file.fileName} changed since it was read (${collector.count.toLocaleString('en-US')} records now, ${file.records.toLocaleString('en-US')} before). Choose the file again.`);
    }
    file.streamed = streamed;
    return streamed;
  }

  /** Writes the checked file as the project's next version, on top of its newest (read inside the write). */
  async commit(request: Request<'commit'>, ctx: Context): Promise<DataResults['commit']> {
    const { file, report } = this.#enter('commit');
    const { fileName } = file;
    const started = performance.now();
    // After a failed write the drafts are gone: read the file again (applying checks it gives the same records).
    const prepared = this.#prepared;
    const ready = prepared?.report === report && decisionsAreDefaults(request.decisions) ? prepared : null;
    if (!ready) this.#dropPrepared();
    // One pass applies the choices and hashes each kept row (nothing is written: the room check
    // goes on meanwhile), unless the defaults were chosen and are applied already or being
    // applied (then the rest is waited for); the state is kept for the next operations.
    const progress = (done: number, total: number) =>
      ctx.progress({ phase: 'write', step: 'applying the choices and hashing the rows', done, total, records: done, elapsedMs: performance.now() - started });
    if (ready) await this.#finishing(ready, ctx, progress);
    this.#prepared = null;
    const state = ready?.applied ? ready.state : new DatasetState();
    let applied = ready?.applied;
    if (!applied) {
      const streamed = file.streamed?.follows(report.mapping) ? file.streamed : await this.#readAgain(file, report.mapping, report.plausibleDates, ctx);
      const { drafts } = streamed;
      // Rows as read not finished yet (checked with other dates, or read again just now) are finished with these choices.
      const outcome = streamed.takeOutcome();
      const steps = outcome ? outcome.finishing(report, drafts, request.decisions, request.fixes) : applyingDecisions(report, drafts, request.decisions, request.fixes, state);
      applied = (await inSlices(steps, this.#sliceMs, (done) => progress(done, drafts.length), () => ctx.cancelled)) ?? cancelled();
      if (outcome) state.adopt(outcome.state);
    }
    if (applied.rows.length === 0) throw new Error('No rows are left to import with these choices.');
    // The rows share the drafts' strings; the drafts themselves are dropped before the write.
    file.streamed = null;
    const total = applied.rows.length;
    const contentHash = state.contentHash;
    const applyMs = performance.now() - started;
    const writeProgress = (written: number) => ctx.progress({ phase: 'write', done: written, total, records: total, elapsedMs: performance.now() - started });
    // The default outcome's rows stored ahead, if these are its rows (any other staging is deleted).
    const staged = this.#takeStaging(ready);
    let version: DatasetVersionRecord;
    let roomMs: number;
    try {
      // Stored rows take about the file's size (text, keys, labels); refuse before writing any.
      await this.#ensureRoom(file);
      roomMs = performance.now() - started - applyMs;
      ctx.progress({ phase: 'write', done: 0, total, records: total, elapsedMs: 0 });
      ctx.throwIfCancelled();
      version = await writeDatasetVersion(
        this.#db,
        {
          projectId: request.projectId,
          source: { name: fileName },
          parentId: 'newest',
          message: request.message.trim() || `Imported ${fileName}`,
          change: 'import',
          schema: schemaFromMapping(report.header, report.mapping),
          rows: applied.rows,
          contentHash,
          stagedAs: await stagedFully(staged, ctx, writeProgress),
        },
        (written) => {
          // Throwing inside the transaction aborts it: a cancelled import leaves nothing behind.
          ctx.throwIfCancelled();
          writeProgress(written);
        },
      );
    } catch (error) {
      await staged?.discard();
      throw error;
    }
    staged?.committed();
    this.#state = { step: IMPORT_STEPS.commit.to };
    this.#onCommitted(version, state);
    const writeMs = performance.now() - started;
    return { version, kept: total, excludedCount: applied.excluded.length, excluded: applied.excluded.slice(0, REPORT_LINES_CAP), writeMs, phases: { roomMs, applyMs, storeMs: writeMs - roomMs - applyMs } };
  }

  /**
   * The room check (it writes a probe file, up to 32 MB) starts as the file is chosen, so it runs
   * while the file is read and the person looks at the columns and the report; commit waits for
   * it, and checks again when it is old. It runs aside (db/storage.ts ensureRoomAhead): it leaves
   * this worker's thread to the parse, and no backup is written meanwhile — while the probe fills
   * a nearly full disk, other writes fail (it once overlapped the new project's backup, and the
   * browser reset the database).
   */
  #startRoomCheck(file: Blob, fileName: string): void {
    const done = ensureRoomAhead(file.size, `import ${fileName}`, probeAside).then(() => null, (error: unknown) => error);
    this.#roomCheck = { file, startedAt: Date.now(), done };
  }

  /** The room check started for this file, unless it is too old to count. */
  #freshRoomCheck(file: ParsedCsv): Promise<unknown> | null {
    const check = this.#roomCheck;
    return check !== null && check.file === file.file && Date.now() - check.startedAt < ROOM_CHECK_FRESH_MS ? check.done : null;
  }

  async #ensureRoom(file: ParsedCsv): Promise<void> {
    const fresh = this.#freshRoomCheck(file);
    this.#roomCheck = null;
    const refusal = fresh ? await fresh : null;
    if (refusal) throw refusal;
    if (!fresh) await ensureRoomFor(file.fileBytes, `import ${file.fileName}`);
  }

  /**
   * Works out the default outcome of the file just read: the report of the streamed check at
   * once, then the rows made as the file was read (outcomeAsRead.ts) turned into every
   * category's default action, begun by the check (or after CHECK_GRACE_MS without one).
   */
  #prepare(file: ParsedCsv, plausibleDates: PlausibleDates): void {
    const streamed = file.streamed;
    if (!streamed?.mapping) return;
    const report = streamed.reportFor(file.records, streamed.mapping, plausibleDates);
    if (!report) return;
    this.#finishOutcome(streamed, plausibleDates, report);
    const begin = this.#prepared?.begin;
    if (begin) setTimeout(begin, this.#checkGraceMs);
  }

  /**
   * Turns the rows made as `streamed` was read into the default outcome for `report`, in slices
   * (the end of a file can still change rows: which copy of a duplicate survives, label variants,
   * keys), once begun; what the commit then waits for, if anything.
   */
  #finishOutcome(streamed: StreamedValidation, plausibleDates: PlausibleDates, report: ValidationReport): void {
    const outcome = streamed.takeOutcome();
    if (!outcome) return;
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    const prepared: Prepared = { streamed, plausibleDates, report, applied: undefined, state: outcome.state, finished: Promise.resolve(), begin, onPause: null, stopped: false };
    const steps = outcome.finishing(report, streamed.drafts);
    const work = begun.then(() => (prepared.stopped ? null : inSlices(steps, this.#sliceMs, (done) => prepared.onPause?.(done), () => prepared.stopped)));
    prepared.finished = work.then(
      (applied) => {
        if (applied) prepared.applied = applied;
        else prepared.stopped = true;
      },
      () => {
        // The commit applies again and reports the problem.
        prepared.applied = null;
      },
    );
    this.#prepared = prepared;
    void prepared.finished.then(() => this.#stage(prepared));
  }

  /**
   * Waits for the default outcome still being worked out, telling `progress`; a cancel stops it
   * (and throws), and the outcome is then dropped.
   */
  async #finishing(prepared: Prepared, ctx: Context, progress: (done: number, total: number) => void): Promise<void> {
    if (prepared.applied !== undefined) return;
    prepared.begin();
    prepared.onPause = (done) => {
      // A cancel arrives during a pause: the work stops at the end of it.
      if (ctx.cancelled) prepared.stopped = true;
      else progress(done, prepared.report.total);
    };
    try {
      await prepared.finished;
    } finally {
      prepared.onPause = null;
    }
    if (prepared.applied === undefined) {
      this.#dropPrepared();
      ctx.throwIfCancelled();
    }
  }

  /** Forgets the default outcome, stopping its work if it is still going on. */
  #dropPrepared(): void {
    if (this.#prepared) this.#prepared.stopped = true;
    this.#prepared = null;
    this.#dropStaging();
  }

  /**
   * Stores the default outcome's rows ahead of the commit (db/stagedRows.ts) once it is worked
   * out and the room check has passed, so confirming the defaults writes only the version record.
   */
  async #stage(prepared: Prepared): Promise<void> {
    const state = this.#state;
    const roomCheck = state.step === 'idle' ? null : this.#freshRoomCheck(state.file);
    if (!roomCheck || (await roomCheck) !== null) return;
    // Still the outcome waiting, not dropped or taken by a commit meanwhile.
    if (this.#prepared !== prepared || !prepared.applied || this.#staging) return;
    const rows = stageRows(this.#db, prepared.applied.rows);
    if (rows) this.#staging = { prepared, rows };
  }

  /** The rows stored ahead for `prepared` (a commit takes them); any others are deleted. */
  #takeStaging(prepared: Prepared | null): StagedRows | null {
    const staging = this.#staging;
    if (!staging || staging.prepared !== prepared) {
      this.#dropStaging();
      return null;
    }
    this.#staging = null;
    return staging.rows;
  }

  /** Deletes the rows stored ahead (their outcome is dropped); a failure leaves them to the next start's sweep. */
  #dropStaging(): void {
    const staging = this.#staging;
    this.#staging = null;
    if (staging) this.#dropped = this.#dropped.then(() => staging.rows.discard()).catch(() => undefined);
  }

  /** Settles when rows stored ahead and then dropped (another file, other choices, Discard) are deleted. */
  settled(): Promise<void> {
    return this.#dropped;
  }

  /** The prepared outcome when it was made from these drafts and dates. */
  #preparedFor(streamed: StreamedValidation, plausibleDates: PlausibleDates): Prepared | null {
    const p = this.#prepared;
    return p && p.streamed === streamed && p.plausibleDates.earliest === plausibleDates.earliest && p.plausibleDates.latest === plausibleDates.latest ? p : null;
  }

  async discard(): Promise<null> {
    this.#enter('discard');
    this.#roomCheck = null;
    this.#dropPrepared();
    this.#state = { step: IMPORT_STEPS.discard.to };
    await this.#dropped;
    return null;
  }

  /**
   * The state a request starts from, refused when the request needs a later step. The step the
   * request leaves behind if it fails is set now; success sets the step it leads to.
   */
  #enter<T extends ImportRequest['type']>(type: T): StateIn<(typeof IMPORT_STEPS)[T]['from'][number]> {
    const state = this.#state;
    const { from, failed } = IMPORT_STEPS[type];
    if (!(from as readonly ImportStep[]).includes(state.step)) throw new Error(IMPORT_STEP_REFUSALS[state.step as keyof typeof IMPORT_STEP_REFUSALS]);
    this.#state = this.#fallBackTo(failed);
    return state as StateIn<(typeof IMPORT_STEPS)[T]['from'][number]>;
  }

  /** The current state cut back to `step` (it never goes forward). */
  #fallBackTo(step: ImportStep): ImportState {
    const state = this.#state;
    if (step === 'idle' || state.step === 'idle') return { step: 'idle' };
    if (step === 'parsed') return { step: 'parsed', file: state.file };
    return state;
  }
}

/**
 * The id of the rows stored ahead once all are (waited for, telling `progress`; a cancel stops
 * them and throws); undefined when there are none or they stopped, so the commit writes them.
 */
async function stagedFully(staged: StagedRows | null, ctx: Context, progress: (written: number) => void): Promise<string | undefined> {
  if (!staged) return undefined;
  staged.onProgress = (written) => {
    if (ctx.cancelled) void staged.discard();
    else progress(written);
  };
  try {
    progress(staged.written);
    const complete = await staged.done;
    ctx.throwIfCancelled();
    return complete ? staged.versionId : undefined;
  } finally {
    staged.onProgress = null;
  }
}

/** The import's requests, answered by one job. */
export function importHandlers(job: ImportJob): Pick<DataHandlers, ImportRequest['type'] | 'warmUp'> {
  return {
    warmUp: (request, ctx) => job.warmUp(request, ctx),
    parse: (request, ctx) => job.parse(request, ctx),
    validate: (request, ctx) => job.validate(request, ctx),
    commit: (request, ctx) => job.commit(request, ctx),
    discard: () => job.discard(),
  };
}
