/**
 * The published snapshot schemas as strict third-party readers see them: they compile under
 * Ajv's strict mode with nothing logged, the app's own exports of every version validate (with
 * Ajv and with the app's validator, @cfworker/json-schema), invalid documents are still refused,
 * and every date-time the app exports is strict RFC 3339. The fresh exports are checked in
 * export.test.ts, which builds the lived-in project once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Validator, type Schema } from '@cfworker/json-schema';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import { formatProblem } from '$lib/core/snapshot/problems';
import { ajvErrors, publishedSchema, SCHEMA_VERSIONS, snapshotFixture, strictAjv, strictValidator } from './strictValidators';

// Compiling a schema with Ajv takes seconds on a busy machine: room for it, not a speed limit.
vi.setConfig({ testTimeout: 60_000 });

const PUBLIC = new URL('../../../public/', import.meta.url).pathname;

/** Every JSON file under public/ that declares itself a JSON Schema. */
function publishedSchemaFiles(dir = PUBLIC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return publishedSchemaFiles(path);
    return e.name.endsWith('.json') && '$schema' in JSON.parse(readFileSync(path, 'utf8')) ? [path.slice(PUBLIC.length)] : [];
  });
}

const cfworker = (version: number) => new Validator(publishedSchema(version) as Schema, '2020-12', false);

describe('the published schemas under Ajv strict mode', () => {
  it('are the three snapshot schemas (a new one must be added here)', () => {
    expect(publishedSchemaFiles().sort()).toEqual(['schema/snapshot-v1.json', 'schema/snapshot-v2.json', 'schema/snapshot-v3.json']);
  });

  it.each(SCHEMA_VERSIONS)('version %i compiles with no error and nothing logged', (version) => {
    const schema = publishedSchema(version);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(strictAjv(version).logged).toEqual([]);
    expect(strictAjv(version, 'rfc3339').logged).toEqual([]);
  });

  it('never offers a date-time and another string as branches (the date-time walk relies on it)', () => {
    for (const version of SCHEMA_VERSIONS) {
      const schema = publishedSchema(version) as { $defs: Record<string, Record<string, unknown>> };
      const deref = (n: Record<string, unknown>): Record<string, unknown> => (typeof n.$ref === 'string' ? deref(schema.$defs[n.$ref.split('/').pop()!]) : n);
      const clashes: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (typeof node !== 'object' || node === null) return;
        const n = node as Record<string, unknown>;
        for (const key of ['anyOf', 'oneOf']) {
          if (!Array.isArray(n[key])) continue;
          const strings = (n[key] as Record<string, unknown>[]).map(deref).filter((b) => b.type === 'string');
          if (strings.some((b) => b.format === 'date-time') && strings.length > 1) clashes.push(`v${version} ${path}/${key}`);
        }
        for (const [key, child] of Object.entries(n)) walk(child, `${path}/${key}`);
      };
      walk(schema, '#');
      expect(clashes).toEqual([]);
    }
  });

  it('has no union type arrays left (what strict mode refused: use allowUnionTypes …)', () => {
    for (const version of SCHEMA_VERSIONS) expect(JSON.stringify(publishedSchema(version))).not.toMatch(/"type":\[/);
  });
});

describe('the app’s exports of every version', () => {
  it.each(SCHEMA_VERSIONS)('version %i: the fixture the app wrote validates with Ajv and the app’s validator, its date-times strict', (version) => {
    const doc = snapshotFixture(version);
    const validate = strictValidator(version);
    expect(validate(doc) ? [] : ajvErrors(validate)).toEqual([]);
    const strictDates = strictValidator(version, 'rfc3339');
    expect(strictDates(doc) ? [] : ajvErrors(strictDates)).toEqual([]);
    expect(cfworker(version).validate(doc).errors).toEqual([]);
  });

  it('the current version’s fixture passes the app’s own reader unchanged', () => {
    const text = JSON.stringify(snapshotFixture(3));
    const read = readSnapshot(text);
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([]);
    if (read.ok) expect(JSON.stringify(read.document)).toBe(text);
  });
});

