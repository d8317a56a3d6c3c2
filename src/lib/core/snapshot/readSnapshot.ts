/**
 * Loading a snapshot, the same path for a file, a URL or a test: size limit → JSON parse →
 * forbidden keys and nesting → the one loader of versioned documents (core/documents/versioned.ts:
 * wrapper — kind, schema version: a newer one is refused — → numbered migrations → validate, here
 * JSON Schema, date-times respelled strictly (RFC 3339), then semantic checks). Nothing is
 * returned unless every step passes, so an import never writes a half-valid document. Problems
 * name their JSON path.
 */
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type SnapshotDocument } from './document';
import { SNAPSHOT_MIGRATIONS } from './migrations';
import { checkKeys, parseSnapshotText } from './safeJson';
import { strictSnapshotDateTimes, validateAgainstSchema } from './schemaValidation';
import { checkSnapshot } from './checkSnapshot';
import { formatProblem, type SnapshotProblem } from './problems';
import { defineDocumentType, readVersionedDocument } from '../documents/versioned';

export type SnapshotReadResult =
  | { ok: true; document: SnapshotDocument; migratedFrom: number | null; warnings: string[] }
  | { ok: false; problems: SnapshotProblem[] };

/** Snapshots as a versioned document type; schema version 0 is the pre-release export. */
export const SNAPSHOT_DOCUMENT = defineDocumentType<SnapshotDocument>({
  kind: SNAPSHOT_KIND,
  name: 'snapshot',
  oldestVersion: 0,
  currentVersion: SNAPSHOT_SCHEMA_VERSION,
  migrations: SNAPSHOT_MIGRATIONS,
  validate(doc) {
    const schemaProblems = validateAgainstSchema(doc);
    if (schemaProblems.length) return { ok: false, problems: schemaProblems };
    // Before the chain and signature checks see them: the app's own files are strict already,
    // so respelling changes nothing a hash or a signature covers.
    const strict = strictSnapshotDateTimes(doc);
    if (strict.problems.length) return { ok: false, problems: strict.problems };
    const document = strict.value as unknown as SnapshotDocument;
    const problems = checkSnapshot(document);
    return problems.length ? { ok: false, problems } : { ok: true, value: document };
  },
});

/** Reads snapshot text (a file's contents); `maxChars` lowers the size limit (tests, previews). */
export function readSnapshot(text: string, limits: { maxChars?: number } = {}): SnapshotReadResult {
  const parsed = parseSnapshotText(text, limits.maxChars);
  return parsed.ok ? readSnapshotValue(parsed.value) : parsed;
}

/** Reads an already parsed value (it gets the same key checks as text). */
export function readSnapshotValue(value: unknown): SnapshotReadResult {
  const keyProblems = checkKeys(value);
  if (keyProblems.length) return { ok: false, problems: keyProblems };
  const read = readVersionedDocument(SNAPSHOT_DOCUMENT, value);
  if (!read.ok) return read;
  const { document, migratedFrom } = read;
  const warnings: string[] = [];
  if (document.diagnoses.length) warnings.push(`${document.diagnoses.length} diagnoses are not imported: this version of the app has nowhere to keep them yet.`);
  if (!document.options.includeRows && document.datasets.versions.length) warnings.push('The snapshot holds no rows: the dataset versions are imported as records only, without their data.');
  if (!document.options.includeWeights && document.registry.modelVersions.length) warnings.push('The snapshot holds no model weights: registered versions cannot be served until retrained.');
  return { ok: true, document, migratedFrom, warnings };
}

/** One message listing the problems, for an error dialog or a thrown Error. */
export function describeProblems(problems: readonly SnapshotProblem[], max = 10): string {
  const shown = problems.slice(0, max).map(formatProblem);
  const more = problems.length > max ? [`… and ${problems.length - max} more.`] : [];
  return ['The snapshot cannot be imported:', ...shown, ...more].join('\n');
}
