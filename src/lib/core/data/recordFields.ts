/**
 * How a raw CSV record becomes the parts of a `DataRow` (text, label, timestamp, metadata),
 * read once per record into its draft (`recordDrafts.ts`), which validation and
 * `applyDecisions` both use.
 */
import type { ColumnMapping, MetaValue, RawRecord } from './dataset';
import type { MalformedInput } from './issues';
import { parseDate, parseNumber } from './parseValues';

/** A record in line order; `malformed` is set when the parser found the wrong field count. */
export interface RecordEntry {
  line: number;
  fields: string[];
  malformed: MalformedInput | null;
}

/** Records and malformed records as one list in line order (stable for equal lines). */
export function mergeRecords(records: readonly RawRecord[], malformed: readonly MalformedInput[]): RecordEntry[] {
  const entries: RecordEntry[] = new Array(records.length + malformed.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < records.length || j < malformed.length) {
    const takeRecord = j >= malformed.length || (i < records.length && records[i].line <= malformed[j].line);
    if (takeRecord) {
      const r = records[i++];
      entries[k++] = { line: r.line, fields: r.fields, malformed: null };
    } else {
      const m = malformed[j++];
      entries[k++] = { line: m.line, fields: m.fields, malformed: m };
    }
  }
  // The merge assumes both inputs are in line order; sort if they were not.
  for (let n = 1; n < entries.length; n++) {
    if (entries[n].line < entries[n - 1].line) return entries.sort((a, b) => a.line - b.line);
  }
  return entries;
}

/** Column positions of the mapping's roles (-1 when a role is not mapped). */
export interface ColumnIndexes {
  text: number[];
  label: number;
  timestamp: number;
  id: number;
  split: number;
  /** Metadata columns in header order. */
  meta: { name: string; index: number; type: ColumnMapping['metaTypes'][string] }[];
}

/**
 * Resolves the mapping against the header; throws if it names a column the header lacks.
 * Columns with a role are never metadata, and columns neither in a role nor in `metaTypes` are
 * dropped (that is how the user leaves a column out).
 */
export function columnIndexes(header: readonly string[], mapping: ColumnMapping): ColumnIndexes {
  const find = (name: string | null): number => {
    if (name === null) return -1;
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`Column "${name}" is not in the header`);
    return index;
  };
  const text = mapping.textColumns.map(find);
  const label = find(mapping.labelColumn);
  const timestamp = find(mapping.timestampColumn);
  const id = find(mapping.idColumn);
  const split = find(mapping.splitColumn ?? null);
  const roles = new Set([...text, label, timestamp, id, split]);
  for (const name of Object.keys(mapping.metaTypes)) find(name);
  const meta = header
    .map((name, index) => ({ name, index, type: mapping.metaTypes[name] }))
    .filter((c) => Object.hasOwn(mapping.metaTypes, c.name) && !roles.has(c.index) && header.indexOf(c.name) === c.index);
  return { text, label, timestamp, id, split, meta };
}

/** A cell, trimmed; a missing field (short record) reads as blank. */
export function cell(fields: readonly string[], index: number): string {
  if (index < 0) return '';
  const s = fields[index] ?? '';
  // Most cells have nothing to trim, and trim() is a call into the engine's runtime for a cut string.
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  return s === '' || (first > 32 && first < 127 && last > 32 && last < 127) ? s : s.trim();
}

/** The two strings `pair` joins, reused: a new array per record is garbage the collector must clear. */
const PAIR = ['', ''];

/**
 * `a` and `b` with `separator` between them as ONE new flat string (`a + b` makes a pair of
 * pieces every reader has to follow, and a slice of a long string is a view that keeps it alive).
 */
export function pair(a: string, separator: string, b: string): string {
  PAIR[0] = a;
  PAIR[1] = b;
  const out = PAIR.join(separator);
  PAIR[0] = PAIR[1] = '';
  return out;
}

/**
 * The row text: trimmed non-blank text cells joined by a blank line, with Windows and old Mac
 * line endings turned into `\n` (so the same text hashes the same whichever OS exported it).
 */
export function rowText(fields: readonly string[], textIndexes: readonly number[], copy: (cell: string) => string = (c) => c): string {
  // The first two non-blank cells are held in locals: an array grown by push took ~180 bytes per
  // record (room for 17), more than the text of many; two are joined by `pair`.
  let first = '';
  let second = '';
  let parts: string[] | null = null;
  for (let k = 0; k < textIndexes.length; k++) {
    const part = cell(fields, textIndexes[k]);
    if (part === '') continue;
    if (first === '') first = part;
    else if (second === '') second = part;
    else (parts ??= [first, second]).push(part);
  }
  // A single cell is the parser's, passed through `copy` when the caller keeps it.
  const out = second === '' ? (first === '' ? '' : copy(first)) : parts === null ? pair(first, '\n\n', second) : parts.join('\n\n');
  return out.includes('\r') ? out.replace(/\r\n?/g, '\n') : out;
}

/**
 * A metadata cell converted by its column type: numbers via `parseNumber`, dates via `parseDate`
 * (ISO 8601 UTC), categories and texts as trimmed strings; blank and unparseable values are null.
 */
export function metaValue(raw: string, type: ColumnMapping['metaTypes'][string]): MetaValue {
  const v = raw.trim();
  if (v === '') return null;
  if (type === 'number') return parseNumber(v);
  if (type === 'date') return parseDate(v);
  return v;
}

/** Replacement character, or UTF-8 read as Latin-1/Windows-1252 (`Ã©` for é, `â€™` for ’). */
const ENCODING_TROUBLE = /\uFFFD|Ã[\u0080-\u00BF\u2018-\u203A]|â€/;

/** The first field index with an encoding problem, or -1. */
export function encodingTroubleAt(fields: readonly string[]): number {
  for (let i = 0; i < fields.length; i++) if (ENCODING_TROUBLE.test(fields[i])) return i;
  return -1;
}

/** Text for previews: at most `max` characters, with an ellipsis when cut. */
export function preview(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
