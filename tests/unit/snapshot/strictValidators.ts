/**
 * Third-party validators as strict readers use them (not a test file itself): Ajv 8 in strict
 * mode with ajv-formats, its logger captured so a warning is seen, and a second Ajv whose
 * `date-time` is the app's strict RFC 3339 check (ajv-formats', like @cfworker/json-schema's,
 * also takes `2026-03-05 00:00:00Z`).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isRfc3339DateTime } from '$lib/core/documents/rfc3339';

export const SCHEMA_VERSIONS = [1, 2, 3] as const;

export function publishedSchema(version: number): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../public/schema/snapshot-v${version}.json`, import.meta.url), 'utf8'));
}

export function snapshotFixture(version: number): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/snapshot/support-triage-v${version}.json`, import.meta.url), 'utf8'));
}

type Dates = 'ajv-formats' | 'rfc3339';
const compiled = new Map<string, { validate: ValidateFunction; logged: string[] }>();

/** Ajv strict on a published schema version, with what Ajv logged while compiling; compiled once per test file. */
export function strictAjv(version: number, dates: Dates = 'ajv-formats'): { validate: ValidateFunction; logged: string[] } {
  const key = `${version} ${dates}`;
  const known = compiled.get(key);
  if (known) return known;
  const logged: string[] = [];
  const note = (level: string) => (...args: unknown[]) => logged.push(`${level}: ${args.map(String).join(' ')}`);
  const ajv = new Ajv2020({ strict: true, allErrors: true, logger: { log: note('log'), warn: note('warn'), error: note('error') } });
  if (dates === 'ajv-formats') addFormats(ajv);
  else addFormats(ajv, ['date']).addFormat('date-time', isRfc3339DateTime);
  const result = { validate: ajv.compile(publishedSchema(version)), logged };
  compiled.set(key, result);
  return result;
}

/** The validate function of `strictAjv`. */
export function strictValidator(version: number, dates: Dates = 'ajv-formats'): ValidateFunction {
  return strictAjv(version, dates).validate;
}

/** Ajv's errors as "path keyword" lines, for a readable failure. */
export function ajvErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${e.message ?? ''}`);
}
