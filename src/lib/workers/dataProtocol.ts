/**
 * Messages of the data worker, carried by rpc.ts: CSV import (parse → validate → commit) and
 * operations on dataset versions. Large data stays in the worker; the page gets summaries and
 * pages of rows.
 */
import type { ColumnMapping, DataRow, RawRecord, SplitName } from '$lib/core/data/dataset';
import type { Delimiter } from '$lib/core/data/csvParse';
import type { MalformedRecord } from '$lib/core/data/csvRecords';
import type { CategoryReport, Decisions, IssueCategory } from '$lib/core/data/validation';
import type { SplitRatios } from '$lib/core/data/split';
import type { DatasetVersionRecord } from '$lib/db/records';

export interface ParsedFile {
  fileName: string;
  sizeBytes: number;
  delimiter: Delimiter;
  header: string[];
  /** The first records, to show next to the column mapping. */
  preview: RawRecord[];
  records: number;
  malformed: number;
  blankLines: number;
  suggested: ColumnMapping;
  parseMs: number;
}

/** The validation report as the page sees it: categories with capped line lists. */
export interface ReportSummary {
  total: number;
  categories: (CategoryReport & { moreLines: number })[];
  malformed: Pick<MalformedRecord, 'line' | 'fieldCount' | 'expected' | 'problem'>[];
  validateMs: number;
}

export interface CommitResult {
  version: DatasetVersionRecord;
  kept: number;
  excluded: { line: number; reasons: IssueCategory[] }[];
  writeMs: number;
}

export type LabelFilter = { kind: 'any' } | { kind: 'unlabelled' } | { kind: 'label'; label: string };

export interface RowQuery {
  versionId: string;
  search?: string;
  label?: LabelFilter;
  split?: SplitName | 'none' | 'any';
  offset: number;
  limit: number;
}

export interface RowPage {
  rows: (DataRow & { position: number })[];
  total: number;
}

export type DataRequest =
  | { type: 'parse'; file: Blob; fileName: string; delimiter: Delimiter | 'auto' }
  | { type: 'validate'; mapping: ColumnMapping }
  | { type: 'commit'; projectId: string; decisions: Decisions; message: string }
  | { type: 'discard' }
  | { type: 'query'; query: RowQuery }
  | { type: 'label'; versionId: string; keys: string[]; label: string | null; message: string; change: 'label' | 'bulk-label' }
  | { type: 'split'; versionId: string; method: 'stratified' | 'time'; ratios: SplitRatios; seed: string }
  | { type: 'export'; versionId: string; format: 'csv' | 'json'; name: string; exportedAt: string };

/** The result type of each request type. */
export interface DataResults {
  parse: ParsedFile;
  validate: ReportSummary;
  commit: CommitResult;
  discard: null;
  query: RowPage;
  label: DatasetVersionRecord;
  split: DatasetVersionRecord;
  export: { text: string; fileName: string; mimeType: string };
}

export interface DataProgress {
  phase: 'parse' | 'validate' | 'write' | 'load';
  /** Work done and total in the phase's unit (bytes while parsing, rows otherwise). */
  done: number;
  total: number;
  records: number;
  elapsedMs: number;
}

/** Line lists longer than this reach the page cut, with the rest counted. */
export const REPORT_LINES_CAP = 1000;