describe('invalid documents are still refused', () => {
  type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Each breaks one rule the union types expressed (type, or a keyword of one branch).
  const BREAKS: [string, (d: Doc) => void][] = [
    ['a boolean seed', (d) => (d.datasets.imports[0].seed = true)],
    ['a number where a string or null goes', (d) => (d.project.scenario = 5)],
    ['a too long nullable string', (d) => (d.project.scenario = 'x'.repeat(101))],
    ['an empty nullable id', (d) => (d.runs[0].datasetVersionId = '')],
    ['a nullable ratio above 1', (d) => (d.monitoring.daily[0].availability = 1.5)],
    ['a negative nullable latency', (d) => (d.monitoring.buckets[0].latencyMinMs = -1)],
    ['an object parameter', (d) => (d.runs[0].params.learningRate = { nested: true })],
    ['a date-time that is not one', (d) => (d.exportedAt = 'yesterday')],
    ['an unknown property', (d) => (d.extra = 1)],
  ];

  it.each(SCHEMA_VERSIONS)('version %i: by Ajv strict and by the app’s validator', (version) => {
    const validate = strictValidator(version);
    const app = cfworker(version);
    for (const [what, breakIt] of BREAKS) {
      const doc = structuredClone(snapshotFixture(version)) as Doc;
      breakIt(doc);
      expect(validate(doc), `Ajv, ${what}`).toBe(false);
      expect(app.validate(doc).valid, `app, ${what}`).toBe(false);
    }
  });

  it('and the app says what is wrong in one line per value', () => {
    const doc = structuredClone(snapshotFixture(3)) as Doc;
    doc.project.scenario = 5;
    doc.datasets.imports[0].seed = true;
    doc.project.description = 'x'.repeat(6000);
    expect(validateAgainstSchema(doc).map(formatProblem)).toEqual([
      '/project/description: is too long: 6000 characters, at most 5000 allowed.',
      '/project/scenario: must be a string or null.',
      '/datasets/imports/0/seed: must be a string or a number or null.',
    ]);
  });
});

describe('date-times: a loose spelling comes in, only the strict one is kept', () => {
  it('lenient validators take a space; strict RFC 3339 does not', () => {
    const doc = structuredClone(snapshotFixture(3));
    doc.exportedAt = '2026-03-05 00:00:00Z';
    expect(strictValidator(3)(doc)).toBe(true); // ajv-formats is lenient here
    expect(cfworker(3).validate(doc).valid).toBe(true);
    expect(strictValidator(3, 'rfc3339')(doc)).toBe(false);
  });

  it('the reader respells every declared date-time and leaves look-alike text alone', () => {
    const doc = structuredClone(snapshotFixture(3)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.exportedAt = '2026-03-05 00:00:00Z';
    doc.project.createdAt = '2026-01-05t09:14:27.000z';
    doc.project.description = '2026-03-05 00:00:00Z';
    const read = readSnapshot(JSON.stringify(doc));
    if (!read.ok) throw new Error(read.problems.map(formatProblem).join('\n'));
    expect(read.document.exportedAt).toBe('2026-03-05T00:00:00Z');
    expect(read.document.project.createdAt).toBe('2026-01-05T09:14:27.000Z');
    expect(read.document.project.description).toBe('2026-03-05 00:00:00Z');
    expect(strictValidator(3, 'rfc3339')(read.document)).toBe(true);
  });

  it('a leap second passes the lenient check but is refused with its path', () => {
    const doc = structuredClone(snapshotFixture(3));
    doc.exportedAt = '2026-12-31T23:59:60Z';
    const read = readSnapshot(JSON.stringify(doc));
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual(['/exportedAt: must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00.000Z.']);
  });
});
