/**
 * Reading untrusted snapshot text: an overall size limit before parsing, then a walk over the
 * parsed value that rejects keys able to reach an object's prototype and absurd nesting.
 *
 * `JSON.parse` itself never pollutes a prototype, but it does create an own property named
 * `__proto__` from `{"__proto__": …}`, which a later spread, `Object.assign` or merge would
 * turn into a real prototype change; `constructor` and `prototype` are the other two keys
 * that lead there. They have no place in a snapshot, so any object key equal to one of them,
 * anywhere, rejects the whole document.
 */
import { pointer, type SnapshotProblem } from './problems';

/** Largest snapshot text read, in UTF-16 code units (about 256 MB of ASCII JSON). */
export const MAX_SNAPSHOT_CHARS = 256 * 1024 * 1024;
/** Deepest nesting of arrays and objects accepted (model topologies nest about 10 deep). */
export const MAX_SNAPSHOT_DEPTH = 64;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Stop listing after this many bad keys: one is enough to refuse, a few help to find them. */
const MAX_REPORTED = 20;

export type ParseResult = { ok: true; value: unknown } | { ok: false; problems: SnapshotProblem[] };

/** Parses snapshot text within the size limit; the value is not yet checked for forbidden keys. */
export function parseSnapshotText(text: string, maxChars = MAX_SNAPSHOT_CHARS): ParseResult {
  if (text.length > maxChars) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return { ok: false, problems: [{ path: '', message: `the file is too large (${mb(text.length)}; at most ${mb(maxChars)} is read).` }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const why = error instanceof RangeError ? 'it nests too deeply' : error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '', message: `this is not valid JSON (${why}).` }] };
  }
}

/** A visited value and how to spell its path, built only when a problem needs it. */
interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string | number;
  depth: number;
}

function pathOf(visit: Visit): string {
  const segments: (string | number)[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent) segments.push(v.key);
  return pointer('', ...segments.reverse());
}

/**
 * Problems with keys and nesting anywhere in a parsed value: every `__proto__`, `constructor`
 * or `prototype` key (up to 20 listed) and nesting deeper than `maxDepth`. Iterative, so a
 * hostile depth cannot overflow the stack here; paths are spelled only for problems, so a
 * large valid document costs one pass and no strings.
 */
export function checkKeys(value: unknown, maxDepth = MAX_SNAPSHOT_DEPTH): SnapshotProblem[] {
  const problems: SnapshotProblem[] = [];
  const stack: Visit[] = [{ value, parent: null, key: '', depth: 0 }];
  while (stack.length && problems.length < MAX_REPORTED) {
    const visit = stack.pop()!;
    const item = visit.value;
    if (typeof item !== 'object' || item === null) continue;
    if (visit.depth >= maxDepth) {
      problems.push({ path: pathOf(visit), message: `nests deeper than ${maxDepth} levels.` });
      continue;
    }
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        const child = item[i];
        if (typeof child === 'object' && child !== null) stack.push({ value: child, parent: visit, key: i, depth: visit.depth + 1 });
      }
      continue;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: pathOf({ value: null, parent: visit, key, depth: visit.depth + 1 }), message: `the key "${key}" is not allowed anywhere in a snapshot (it could alter object prototypes).` });
        continue;
      }
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, parent: visit, key, depth: visit.depth + 1 });
    }
  }
  return problems;
}
