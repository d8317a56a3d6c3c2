/**
 * A project's request contract: what each named field of a predict request must look like
 * (required or not, length bounds, allowed characters). It is the "schema validation in the
 * pipeline" of the regression drill: a client that starts sending tickets without a subject, or
 * cut short, is refused with `422 contract_violation` naming the field, instead of being scored
 * (and later trained on) silently.
 *
 * One function decides (`checkRequestContract`); the endpoint calls it on every predict request,
 * the Deploy page explains it, the tests pin it. The fields' order is also the order their texts
 * are joined in for the model (`textFieldOrder`).
 */
import { codePointLength, quantile } from '../data/explore';
import type { DataRow, ColumnSchema } from '../data/dataset';
import { DEFAULT_PREDICT_LIMITS } from './api';

/**
 * - `any`: every character;
 * - `printable`: no control characters except newline and tab;
 * - `printable-no-replacement`: printable, and no U+FFFD "�" (the mark of text decoded with the wrong encoding upstream).
 */
export const CHARSETS = ['any', 'printable', 'printable-no-replacement'] as const;
export type Charset = (typeof CHARSETS)[number];

export const CHARSET_WORDS: Readonly<Record<Charset, string>> = {
  any: 'any characters',
  printable: 'printable text (no control characters except newline and tab)',
  'printable-no-replacement': 'printable text without “�” replacement characters',
};

/** Short names for a choice list. */
export const CHARSET_LABELS: Readonly<Record<Charset, string>> = {
  any: 'any',
  printable: 'printable',
  'printable-no-replacement': 'printable, no “�”',
};

export interface FieldRule {
  /** The request field's name, e.g. `subject`. */
  name: string;
  /** Missing, null or blank is a violation. */
  required: boolean;
  /** Characters (code points) after trimming; absent = no bound. Applied only to a present value. */
  minLength?: number;
  maxLength?: number;
  charset: Charset;
}

export interface RequestContract {
  /** Off keeps the rules but checks nothing. */
  enabled: boolean;
  /** In the order their texts are joined for the model. */
  fields: FieldRule[];
}

/** A violated rule: the field it concerns (for `field` in the 422 answer and the counts) and a sentence. */
export interface ContractViolation {
  field: string;
  message: string;
}

export const CONTRACT_VIOLATION = Object.freeze({ status: 422, code: 'contract_violation' as const });
export const MAX_CONTRACT_FIELDS = 20;
const MAX_FIELD_NAME = 100;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** The project's contract; absent (the default) means none. */
export function requestContractOf(project: { requestContract?: RequestContract } | undefined): RequestContract | null {
  const c = project?.requestContract;
  return c && c.fields.length > 0 ? c : null;
}

/** Why `contract` cannot be saved, or null. */
export function requestContractProblem(contract: RequestContract): string | null {
  if (contract.fields.length === 0) return 'A request contract needs at least one field.';
  if (contract.fields.length > MAX_CONTRACT_FIELDS) return `A request contract has at most ${MAX_CONTRACT_FIELDS} fields.`;
  const seen = new Set<string>();
  for (const [i, f] of contract.fields.entries()) {
    const where = `Field ${i + 1}${f.name ? ` (“${f.name}”)` : ''}`;
    if (!FIELD_NAME.test(f.name) || f.name.length > MAX_FIELD_NAME) return `${where}: a name is letters, digits, “_”, “.” or “-”, starting with a letter or “_” (at most ${MAX_FIELD_NAME}).`;
    if (seen.has(f.name)) return `${where}: the name is used twice.`;
    seen.add(f.name);
    for (const [key, value] of [['minimum', f.minLength], ['maximum', f.maxLength]] as const) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > DEFAULT_PREDICT_LIMITS.maxChars)) {
        return `${where}: the ${key} length is a whole number from 0 to ${DEFAULT_PREDICT_LIMITS.maxChars.toLocaleString('en-US')}.`;
      }
    }
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) return `${where}: the minimum length is above the maximum.`;
    if (!CHARSETS.includes(f.charset)) return `${where}: unknown character rule “${String(f.charset)}”.`;
  }
  return null;
}

/** What a predict request sent: one or more texts, or one or more records of named fields. */
export type ContractInput = { kind: 'text' } | { kind: 'fields'; records: readonly Readonly<Record<string, string | null | undefined>>[] };

// Control characters (C0 and C1, and DEL) other than tab and newline: finding them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

function charsetProblem(value: string, charset: Charset): string | null {
  if (charset === 'any') return null;
  const control = CONTROL.exec(value);
  if (control) return `contains a control character (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at position ${codePointLength(value.slice(0, control.index)) + 1}`;
  if (charset === 'printable-no-replacement') {
    const at = value.indexOf('\uFFFD');
    if (at >= 0) return `contains a replacement character “�” at position ${codePointLength(value.slice(0, at)) + 1} (text decoded with the wrong encoding?)`;
  }
  return null;
}

/**
 * The first rule `input` breaks under `contract`, or null when it keeps them all (or there is no
 * contract, or it is off). Checks per record in the contract's field order: presence, then length
 * (code points of the trimmed value), then characters. Fields the contract does not name pass.
 * A request that sent plain `text` cannot show its fields: under a contract with a required field
 * it is a violation of that field which says to send `fields`.
 */
