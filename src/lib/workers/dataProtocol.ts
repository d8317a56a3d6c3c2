/**
 * Messages of the data worker, carried by rpc.ts: CSV import (parse → validate → commit, steps
 * the worker holds between requests: IMPORT_STEPS) and operations on dataset versions. Large
 * data stays in the worker; the page gets summaries and pages of rows.
 */
import type { SnapshotDocument, SnapshotOptions } from '$lib/core/snapshot/document';
import type { SnapshotProblem } from '$lib/core/snapshot/problems';
import type { PmSummary } from '$lib/core/snapshot/pmSummary';
import type { ProjectRecord } from '$lib/db/records';
import type { ColumnMapping, RawRecord } from '$lib/core/data/dataset';
import type { DecodingReport, Delimiter } from '$lib/core/data/csvParse';
import type { MalformedRecord, UnclosedQuote } from '$lib/core/data/csvRecords';
import type { TextEncoding } from '$lib/core/data/textDecoding';
import type { CategoryReport, Decisions, IssueCategory, IssueFixes } from '$lib/core/data/validation';
import type { SplitPlan, SplitRatios, UndatedRows } from '$lib/core/data/split';
import type { SplitSummary } from '$lib/core/data/splitSummary';
import type { PlausibleDates } from '$lib/core/data/plausibleDates';
import type { ExploreReport } from '$lib/core/data/explore';
import type { DatasetChecks } from '$lib/core/data/datasetChecks';
import type { DatasetDiff } from '$lib/core/data/diff';
import type { Slice } from '$lib/core/data/slices';
import type { ProductionAgreement } from '$lib/core/loop/agreement';
import type { RowPage, RowQuery } from '$lib/core/data/rowQuery';
import type { DatasetVersionRecord, DriftReportRecord, ModelVersionRecord } from '$lib/db/records';
import type { RetrainPlan } from '$lib/db/retrain';
import type { TextDriftWindowId } from '$lib/core/drift/text/textDriftReport';
import type { PredictionFilter } from '$lib/core/monitor/predictionFilter';
import type { CollectPlan } from '$lib/core/loop/collectPlan';
import type { FallbackChoice, FallbackScore } from '$lib/core/practice/retireFallback';
import type { HandlerTable } from './rpc';

export type { ExploreReport } from '$lib/core/data/explore';
export type { LabelFilter, RowPage, RowQuery } from '$lib/core/data/rowQuery';

/**
 * What the start of a file tells, sent with the parse's progress as soon as its first records
 * are read: the page shows the columns while the rest of the file is read.
 */
export interface OpenedFile {
  fileName: string;
  sizeBytes: number;
  delimiter: Delimiter;
  /** How the file's bytes are decoded, with the first lines of text (the undecodable characters are counted to the end: FileCounts). */
  decoding: Omit<DecodingReport, 'replacements'>;
  header: string[];
  /** The first records, to show next to the column mapping. */
  preview: RawRecord[];
  suggested: ColumnMapping;
  /** From the request to this message. */
  openedMs: number;
}

/** What only the whole file tells: the parse's answer, once the read ends. */
export interface FileCounts {
  records: number;
  malformed: number;
  /** A quote never closed: the rest of the file after it is one record. */
  unclosedQuote: UnclosedQuote | null;
  blankLines: number;
  /** Characters that mean nothing in the file's encoding (shown as U+FFFD). */
  replacements: number;
  parseMs: number;
}

/** The parse's answer: the start of the file (sent early, OpenedFile) and its counts. */
export type ParsedFile = OpenedFile & FileCounts;

/** Plausible timestamps for the import: from 1 January of `earliestYear` to `now` (the page's clock). */
export interface DateBounds {
  earliestYear: number;
  now: string;
}

/** The validation report as the page sees it: categories with capped line lists. */
export interface ReportSummary {
  total: number;
  categories: (CategoryReport & { moreLines: number })[];
  malformed: Pick<MalformedRecord, 'line' | 'fieldCount' | 'expected' | 'problem'>[];
  /** The range `implausible-date` used. */
  plausibleDates: PlausibleDates;
  validateMs: number;
  /** The records were checked while the file was read (same mapping and dates): `validateMs` is only the whole-file part. */
  checkedWhileReading: boolean;
}

export interface CommitResult {
  version: DatasetVersionRecord;
  kept: number;
  /** How many rows were left out; `excluded` lists the first REPORT_LINES_CAP of them. */
  excludedCount: number;
  excluded: { line: number; reasons: IssueCategory[] }[];
  /** From the user's go to the stored version; phases: the room check, applying the choices and hashing (one pass), storing. */
  writeMs: number;
  phases: { roomMs: number; applyMs: number; storeMs: number };
}

