import type { ColumnMapping } from '$lib/core/data/dataset';
import type { Delimiter } from '$lib/core/data/csvParse';
import type { TextEncoding } from '$lib/core/data/textDecoding';
import { mappingProblems } from '$lib/core/data/mapping';
import { ISSUE_POLICIES, type Decisions, type IssueAction, type IssueCategory } from '$lib/core/data/validation';
import { DEFAULT_EARLIEST_YEAR, yearFixProblems } from '$lib/core/data/plausibleDates';
import { nowIso } from '$lib/clock';
import { dataCall } from '$lib/workers/dataClient';
import type { CommitResult, DataProgress, OpenedFile, ParsedFile, ReportSummary } from '$lib/workers/dataProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';

export type ImportStep = 'choose' | 'parsing' | 'mapping' | 'checking' | 'report' | 'writing' | 'done';

/**
 * A User Timing mark `import:<what>` (the bench reads them to split an import's wall time into
 * the worker's phases, the page's renders and the waits between them); `detail` carries the
 * worker's own timings.
 */
export function markImport(what: string, detail?: unknown): void {
  globalThis.performance?.mark?.(`import:${what}`, detail === undefined ? undefined : { detail });
}

/**
 * One CSV import, step by step: parse in the worker (progress, cancel) → map columns → check
 * (the validation report) → choose per category → write one version (progress, cancel).
 * The columns are shown from the file's first records while the worker reads the rest; a check
 * asked for meanwhile waits for the end of the read. Cancelling or failing at any step leaves the
 * database as it was.
 */
export class Importer {
  step = $state<ImportStep>('choose');
  progress = $state.raw<DataProgress | null>(null);
  /** The start of the file (columns, first records, how it is read), from its first records. */
  opened = $state.raw<OpenedFile | null>(null);
  /** The whole file read (its counts); null while it is still read. */
  parsed = $state.raw<ParsedFile | null>(null);
  mapping = $state<ColumnMapping>({ textColumns: [], labelColumn: null, timestampColumn: null, idColumn: null, metaTypes: {} });
  delimiter = $state<Delimiter | 'auto'>('auto');
  /** The file's encoding as chosen; `auto` reads it in the encoding its first bytes suggest. */
  encoding = $state<TextEncoding | 'auto'>('auto');
  report = $state.raw<ReportSummary | null>(null);
  decisions = $state<Decisions>({});
  /** Timestamps before 1 January of this year count as implausible (so do those after today). */
  earliestYear = $state(DEFAULT_EARLIEST_YEAR);
  /** The `fix-year` mapping: implausible year → year to read it as. */
  yearFixes = $state<Record<string, number>>({});
  message = $state('');
  error = $state<string | null>(null);
  result = $state.raw<CommitResult | null>(null);
  #call: Call<unknown> | null = null;
  #file = $state.raw<File | null>(null);
  /** The parse whose messages the page follows: another reading, another file or a reset leaves the old one behind. */
  #reading: Call<ParsedFile> | null = null;
  /** Settles when the reading started last ends (read, failed or cancelled). */
  #read: Promise<void> = Promise.resolve();
  /** When the file was read: the end of the plausible dates, so the worker can check records as it reads them. */
  #readAt = nowIso();

  readonly mappingProblems = $derived(this.opened ? mappingProblems(this.opened.header, this.mapping) : []);

  /** Why the chosen year fix cannot be applied yet; [] unless `fix-year` is chosen. */
  readonly fixProblems = $derived.by(() => {
    const report = this.report;
    if (!report || this.decisions['implausible-date'] !== 'fix-year') return [];
    const groups = report.categories.find((c) => c.category === 'implausible-date')?.yearGroups ?? [];
    return yearFixProblems(groups, this.yearFixes, report.plausibleDates);
  });

  /**
   * Asks the data worker to rehearse an import on a synthetic file while the person chooses a
   * real one (once per worker; a chosen file stops it). Marked `import:warmed` when done, for the
   * bench. A failed rehearsal costs nothing but the speed-up: it is not reported.
   */
  warmUp(): void {
    const dates = { earliestYear: this.earliestYear, now: nowIso() };
    void dataCall({ type: 'warmUp', dates }).result.then(
      (w) => w.complete && markImport('warmed', { warmUpMs: w.ms, warmUpRecords: w.records }),
      () => undefined,
    );
  }