export function checkRequestContract(contract: RequestContract | null, input: ContractInput): ContractViolation | null {
  if (!contract?.enabled) return null;
  if (input.kind === 'text') {
    const required = contract.fields.filter((f) => f.required).map((f) => f.name);
    if (required.length === 0) return null;
    const example = `{"fields": {${required.map((n) => `"${n}": "…"`).join(', ')}}}`;
    return { field: required[0], message: `This endpoint's request contract requires the field${required.length > 1 ? 's' : ''} ${required.map((n) => `"${n}"`).join(', ')}: send ${example} instead of "text".` };
  }
  const many = input.records.length > 1;
  for (const [i, record] of input.records.entries()) {
    for (const rule of contract.fields) {
      const where = many ? `records[${i}].${rule.name}` : rule.name;
      const raw = record[rule.name];
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value === '') {
        if (rule.required) return { field: rule.name, message: `"${where}" is required by this endpoint's request contract but is ${raw === undefined ? 'missing' : 'empty'}.` };
        continue;
      }
      const length = codePointLength(value);
      if (rule.minLength !== undefined && length < rule.minLength) return { field: rule.name, message: `"${where}" has ${length} characters; the request contract asks for at least ${rule.minLength}.` };
      if (rule.maxLength !== undefined && length > rule.maxLength) return { field: rule.name, message: `"${where}" has ${length} characters; the request contract allows at most ${rule.maxLength}.` };
      const chars = charsetProblem(value, rule.charset);
      if (chars) return { field: rule.name, message: `"${where}" ${chars}; the request contract allows ${CHARSET_WORDS[rule.charset]}.` };
    }
  }
  return null;
}

/** The order a fields request's texts are joined in: the contract's fields, or else the dataset's text columns. */
export function textFieldOrder(contract: RequestContract | null, schema: readonly ColumnSchema[] | undefined): string[] {
  if (contract) return contract.fields.map((f) => f.name);
  return (schema ?? []).filter((c) => c.type === 'text').map((c) => c.name);
}

/**
 * Each text column's values in `rows` (null where missing). A row keeps only its joined text, so a
 * column is read from the row's metadata when the dataset kept it there (the sample keeps
 * `subject`); one text column without metadata is what remains of the text once the others
 * (and their blank-line joins) are taken off. Any other is unknown (null) and gets no bounds.
 */
export function textColumnValues(rows: readonly DataRow[], columns: readonly string[]): Map<string, (string | null)[]> {
  const inMeta = columns.filter((c) => rows.some((r) => Object.hasOwn(r.meta, c)));
  const rest = columns.filter((c) => !inMeta.includes(c));
  const values = new Map<string, (string | null)[]>();
  for (const c of columns) values.set(c, []);
  for (const row of rows) {
    let remaining = row.text;
    for (const c of inMeta) {
      const v = row.meta[c];
      const text = typeof v === 'string' && v.trim() !== '' ? v : null;
      values.get(c)!.push(text);
      if (text !== null && remaining.startsWith(text)) remaining = remaining.slice(text.length).replace(/^\n\n/, '');
      else if (text !== null && remaining.endsWith(text)) remaining = remaining.slice(0, -text.length).replace(/\n\n$/, '');
    }
    for (const c of rest) values.get(c)!.push(rest.length === 1 && remaining.trim() !== '' ? remaining : null);
  }
  return values;
}

/**
 * A contract suggested from a training dataset: one field per text column (in the schema's
 * order), required where no training row misses it, lengths between the 1st and 99th
 * percentiles of the training values (floored and ceiled), printable text. Off until saved on.
 */
export function suggestRequestContract(rows: readonly DataRow[], schema: readonly ColumnSchema[]): RequestContract {
  const columns = textFieldOrder(null, schema);
  const values = textColumnValues(rows, columns);
  const fields = columns.map((name): FieldRule => {
    const present = values.get(name)!.filter((v): v is string => v !== null);
    const lengths = Float64Array.from(present, (v) => codePointLength(v.trim())).sort();
    const known = present.length > 0;
    return {
      name,
      required: known && present.length === rows.length,
      ...(known ? { minLength: Math.floor(quantile(lengths, 0.01)), maxLength: Math.ceil(quantile(lengths, 0.99)) } : {}),
      charset: 'printable',
    };
  });
  return { enabled: false, fields };
}

/** One line for people: "subject required, 10–80 characters; body required, 40–900 characters". */
export function describeRequestContract(contract: RequestContract): string {
  return contract.fields
    .map((f) => {
      const bounds = f.minLength !== undefined && f.maxLength !== undefined ? `${f.minLength}–${f.maxLength} characters` : f.minLength !== undefined ? `at least ${f.minLength} characters` : f.maxLength !== undefined ? `at most ${f.maxLength} characters` : null;
      return [f.name, f.required ? 'required' : 'optional', bounds, f.charset === 'any' ? null : CHARSET_LABELS[f.charset]].filter(Boolean).join(', ');
    })
    .join('; ');
}

/**
 * The metadata a production row takes from a logged request's named fields (`PredictionLogRecord.fields`):
 * each of the dataset's metadata `columns` the request could carry, its value or null where the
 * request lacked it or left it blank — so a diff of the data shows a field going missing (the
 * sample keeps `subject` as metadata). A plain-text request names no fields: nothing is known.
 */
export function metaFromRequestFields(fields: Readonly<Record<string, string>> | undefined, columns: readonly string[]): Record<string, string | null> {
  if (!fields) return {};
  const meta: Record<string, string | null> = {};
  for (const c of columns) meta[c] = typeof fields[c] === 'string' && fields[c].trim() !== '' ? fields[c] : null;
  return meta;
}