export type DataRequest =
  /**
   * Answers when the whole file is read; its progress carries the start of the file (`opened`)
   * as soon as the first records are. With `dates`, records are checked as they are read, against
   * the suggested mapping and those dates (used if the check asks for the same).
   */
  | { type: 'parse'; file: Blob; fileName: string; delimiter: Delimiter | 'auto'; encoding: TextEncoding | 'auto'; dates?: DateBounds }
  | { type: 'validate'; mapping: ColumnMapping; dates: DateBounds }
  | { type: 'commit'; projectId: string; decisions: Decisions; fixes?: IssueFixes; message: string }
  | { type: 'discard' }
  /**
   * Rehearses the import on a small synthetic file while the person chooses one, so the real
   * read runs in compiled code (core/data/importRehearsal.ts); once per worker, stopped by a parse.
   */
  | { type: 'warmUp'; dates: DateBounds }
  | { type: 'query'; query: RowQuery }
  | { type: 'label'; versionId: string; keys: string[]; label: string | null; message: string; change: 'label' | 'bulk-label' }
  | { type: 'split'; versionId: string; method: 'stratified' | 'time'; ratios: SplitRatios; seed: string; undated?: UndatedRows }
  | { type: 'countUndated'; versionId: string }
  /** Per-split size, time range and class balance: of `plan` when given, else of the rows' stored splits. */
  | { type: 'splitSummary'; versionId: string; plan?: SplitPlan }
  | { type: 'export'; versionId: string; format: 'csv' | 'json'; name: string; exportedAt: string }
  | { type: 'explore'; versionId: string }
  | { type: 'checks'; versionId: string; slices: Slice[] }
  | { type: 'maskPii'; versionId: string }
  /** Gathers each group of rows sharing a text across splits in one split (core/data/leakageFix.ts). */
  | { type: 'fixLeakage'; versionId: string }
  | { type: 'diff'; fromId: string; toId: string }
  | { type: 'textDrift'; projectId: string; windowId: TextDriftWindowId; now: string }
  /** Monitor → Data: what collecting the window's logged predictions (that pass `filter`) would add; writes nothing. */
  | { type: 'collectPreview'; projectId: string; filter: PredictionFilter; window: CollectWindow }
  /** Writes them as a new `production` version on the previewed newest version `versionId` (refused when it is no longer the newest). */
  | { type: 'collect'; projectId: string; filter: PredictionFilter; window: CollectWindow; versionId: string; versionNumber: number }
  | { type: 'snapshotExport'; projectId: string; options: SnapshotOptions }
  | { type: 'snapshotRead'; file: Blob }
  | { type: 'snapshotImport'; file: Blob; by: string }
  | { type: 'modelImport'; projectId: string; file: Blob; fileName: string; by: string }
  | { type: 'pmSummary'; projectId: string }
  | { type: 'backupStatus' }
  | { type: 'backupPass' }
  | { type: 'backupRestore'; by: string }
  | { type: 'backupDiscard' }
  | { type: 'backupFingerprint'; projectId: string }
  | { type: 'backupPacked'; projectId: string }
  | { type: 'backupRestorePacked'; packed: string; by: string }
  /** The monitoring of [from, to) as Prometheus text (textfile) or an OpenMetrics backfill (db/interop/monitoringExport.ts). */
  | { type: 'monitoringExport'; projectId: string; from: number; to: number; format: 'prometheus' | 'openmetrics' }
  /** What retraining can do next on the newest version (db/retrain.ts retrainPlan). */
  | { type: 'retrainPlan'; projectId: string }
  /** Retraining's step 1: the labelled rows without a split placed by time, as a new version (db/retrain.ts saveRetrainSplit). */
  | { type: 'retrainSplit'; projectId: string; holdoutShare: number; validationShare: number; by: string }
  /** Monitor → Retrain or retire: a non-ML fallback scored on the run's own test split (workers/retireHandlers.ts). */
  | { type: 'retireFallback'; runId: string; fallback: FallbackChoice };

/**
 * Where the import stands between requests: no file; a file parsed (its records held in the
 * worker); or parsed and checked against a mapping (its validation report held too).
 */
export type ImportStep = 'idle' | 'parsed' | 'validated';

export type ImportRequest = Extract<DataRequest, { type: 'parse' | 'validate' | 'commit' | 'discard' }>;

/**
 * The import's steps as a table: the steps each request is answered in and the step it leads
 * to when it succeeds. Parsing starts over from any step; checking again (another mapping or
 * date range) replaces the report; a failed request leaves the step as it was, except a failed
 * parse (the old file is gone) and a failed check (its report would no longer match the mapping).
 */
