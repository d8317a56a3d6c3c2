/**
 * Slices: named subsets of rows ("channel = email and tier = enterprise") used to compare
 * metrics, drift and class mix across segments. A condition reads a meta column, or the
 * reserved names `label` and `split` (which win over meta columns of the same name).
 */
import { SPLIT_NAMES, type ColumnSchema, type DataRow, type MetaValue } from './dataset';

export const SLICE_OPS = ['=', '!=', 'in', '<', '<=', '>', '>='] as const;
export type SliceOp = (typeof SLICE_OPS)[number];

export interface SliceCondition {
  column: string;
  op: SliceOp;
  /** An array for 'in', a single value otherwise. */
  value: MetaValue | MetaValue[];
}

/** All conditions must hold; no conditions = every row. */
export interface Slice {
  id: string;
  name: string;
  where: SliceCondition[];
}

export type SliceRow = Pick<DataRow, 'label' | 'split' | 'meta'>;

/** The value a condition sees for `column`; missing meta and unset split read as null. */
export function columnValue(row: SliceRow, column: string): MetaValue {
  if (column === 'label') return row.label;
  if (column === 'split') return row.split ?? null;
  return row.meta[column] ?? null;
}

/** Equality that lets 100 match "100" (CSV-typed and typed-in values meet here). */
function valuesEqual(a: MetaValue, b: MetaValue): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  return false;
}

/**
 * Order comparison: numbers numerically, strings by code unit (ISO dates therefore compare in
 * time order). Mixed types and null compare as false.
 */
function compareValues(a: MetaValue, b: MetaValue): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function conditionHolds(row: SliceRow, c: SliceCondition): boolean {
  const actual = columnValue(row, c.column);
  if (c.op === 'in') return Array.isArray(c.value) && c.value.some((v) => valuesEqual(actual, v));
  if (Array.isArray(c.value)) return false;
  if (c.op === '=') return valuesEqual(actual, c.value);
  if (c.op === '!=') return !valuesEqual(actual, c.value);
  const order = compareValues(actual, c.value);
  if (order === null) return false;
  if (c.op === '<') return order < 0;
  if (c.op === '<=') return order <= 0;
  if (c.op === '>') return order > 0;
  return order >= 0;
}

/** Whether the row meets every condition. `!=` holds for null values (unlike SQL). */
export function matchesSlice(row: SliceRow, slice: Pick<Slice, 'where'>): boolean {
  return slice.where.every((c) => conditionHolds(row, c));
}

export function sliceRows<R extends SliceRow>(rows: readonly R[], slice: Pick<Slice, 'where'>): R[] {
  return rows.filter((row) => matchesSlice(row, slice));
}

const ORDER_OPS: readonly SliceOp[] = ['<', '<=', '>', '>='];

/** Problems that make a slice unusable against a dataset with these meta columns. */
export function validateSlice(slice: Slice, columns: readonly ColumnSchema[]): string[] {
  const problems: string[] = [];
  if (slice.name.trim() === '') problems.push('Give the slice a name.');
  if (slice.where.length === 0) problems.push('Add at least one condition.');
  const types = new Map(columns.map((c) => [c.name, c.type]));
  slice.where.forEach((c, i) => {
    const at = `Condition ${i + 1} (${c.column || '?'})`;
    const type = c.column === 'label' || c.column === 'split' ? c.column : types.get(c.column);
    if (!SLICE_OPS.includes(c.op)) problems.push(`${at}: unknown operator "${c.op}".`);
    if (type === undefined) problems.push(`${at}: there is no column "${c.column}".`);
    const values = Array.isArray(c.value) ? c.value : [c.value];
    if (c.op === 'in' && (!Array.isArray(c.value) || c.value.length === 0)) problems.push(`${at}: "in" needs a list of values.`);
    if (c.op !== 'in' && Array.isArray(c.value)) problems.push(`${at}: "${c.op}" needs a single value, not a list.`);
    if (ORDER_OPS.includes(c.op)) {
      if (type === 'label' || type === 'split' || type === 'category') {
        problems.push(`${at}: "${c.op}" compares numbers or dates, and ${c.column} is a ${type === 'category' ? 'category' : 'name'}.`);
      }
      if (values.some((v) => v === null)) problems.push(`${at}: "${c.op}" cannot compare with null.`);
    }
    if (type === 'split') {
      const bad = values.filter((v) => v !== null && !(SPLIT_NAMES as readonly MetaValue[]).includes(v));
      if (bad.length > 0) problems.push(`${at}: split is one of ${SPLIT_NAMES.join(', ')}, not ${bad.join(', ')}.`);
    }
    if (type === 'number' && values.some((v) => typeof v === 'string' && (v.trim() === '' || Number.isNaN(Number(v))))) {
      problems.push(`${at}: ${c.column} holds numbers.`);
    }
    if (type === 'date' && values.some((v) => v !== null && (typeof v !== 'string' || Number.isNaN(Date.parse(v))))) {
      problems.push(`${at}: ${c.column} holds dates; write them as 2026-01-31.`);
    }
  });
  return problems;
}

