/**
 * Loading a snapshot, the same path for a file, a URL or a test: size limit → JSON parse →
 * forbidden keys and nesting → wrapper (kind, schema version: a newer one is refused) →
 * numbered migrations → JSON Schema → semantic checks. Nothing is returned unless every step
 * passes, so an import never writes a half-valid document. Problems name their JSON path.
 */
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type SnapshotDocument } from './document';
import { isJsonObject, type JsonObject } from './json';
import { SNAPSHOT_MIGRATIONS } from './migrations';
import { checkKeys, parseSnapshotText } from './safeJson';
import { validateAgainstSchema } from './schemaValidation';
import { checkSnapshot } from './checkSnapshot';
import { formatProblem, preview, type SnapshotProblem } from './problems';

export type SnapshotReadResult =
  | { ok: true; document: SnapshotDocument; migratedFrom: number | null; warnings: string[] }
  | { ok: false; problems: SnapshotProblem[] };

const fail = (path: string, message: string): SnapshotReadResult => ({ ok: false, problems: [{ path, message }] });

/** Reads snapshot text (a file's contents); `maxChars` lowers the size limit (tests, previews). */
export function readSnapshot(text: string, limits: { maxChars?: number } = {}): SnapshotReadResult {
  const parsed = parseSnapshotText(text, limits.maxChars);
  return parsed.ok ? readSnapshotValue(parsed.value) : parsed;
}

/** Reads an already parsed value (it gets the same key checks as text). */
export function readSnapshotValue(value: unknown): SnapshotReadResult {
  const keyProblems = checkKeys(value);
  if (keyProblems.length) return { ok: false, problems: keyProblems };
  if (!isJsonObject(value)) return fail('', 'a snapshot is a JSON object { "kind": "lifecycle-lab/snapshot", "schemaVersion": … }.');
  if (value.kind !== SNAPSHOT_KIND) return fail('/kind', `must be "${SNAPSHOT_KIND}", got ${preview(value.kind)}: this is not a Lifecycle Lab snapshot.`);
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail('/schemaVersion', `must be a whole number ≥ 0, got ${preview(version)}.`);
  }
  if (version > SNAPSHOT_SCHEMA_VERSION) {
    return fail(
      '/schemaVersion',
      `this snapshot was written by a newer Lifecycle Lab (schema version ${version}); this app reads versions up to ${SNAPSHOT_SCHEMA_VERSION}. Update the app, then import it again.`,
    );
  }
  let doc: JsonObject = value;
  try {
    for (let v = version; v < SNAPSHOT_SCHEMA_VERSION; v++) doc = SNAPSHOT_MIGRATIONS[v](doc);
  } catch (error) {
    return fail('', `could not be migrated from schema version ${version}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const migratedFrom = version < SNAPSHOT_SCHEMA_VERSION ? version : null;
  const after = migratedFrom === null ? '' : ` (after migrating from schema version ${migratedFrom})`;

  const schemaProblems = validateAgainstSchema(doc);
  if (schemaProblems.length) return { ok: false, problems: schemaProblems.map((p) => ({ ...p, message: p.message + after })) };
  const document = doc as unknown as SnapshotDocument;
  const problems = checkSnapshot(document);
  if (problems.length) return { ok: false, problems: problems.map((p) => ({ ...p, message: p.message + after })) };

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
