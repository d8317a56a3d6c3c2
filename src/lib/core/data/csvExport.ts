/**
 * Dataset export as CSV (RFC 4180) that is safe to open in a spreadsheet, and as a versioned
 * JSON document.
 *
 * ## Formula injection
 * A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a
 * formula, so a ticket text like `=HYPERLINK("http://evil", "click")` becomes a live link. As
 * OWASP recommends, such **string** cells get a leading `'`, which spreadsheets show as text.
 * Number cells are written as numbers and never escaped (`-3` stays `-3`): only strings can
 * carry a payload, and escaping numbers would turn them into text.
 *
 * ## Round trip
 * An exported CSV re-imports to the same content hash with the suggested mapping and the default
 * choices: its fixed columns are recognised by position (`isExportHeader`) and its metadata
 * columns typed from every value as written here (`exportedColumnType` in `inferTypes.ts`).
 * Limits: a metadata column named like a fixed column comes back as `meta_<name>`; a text or
 * category column whose every value is written exactly like a number (`12`) or one of our
 * timestamps comes back as numbers or dates; timestamps outside the plausible range of the new
 * import (before 1990 unless lowered, or in the future) are reported and, by default, dropped;
 * rows a version kept against the import's defaults (exact duplicates, empty texts, label
 * spelling variants) need the same choice again.
 *
 * The importer must undo the escaping with `unescapeFormulaCell` on every cell. To keep that
 * exact, a string that already starts with apostrophes before a trigger character (`'=x`) is
 * escaped too (`''=x`), and unescaping removes exactly one apostrophe only from cells that
 * start with one or more apostrophes followed by a trigger. So `unescape(escape(s)) === s` for
 * every string; a cell from another tool that starts with `'=` loses one apostrophe on import,
 * which is almost always that tool's own escaping.
 *
 * Records end with CRLF (including the last), fields are quoted when they contain a comma,
 * quote, CR or LF, and quotes are doubled. null is written as an empty field.
 */
import type { ColumnSchema, DataRow, MetaValue } from './dataset';

export type CsvCell = string | number | null;

const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes `'` to a string a spreadsheet would run as a formula (see the module comment). */
export function escapeFormulaCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Undoes `escapeFormulaCell`: the importer applies it to every cell of a CSV. */
export function unescapeFormulaCell(s: string): string {
  return ESCAPED_FORMULA_START.test(s) ? s.slice(1) : s;
}

/** One field: numbers as numbers (non-finite as empty), strings formula-escaped, quoted if needed. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = escapeFormulaCell(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: the header then one record per row, each ended by CRLF. */
export function toCsv(columns: string[], rows: CsvCell[][]): string {
  const parts = [columns.map(csvField).join(',')];
  for (const row of rows) parts.push(row.map(csvField).join(','));
  return `${parts.join('\r\n')}\r\n`;
}

/** Columns every dataset export starts with; metadata columns follow. */
export const ROW_COLUMNS = ['key', 'text', 'label', 'timestamp', 'split'] as const;

/**
 * Whether a header starts with exactly the columns `rowsToCsv` writes. Import then maps such a
 * file by position (`suggestMapping`), not by guessing from names and values, so an exported
 * version comes back as it was even when its timestamps are blank.
 */
export function isExportHeader(header: readonly string[]): boolean {
  return ROW_COLUMNS.every((name, i) => header[i] === name);
}

/**
 * Header names for metadata columns: a name equal to a fixed column (or to an earlier name)
 * gets a `meta_` prefix, repeated until unique, so no column is lost.
 */
export function metaHeader(metaColumns: readonly string[]): string[] {
  const used = new Set<string>(ROW_COLUMNS);
  return metaColumns.map((name) => {
    let out = name;
    while (used.has(out)) out = `meta_${out}`;
    used.add(out);
    return out;
  });
}

/** Rows as CSV with columns key, text, label, timestamp, split, then `metaColumns` (missing values blank). */
export function rowsToCsv(rows: readonly DataRow[], metaColumns: string[]): string {
  const body = rows.map((r): CsvCell[] => [
    r.key,
    r.text,
    r.label,
    r.timestamp ?? null,
    r.split ?? null,
    ...metaColumns.map((c): MetaValue => r.meta[c] ?? null),
  ]);
  return toCsv([...ROW_COLUMNS, ...metaHeader(metaColumns)], body);
}

/** Meta columns in first-seen order over all rows: the columns an export writes after the fixed ones. */
export function metaColumnsOf(rows: readonly Pick<DataRow, 'meta'>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.meta)) seen.add(key);
  return [...seen];
}

export const DATASET_DOCUMENT_KIND = 'lifecycle-lab/dataset';
export const DATASET_SCHEMA_VERSION = 1;

/** What travels with exported rows. */
export interface DatasetExportInfo {
  name: string;
  /** ISO 8601 time of the export (passed in: the core has no clock). */
  exportedAt: string;
  /** Column roles and types of the dataset. */
  schema?: ColumnSchema[];
  /** Content hash of the dataset version (`hashRows`). */
  contentHash?: string;
  /** Seed of the split assignment. */
  seed?: string | number;
  /** Ids this dataset came from (project, dataset version, import), for lineage. */
  lineage?: Record<string, string>;
}

export interface DatasetDocument {
  kind: typeof DATASET_DOCUMENT_KIND;
  schemaVersion: typeof DATASET_SCHEMA_VERSION;
  data: DatasetExportInfo & { rowCount: number; rows: DataRow[] };
}

/** The versioned dataset document `{ kind, schemaVersion, data }`. */
export function datasetDocument(rows: readonly DataRow[], info: DatasetExportInfo): DatasetDocument {
  return { kind: DATASET_DOCUMENT_KIND, schemaVersion: DATASET_SCHEMA_VERSION, data: { ...info, rowCount: rows.length, rows: [...rows] } };
}

/** The dataset document as JSON text (absent optional fields omitted). */
export function rowsToJson(rows: readonly DataRow[], info: DatasetExportInfo): string {
  return JSON.stringify(datasetDocument(rows, info));
}