/** A value as it is written in a condition; strings that would read back differently are quoted. */
function formatValue(v: MetaValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  const plain =
    /^[^\s"'(),=<>!]+(?: [^\s"'(),=<>!]+)*$/u.test(v) && !/ and /iu.test(v) && v !== 'null' && Number.isNaN(Number(v));
  return plain ? v : JSON.stringify(v);
}

export function describeCondition(c: SliceCondition): string {
  const column = /^[\p{L}\p{N}_.-]+$/u.test(c.column) && c.column.toLowerCase() !== 'in' ? c.column : JSON.stringify(c.column);
  const value = Array.isArray(c.value) ? `(${c.value.map(formatValue).join(', ')})` : formatValue(c.value);
  return `${column} ${c.op} ${value}`;
}

/** "channel = email and tier = enterprise"; "all rows" without conditions. Parses back. */
export function describeSlice(slice: Pick<Slice, 'where'>): string {
  return slice.where.length === 0 ? 'all rows' : slice.where.map(describeCondition).join(' and ');
}

export type ParsedCondition = { ok: true; condition: SliceCondition } | { ok: false; error: string };

/** Reads a quoted string at the start of `text`; returns it and the rest, or null. */
function readQuoted(text: string): { value: string; rest: string } | null {
  const m = /^"(?:[^"\\]|\\.)*"/u.exec(text);
  if (!m) return null;
  try {
    return { value: JSON.parse(m[0]) as string, rest: text.slice(m[0].length) };
  } catch {
    return null;
  }
}

/** One value: "quoted" → string, null → null, a decimal number → number, else the bare text. */
function parseValue(text: string): MetaValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const quoted = readQuoted(t);
  if (quoted && quoted.rest.trim() === '') return quoted.value;
  if (t === 'null') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/iu.test(t)) return Number(t);
  return t;
}

/** Splits "a, "b, c", d" at commas outside quotes. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items;
}

/**
 * Parse one condition: `column op value`. Column names with spaces or operator characters go
 * in double quotes; operators are = (or ==), !=, <, <=, >, >= and `in` with a list
 * `(a, b, "c d")`. Values: "quoted" strings, null, numbers, or bare text (spaces allowed).
 */
export function parseSliceCondition(text: string): ParsedCondition {
  const source = text.trim();
  if (source === '') return { ok: false, error: 'Write a condition such as "tier = enterprise".' };
  let column: string;
  let rest: string;
  const quoted = readQuoted(source);
  if (quoted) {
    column = quoted.value;
    rest = quoted.rest;
  } else {
    const m = /^(.*?)(\s+in\s+|\s+in(?=\()|==|!=|<=|>=|=|<|>)/iu.exec(source);
    if (!m) return { ok: false, error: `No operator in "${source}": use one of ${SLICE_OPS.join(' ')}.` };
    column = m[1].trim();
    rest = source.slice(m[1].length);
  }
  if (column === '') return { ok: false, error: `"${source}" names no column.` };
  const op = /^\s*(in\b|==|!=|<=|>=|=|<|>)/iu.exec(rest);
  if (!op) return { ok: false, error: `Expected an operator after "${column}": one of ${SLICE_OPS.join(' ')}.` };
  const opText = op[1].toLowerCase();
  const valueText = rest.slice(op[0].length).trim();
  if (opText === 'in') {
    const inner = valueText.startsWith('(') && valueText.endsWith(')') ? valueText.slice(1, -1) : valueText;
    const values = splitList(inner).map(parseValue);
    if (values.some((v) => v === undefined)) return { ok: false, error: `"in" needs a list such as (email, chat).` };
    return { ok: true, condition: { column, op: 'in', value: values as MetaValue[] } };
  }
  const value = parseValue(valueText);
  if (value === undefined) return { ok: false, error: `"${column} ${opText}" needs a value.` };
  return { ok: true, condition: { column, op: (opText === '==' ? '=' : opText) as SliceOp, value } };
}
