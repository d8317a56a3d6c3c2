/**
 * Every string that a document's JSON Schema declares `format: "date-time"`, found by walking the
 * document along its schema, and respelled strictly (`rfc3339.ts`). Snapshot imports run it
 * once the schema check passed, so `2026-03-05 00:00:00Z` in a file is stored as
 * `2026-03-05T00:00:00Z`; exports run it before writing, so a value stored by an older version
 * never leaves the app in a spelling strict readers refuse.
 *
 * The walk follows local `$ref`s, `properties`, `additionalProperties`, `items`, `prefixItems`
 * and every branch of `anyOf`/`oneOf`/`allOf` without deciding which branch the value matches:
 * only strings at a date-time node are touched, and in the snapshot schemas a date-time's
 * branches differ in type (string or null, object or null), so no string is read two ways.
 * Subschemas without a date-time below them are skipped.
 */
import { pointer, type DocumentProblem } from './problems';
import { toRfc3339DateTime } from './rfc3339';

type Schema = boolean | { readonly [keyword: string]: unknown };
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Fix {
  segments: (string | number)[];
  to: string;
}

const BRANCHES = ['anyOf', 'oneOf', 'allOf'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A local reference (`#/$defs/dateTime`) resolved in `root`. */
function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`Only local $refs are followed, not ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (typeof node !== 'boolean' && !isObject(node)) throw new Error(`Unresolved $ref ${ref}`);
  return node as Schema;
}

/** The subschemas a node applies to the same value or to its children. */
function children(node: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const key of BRANCHES) if (Array.isArray(node[key])) out.push(...(node[key] as unknown[]));
  if (isObject(node.properties)) out.push(...Object.values(node.properties));
  if (Array.isArray(node.prefixItems)) out.push(...node.prefixItems);
  out.push(node.additionalProperties, node.items);
  return out.filter((s) => typeof s === 'boolean' || isObject(s));
}

export class SchemaDateTimes {
  private readonly holds = new WeakMap<object, boolean>();

  constructor(private readonly root: Schema) {}

  /** Whether any date-time can sit at or below `node` (cycles through $ref count as no). */
  private mayHold(node: Schema): boolean {
    if (typeof node === 'boolean') return false;
    const known = this.holds.get(node);
    if (known !== undefined) return known;
    this.holds.set(node, false);
    const target = typeof node.$ref === 'string' ? [resolve(this.root, node.$ref)] : [];
    const answer = node.format === 'date-time' || [...target, ...children(node)].some((s) => this.mayHold(s as Schema));
    this.holds.set(node, answer);
    return answer;
  }

  private walk(node: Schema, value: unknown, segments: (string | number)[], fixes: Map<string, Fix>, problems: Map<string, DocumentProblem>): void {
    if (typeof node === 'boolean' || !this.mayHold(node)) return;
    if (typeof node.$ref === 'string') this.walk(resolve(this.root, node.$ref), value, segments, fixes, problems);
    for (const key of BRANCHES) {
      if (Array.isArray(node[key])) for (const branch of node[key] as Schema[]) this.walk(branch, value, segments, fixes, problems);
    }
    if (typeof value === 'string') {
      if (node.format !== 'date-time') return;
      // Keyed by pointer: a value reached through two branches is fixed (or reported) once.
      const path = pointer('', ...segments);
      const strict = toRfc3339DateTime(value);
      if (strict === null) problems.set(path, { path, message: 'must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00.000Z.' });
      else if (strict !== value) fixes.set(path, { segments, to: strict });
      return;
    }
    if (Array.isArray(value)) {
      const prefix = Array.isArray(node.prefixItems) ? (node.prefixItems as Schema[]) : [];
      const rest = node.items as Schema | undefined;
      value.forEach((item, i) => {
        const schema = i < prefix.length ? prefix[i] : rest;
        if (schema !== undefined) this.walk(schema, item, [...segments, i], fixes, problems);
      });
      return;
    }
    if (isObject(value)) {
      const properties = isObject(node.properties) ? (node.properties as Record<string, Schema>) : {};
      const additional = node.additionalProperties as Schema | undefined;
      for (const [key, child] of Object.entries(value)) {
        const schema = Object.hasOwn(properties, key) ? properties[key] : additional;
        if (schema !== undefined) this.walk(schema, child, [...segments, key], fixes, problems);
      }
    }
  }

  /**
   * `value` with every date-time that can be respelled in the strict spelling: the same object
   * when nothing needed it, else a copy. Problems name the date-times that cannot be respelled
   * (a value that passed the schema's `date-time` check always can, except a leap second); they
   * stay as they were, for the caller to refuse (an import) or to know about.
   */
  respell<T>(value: T): { value: T; problems: DocumentProblem[] } {
    const fixes = new Map<string, Fix>();
    const found = new Map<string, DocumentProblem>();
    this.walk(this.root, value, [], fixes, found);
    const problems = [...found.values()];
    if (fixes.size === 0) return { value, problems };
    const copy = structuredClone(value) as Json;
    for (const { segments, to } of fixes.values()) {
      let parent = copy as Record<string | number, Json>;
      for (const s of segments.slice(0, -1)) parent = parent[s] as Record<string | number, Json>;
      parent[segments[segments.length - 1]] = to;
    }
    return { value: copy as T, problems };
  }
}
