/**
 * The backup index: which projects have a backup, in which file, made when — and which database
 * they were made from. The database carries the same random id (a settings record); a database
 * without it, or with another, while the index lists projects, is one the browser discarded or
 * reset (issue 11: a full disk, then only a freshly seeded sample), so the person is offered the
 * backups. Projects a person deleted are simply missing from a database whose id matches.
 *
 * The index is written alternately to two files with a rising sequence number; the reader takes
 * the valid one with the highest number, so a write that fails half-way never loses the index.
 */

export const BACKUP_INDEX_KIND = 'lifecycle-lab-backups';
export const BACKUP_INDEX_FILES = ['index-0.json', 'index-1.json'] as const;

export interface BackupEntry {
  projectId: string;
  name: string;
  /** The snapshot file (rows and model weights included). */
  file: string;
  bytes: number;
  /** ISO time the snapshot was taken. */
  backedUpAt: string;
  /** Hash of the project's light snapshot: unchanged means no new backup is needed. */
  fingerprint: string;
}

export interface BackupIndex {
  kind: typeof BACKUP_INDEX_KIND;
  schemaVersion: 1;
  sequence: number;
  /** The id of the database the backups were made from. */
  databaseId: string;
  projects: BackupEntry[];
}

function isEntry(value: unknown): value is BackupEntry {
  const e = value as Partial<BackupEntry> | null;
  return (
    !!e && typeof e.projectId === 'string' && typeof e.name === 'string' && typeof e.file === 'string' &&
    typeof e.bytes === 'number' && typeof e.backedUpAt === 'string' && typeof e.fingerprint === 'string'
  );
}

/** The index in `text`, or null when it is missing, cut short or not an index. */
export function parseBackupIndex(text: string | null): BackupIndex | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<BackupIndex>;
    if (value?.kind !== BACKUP_INDEX_KIND || value.schemaVersion !== 1) return null;
    if (typeof value.sequence !== 'number' || typeof value.databaseId !== 'string' || !Array.isArray(value.projects)) return null;
    if (!value.projects.every(isEntry)) return null;
    return value as BackupIndex;
  } catch {
    return null;
  }
}

/** The newest valid index of the two slots. */
export function newestIndex(texts: readonly (string | null)[]): BackupIndex | null {
  let best: BackupIndex | null = null;
  for (const text of texts) {
    const index = parseBackupIndex(text);
    if (index && (!best || index.sequence > best.sequence)) best = index;
  }
  return best;
}

/** The slot file the index with this sequence number goes to (never the current one's). */
export function indexFileFor(sequence: number): string {
  return BACKUP_INDEX_FILES[sequence % 2];
}

/** The snapshot file a project's next backup goes to: the slot its current backup is not in. */
export function nextBackupFile(projectId: string, current: BackupEntry | undefined): string {
  const slot = current?.file.endsWith('-a.json') ? 'b' : 'a';
  return `project-${projectId}-${slot}.json`;
}

export type BackupAssessment =
  /** No backups yet, or none for this database's projects to miss. */
  | { state: 'none' }
  /** The backups belong to this database. */
  | { state: 'current'; index: BackupIndex }
  /** The database is not the one backed up: these projects can be restored. */
  | { state: 'lost'; index: BackupIndex; projects: BackupEntry[] };

/**
 * Compares the index with the database: its id (null when it has none) and its project ids.
 * Projects already restored (present in the database) are not offered again.
 */
export function assessBackups(index: BackupIndex | null, databaseId: string | null, projectIds: readonly string[]): BackupAssessment {
  if (!index) return { state: 'none' };
  if (databaseId === index.databaseId) return { state: 'current', index };
  const present = new Set(projectIds);
  const missing = index.projects.filter((p) => !present.has(p.projectId));
  return missing.length ? { state: 'lost', index, projects: missing } : { state: 'none' };
}