export const IMPORT_STEPS = {
  parse: { from: ['idle', 'parsed', 'validated'], to: 'parsed', failed: 'idle' },
  validate: { from: ['parsed', 'validated'], to: 'validated', failed: 'parsed' },
  commit: { from: ['validated'], to: 'idle', failed: 'validated' },
  discard: { from: ['idle', 'parsed', 'validated'], to: 'idle', failed: 'idle' },
} as const satisfies { [T in ImportRequest['type']]: { from: readonly ImportStep[]; to: ImportStep; failed: ImportStep } };

/** The answer to a request that needs a later step than the import is in. */
export const IMPORT_STEP_REFUSALS: Readonly<Record<Exclude<ImportStep, 'validated'>, string>> = {
  idle: 'No file is waiting to be imported. Choose the file again.',
  parsed: 'Check the file before importing it.',
};

/** The result type of each request type. */
export interface DataResults {
  parse: ParsedFile;
  validate: ReportSummary;
  commit: CommitResult;
  discard: null;
  /** Records rehearsed by this call (0 when an earlier one completed or one is under way), and whether they were all. */
  warmUp: { records: number; complete: boolean; ms: number };
  query: RowPage;
  label: DatasetVersionRecord;
  split: DatasetVersionRecord;
  countUndated: { rows: number; undated: number };
  splitSummary: SplitSummary;
  export: { text: string; fileName: string; mimeType: string };
  explore: ExploreReport;
  checks: ChecksReport;
  maskPii: DatasetVersionRecord;
  fixLeakage: DatasetVersionRecord;
  diff: { diff: DatasetDiff; summary: string };
  textDrift: TextDriftResult;
  collectPreview: CollectPreview;
  collect: { version: DatasetVersionRecord; preview: CollectPreview };
  snapshotExport: { text: string; fileName: string };
  /** The document without rows and model files (withoutRowsAndWeights): the page only compares. */
  snapshotRead: { ok: true; document: SnapshotDocument } | { ok: false; problems: SnapshotProblem[] };
  snapshotImport: { ok: true; project: ProjectRecord; warnings: string[]; migratedFrom: number | null } | { ok: false; problems: SnapshotProblem[] };
  pmSummary: PmSummary;
  modelImport: ModelVersionRecord;
  backupStatus: BackupStatus;
  backupPass: { status: BackupStatus; written: number; failed: { name: string; message: string }[] };
  backupRestore: { restored: string[]; failed: { name: string; message: string }[] };
  backupDiscard: null;
  backupFingerprint: string;
  /** The project's full snapshot, compressed (core/backup/compactBackup.ts). */
  backupPacked: string;
  backupRestorePacked: { id: string };
  monitoringExport: string;
  retrainPlan: RetrainPlan;
  retrainSplit: DatasetVersionRecord;
  retireFallback: FallbackScore;
}

/**
 * The project backups outside IndexedDB (core/backup): none kept yet or no file system for them;
 * up to date for this database; or this database is not the one backed up (the browser discarded
 * or reset it) and these projects can be restored.
 */
export type BackupStatus =
  | { state: 'unavailable' }
  | { state: 'none' }
  | { state: 'current'; projects: number; newest: string | null }
  | { state: 'lost'; projects: { name: string; backedUpAt: string; bytes: number }[] };

/**
 * A text drift check: the stored report; or too few logged texts in the window (nothing stored);
 * or no training texts to compare with (nothing deployed, an imported model, …).
 */
export type TextDriftResult =
  | { status: 'stored'; report: DriftReportRecord }
  | { status: 'too-few'; texts: number; minimum: number; window: { from: string; to: string } }
  | { status: 'unavailable'; reason: string };

/** A window of logged traffic, ISO 8601: from (null = everything kept, inclusive) to (exclusive). */
export interface CollectWindow {
  from: string | null;
  to: string;
}

/** What collecting would add (core/loop/collectPlan.ts without the rows), on the newest version it was computed on. */
export type CollectPreview = Omit<CollectPlan, 'rows'> & { version: { id: string; number: number } };

/** What the Data Ethics Review and the label-quality warnings draw on, with the agreement of the labels of production rows. */
export type ChecksReport = DatasetChecks & { agreement: ProductionAgreement; elapsedMs: number };

export interface DataProgress {
  phase: 'parse' | 'validate' | 'write' | 'load' | 'drift' | 'collect' | 'fallback';
  /** What the phase is doing now, in words (drift: "training the domain classifier"). */
  step?: string;
  /** Work done and total in the phase's unit (bytes while parsing, rows otherwise). */
  done: number;
  total: number;
  records: number;
  elapsedMs: number;
  /** Once, with the parse's progress: the start of the file, when its first records are read. */
  opened?: OpenedFile;
}

/** Line lists longer than this reach the page cut, with the rest counted. */
export const REPORT_LINES_CAP = 1000;

/** The data worker's handler table: one handler per request type. */
export type DataHandlers = HandlerTable<DataRequest, DataProgress, DataResults>;
