/**
 * The one loader of versioned documents — `{ kind, schemaVersion, … }`: lifecycle snapshots,
 * model versions, and every document type to come (governance policies …). Each type is defined
 * once with {@link defineDocumentType}: its kind, the versions it reads, a table of numbered
 * migrations (`migrations[n]` turns version n into n + 1) and a validator for the current version.
 *
 * Loading is always: (the caller parses: it knows the container, its size limits and its file
 * names) → wrapper (an object, the right kind, a whole schema version not newer than this app
 * reads) → migrations, one version at a time → validate → the current-version document, which
 * the caller restores (writes to the database, assembles a model …). Nothing is returned unless
 * every step passes. Problems name a JSON Pointer; problems found after migrating say from which
 * version, since the reader's file does not look like what failed.
 */
import { isJsonObject, type JsonObject } from '../snapshot/json';
import { preview, type DocumentProblem } from './problems';

/** Turns a document of schema version n into version n + 1 (loose input: it runs before validation). */
export type Migration = (doc: JsonObject) => JsonObject;

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: DocumentProblem[] };

export interface DocumentTypeSpec<T> {
  kind: string;
  /** What the document is called in messages: "snapshot", "model version". */
  name: string;
  /** The oldest schema version still read (default 1). */
  oldestVersion?: number;
  currentVersion: number;
  /** One entry per version from `oldestVersion` to `currentVersion - 1`. */
  migrations: Readonly<Record<number, Migration>>;
  /** Checks a current-version document and returns what the caller restores. */
  validate: (doc: JsonObject) => Validation<T>;
  /** Refusals worded by the type where the default wording does not fit its readers. */
  wording?: {
    notAnObject?: DocumentProblem;
    newer?: (version: number, current: number) => DocumentProblem;
  };
}

export type DocumentType<T> = Readonly<Required<Omit<DocumentTypeSpec<T>, 'wording'>>> & Pick<DocumentTypeSpec<T>, 'wording'>;

export type VersionedReadResult<T> =
  | { ok: true; document: T; migratedFrom: number | null }
  | { ok: false; problems: DocumentProblem[] };

/** A document type, checked once: every version it reads has its migration to the next. */
export function defineDocumentType<T>(spec: DocumentTypeSpec<T>): DocumentType<T> {
  const oldestVersion = spec.oldestVersion ?? 1;
  if (!Number.isInteger(spec.currentVersion) || !Number.isInteger(oldestVersion) || oldestVersion > spec.currentVersion) {
    throw new Error(`${spec.kind}: schema versions ${oldestVersion} to ${spec.currentVersion} are not a range.`);
  }
  for (let v = oldestVersion; v < spec.currentVersion; v++) {
    if (typeof spec.migrations[v] !== 'function') throw new Error(`${spec.kind}: no migration from schema version ${v} to ${v + 1}.`);
  }
  return Object.freeze({ ...spec, oldestVersion });
}

const fail = (path: string, message: string): { ok: false; problems: DocumentProblem[] } => ({ ok: false, problems: [{ path, message }] });

/** Reads a parsed value as a document of `type` (see the file comment for the steps). */
export function readVersionedDocument<T>(type: DocumentType<T>, value: unknown): VersionedReadResult<T> {
  const { kind, name, oldestVersion, currentVersion, wording } = type;
  if (!isJsonObject(value)) {
    return { ok: false, problems: [wording?.notAnObject ?? { path: '', message: `a ${name} is a JSON object { "kind": "${kind}", "schemaVersion": … }.` }] };
  }
  if (value.kind !== kind) return fail('/kind', `must be "${kind}", got ${preview(value.kind)}: this is not a Lifecycle Lab ${name}.`);
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < oldestVersion) {
    return fail('/schemaVersion', `must be a whole number ≥ ${oldestVersion}, got ${preview(version)}.`);
  }
  if (version > currentVersion) {
    const newer = wording?.newer?.(version, currentVersion);
    return newer
      ? { ok: false, problems: [newer] }
      : fail(
          '/schemaVersion',
          `this ${name} was written by a newer Lifecycle Lab (schema version ${version}); this app reads versions up to ${currentVersion}. Update the app, then import it again.`,
        );
  }
  let doc: JsonObject = value;
  try {
    for (let v = version; v < currentVersion; v++) doc = { ...type.migrations[v](doc), schemaVersion: v + 1 };
  } catch (error) {
    return fail('', `could not be migrated from schema version ${version}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const migratedFrom = version < currentVersion ? version : null;
  const checked = type.validate(doc);
  if (checked.ok) return { ok: true, document: checked.value, migratedFrom };
  const after = migratedFrom === null ? '' : ` (after migrating from schema version ${migratedFrom})`;
  return { ok: false, problems: checked.problems.map((p) => ({ ...p, message: p.message + after })) };
}
