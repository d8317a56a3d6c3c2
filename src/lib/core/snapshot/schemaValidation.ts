/**
 * Checks a value against the published JSON Schema (`public/schema/snapshot-v3.json`, bundled
 * at build time) with @cfworker/json-schema: it interprets the schema instead of compiling it
 * to code, so it runs under the app's Content-Security-Policy without 'unsafe-eval'.
 *
 * The validator reports every failing keyword along the way down ("property runs does not
 * match", "items did not match", …); only the innermost ones say what is wrong, so those are
 * kept and rephrased: "/runs/3/metrics/test.accuracy: must be a number".
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import schemaJson from '../../../../public/schema/snapshot-v3.json';
import { pointer, type SnapshotProblem } from './problems';
import { SchemaDateTimes } from '../documents/schemaDateTimes';

export const SNAPSHOT_SCHEMA: Readonly<Schema> = schemaJson as Schema;

const dateTimes = new SchemaDateTimes(SNAPSHOT_SCHEMA);

/**
 * `doc` with every date-time the schema declares in the strict RFC 3339 spelling (a file's
 * `2026-03-05 00:00:00Z` becomes `2026-03-05T00:00:00Z`): the import stores, and the export
 * writes, only that. Problems for date-times that cannot be respelled (left as they are).
 */
export function strictSnapshotDateTimes<T>(doc: T): { value: T; problems: SnapshotProblem[] } {
  return dateTimes.respell(doc);
}

/** Keywords that only say "something below failed". */
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', '$ref', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'propertyNames']);

/** At most this many schema problems are listed (the first ones, in document order). */
const MAX_PROBLEMS = 50;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false',
  object: 'an object', array: 'a list', null: 'null',
};

let quick: Validator | null = null;
let thorough: Validator | null = null;

function quoted(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

function numbers(text: string): number[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)].map((m) => Number(m[0]));
}

/** "must be a string or a number or null." for the types a value could have had; null for "must be null". */
function typeProblem(path: string, expected: ReadonlySet<string>): SnapshotProblem | null {
  const named = [...expected].filter((t) => t !== 'null');
  if (!named.length) return null;
  return { path, message: `must be ${named.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}${expected.has('null') ? ' or null' : ''}.` };
}

/** Our wording for one innermost failure other than `type`. */
function rephrase(unit: OutputUnit): SnapshotProblem {
  const path = unit.instanceLocation.replace(/^#/, '');
  const text = unit.error;
  switch (unit.keyword) {
    case 'required':
      return { path: pointer(path, quoted(text)[0] ?? ''), message: 'is required but missing.' };
    case 'false':
      return { path, message: 'is not allowed here (unknown property).' };
    case 'minLength': {
      const [, min] = numbers(text);
      return { path, message: min === 1 ? 'must not be empty.' : `must have at least ${min} characters.` };
    }
    case 'maxLength': {
      const [length, max] = numbers(text);
      return { path, message: `is too long: ${length} characters, at most ${max} allowed.` };
    }
    case 'maxItems': {
      const [length, max] = numbers(text);
      return { path, message: `has too many items: ${length}, at most ${max} allowed.` };
    }
    case 'minItems': {
      const [length, min] = numbers(text);
      return { path, message: `has too few items: ${length}, at least ${min} needed.` };
    }
    case 'maxProperties':
      return { path, message: 'has too many keys.' };
    case 'format':
      return { path, message: quoted(text)[0] === 'date' ? 'must be a date (YYYY-MM-DD).' : 'must be an ISO 8601 date-time, e.g. 2026-03-01T09:00:00.000Z.' };
    case 'pattern':
      return { path, message: 'does not have the expected form (see the schema).' };
    case 'enum':
      return { path, message: `must be one of ${text.replace(/^Instance does not match any of /, '').replace(/\.$/, '').replace(/^\[|\]$/g, '').replace(/,/g, ', ')}.` };
    case 'const':
      return { path, message: `must be ${text.replace(/^Instance does not match /, '').replace(/\.$/, '')}.` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { path, message: `is too small: ${text.replace(/\.$/, '')}.` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { path, message: `is too large: ${text.replace(/\.$/, '')}.` };
    case 'uniqueItems':
      return { path, message: `must not repeat items (${text.replace(/\.$/, '').toLowerCase()}).` };
    default:
      return { path, message: text.charAt(0).toLowerCase() + text.slice(1) };
  }
}

/**
 * Problems of `value` against the snapshot schema; [] when it is valid. A valid document costs
 * one pass that stops at the first error; only an invalid one is walked again to list them all.
 */
export function validateAgainstSchema(value: unknown): SnapshotProblem[] {
  quick ??= new Validator(SNAPSHOT_SCHEMA as Schema, '2020-12', true);
  if (quick.validate(value).valid) return [];
  thorough ??= new Validator(SNAPSHOT_SCHEMA as Schema, '2020-12', false);
  const result = thorough.validate(value);
  if (result.valid) return [];
  // A nullable or mixed value is an anyOf of one branch per type (the schema avoids union `type`
  // arrays, which strict validators refuse), so a value of none of them fails once per branch:
  // those failures become one "must be a string or null". A value of one of the types fails only
  // on that branch's own keywords ("is too long"): the other branches' type failures are noise.
  const found: (SnapshotProblem | { path: string; types: Set<string> })[] = [];
  const typesAt = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const otherAt = new Set<string>();
  for (const unit of result.errors) {
    if (WRAPPERS.has(unit.keyword)) continue;
    const path = unit.instanceLocation.replace(/^#/, '');
    if (unit.keyword === 'type') {
      const [, ...expected] = quoted(unit.error);
      let types = typesAt.get(path);
      if (!types) {
        types = new Set();
        typesAt.set(path, types);
        found.push({ path, types });
      }
      for (const t of expected) types.add(t);
      continue;
    }
    const problem = rephrase(unit);
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    otherAt.add(path);
    found.push(problem);
  }
  const problems: SnapshotProblem[] = [];
  for (const item of found) {
    const problem = 'types' in item ? (otherAt.has(item.path) ? null : typeProblem(item.path, item.types)) : item;
    if (problem) problems.push(problem);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  // A failed anyOf whose only reported branch was the null one still failed: say so.
  return problems.length ? problems : [{ path: '', message: 'does not match the snapshot schema.' }];
}