  async choose(file: File): Promise<void> {
    this.reset();
    markImport('chosen');
    this.#file = file;
    await (this.#read = this.#parse());
  }

  /** Parses the chosen file again with another delimiter or encoding (a read still going on is stopped). */
  async reparse(choice: { delimiter?: Delimiter | 'auto'; encoding?: TextEncoding | 'auto' }): Promise<void> {
    if (choice.delimiter) this.delimiter = choice.delimiter;
    if (choice.encoding) this.encoding = choice.encoding;
    if (this.#file) await (this.#read = this.#parse());
  }

  async #parse(): Promise<void> {
    const file = this.#file!;
    this.#reading?.cancel();
    this.step = 'parsing';
    this.error = null;
    this.opened = null;
    this.parsed = null;
    this.report = null;
    this.progress = null;
    markImport('parse-sent');
    this.#readAt = nowIso();
    const dates = { earliestYear: this.earliestYear, now: this.#readAt };
    const call: Call<ParsedFile> = dataCall({ type: 'parse', file, fileName: file.name, delimiter: this.delimiter, encoding: this.encoding, dates }, (p) => {
      if (this.#reading !== call) return;
      this.progress = p;
      if (p.opened) this.#open(p.opened);
    });
    this.#reading = call;
    const parsed = await this.#run(call);
    if (this.#reading !== call) return;
    this.#reading = null;
    if (!parsed) return this.#back('choose');
    markImport('parsed', { parseMs: parsed.parseMs });
    if (!this.opened) this.#open(parsed);
    this.parsed = parsed;
    this.progress = null;
  }

  /** The columns step, from the file's first records (the rest may still be read). */
  #open(opened: OpenedFile): void {
    markImport('opened', { openedMs: opened.openedMs });
    this.opened = opened;
    this.mapping = structuredClone(opened.suggested);
    this.message = `Imported ${opened.fileName}`;
    this.step = 'mapping';
  }

  async check(): Promise<void> {
    if (this.mappingProblems.length) return;
    this.step = 'checking';
    this.error = null;
    markImport('check-asked');
    // The check needs the whole file: wait for the read with its progress (Cancel stops it).
    if (!this.parsed) await this.#read;
    if (this.step !== 'checking' || !this.parsed) return;
    this.progress = null;
    const dates = { earliestYear: this.earliestYear, now: this.#readAt };
    markImport('validate-sent');
    // Columns other than the suggested ones make the worker read the file again: it reports progress then.
    const report = await this.#run(dataCall({ type: 'validate', mapping: $state.snapshot(this.mapping), dates }, (p) => (this.progress = p)));
    if (!report) return this.#back('mapping');
    markImport('validated', { validateMs: report.validateMs });
    this.report = report;
    // Checking again (another date bound) keeps the choices already made.
    this.decisions = Object.fromEntries(report.categories.filter((c) => c.count > 0).map((c) => [c.category, this.decisions[c.category] ?? c.defaultAction]));
    this.step = 'report';
  }

  decide(category: IssueCategory, action: IssueAction): void {
    if (ISSUE_POLICIES[category].actions.includes(action)) this.decisions[category] = action;
  }

  async commit(projectId: string): Promise<CommitResult | undefined> {
    if (this.fixProblems.length) {
      this.error = this.fixProblems.join(' ');
      return undefined;
    }
    this.step = 'writing';
    this.error = null;
    this.progress = null;
    markImport('commit-sent');
    const result = await this.#run(
      dataCall({ type: 'commit', projectId, decisions: $state.snapshot(this.decisions), fixes: { years: $state.snapshot(this.yearFixes) }, message: this.message }, (p) => (this.progress = p)),
    );
    if (!result) return this.#back('report');
    markImport('committed', { writeMs: result.writeMs, ...result.phases });
    this.result = result;
    this.step = 'done';
    return result;
  }

  cancel(): void {
    this.#call?.cancel();
  }

  /** The chosen file's name, from the moment it is chosen. */
  get fileName(): string | null {
    return this.#file?.name ?? null;
  }

  /**
   * Whether a read file waits in the data worker for the person's next step (columns, report):
   * no worker call runs then, but reloading for a new version would still lose it.
   */
  get holdsDraft(): boolean {
    return this.step === 'mapping' || this.step === 'checking' || this.step === 'report';
  }

  reset(): void {
    this.#call?.cancel();
    this.#call = null;
    this.#reading = null;
    if (this.opened) void dataCall({ type: 'discard' }).result.catch(() => null);
    this.step = 'choose';
    this.progress = null;
    this.opened = null;
    this.parsed = null;
    this.report = null;
    this.result = null;
    this.error = null;
    this.decisions = {};
    this.yearFixes = {};
    // Reading choices belong to one file: the next file is detected afresh.
    this.delimiter = 'auto';
    this.encoding = 'auto';
    this.#file = null;
  }

  #back(step: ImportStep): undefined {
    this.step = step;
    this.progress = null;
    return undefined;
  }

  async #run<T>(call: Call<T>): Promise<T | undefined> {
    this.#call = call;
    try {
      return await call.result;
    } catch (error) {
      // A call left behind (another reading, a reset) fails quietly: the page has moved on.
      if (this.#call === call) this.error = error instanceof CancelledError ? 'Cancelled. Nothing was saved.' : error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      if (this.#call === call) this.#call = null;
    }
  }
}
