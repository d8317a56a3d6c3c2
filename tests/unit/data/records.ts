/** Test scaffolding: raw CSV records from arrays of fields, one physical line each. */
import type { RawRecord } from '$lib/core/data/dataset';
import type { MalformedInput } from '$lib/core/data/issues';

/** Records for `rows`, the first on `firstLine` (line 1 is the header). */
export function records(rows: string[][], firstLine = 2): RawRecord[] {
  return rows.map((fields, i) => ({ line: firstLine + i, fields }));
}

/** A record the parser rejected for its field count. */
export function malformedRecord(line: number, fields: string[], expected: number): MalformedInput {
  return { line, fields, fieldCount: fields.length, expected };
}
