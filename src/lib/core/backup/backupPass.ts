/**
 * Keeping each project's backup up to date, and restoring from it. The project's snapshot
 * (rows and weights included, the same document as "Export a snapshot") is written to the slot
 * file its current backup is not in; only when that write succeeded whole does a new index point
 * at it. So a backup that fails (a full disk) leaves the previous backup and index as they were.
 * Restore goes through the snapshot import, as a file import does.
 */
import type { BackupFiles } from './backupFiles';
import {
  BACKUP_INDEX_FILES, BACKUP_INDEX_KIND, assessBackups, indexFileFor, newestIndex, nextBackupFile,
  type BackupAssessment, type BackupEntry, type BackupIndex,
} from './backupIndex';

/** What the pass needs from the database and the clock (db/backupSource.ts in the app). */
export interface BackupSource {
  /** The database's backup id; null when it has none (new, or discarded by the browser). */
  databaseId(): Promise<string | null>;
  /** Writes the id into the database. */
  claimDatabase(id: string): Promise<void>;
  newId(): string;
  projects(): Promise<{ id: string; name: string }[]>;
  /** Changes whenever anything of the project changes (a hash of its light snapshot). */
  fingerprint(projectId: string): Promise<string>;
  /** The full snapshot document as text. */
  snapshotText(projectId: string): Promise<string>;
  /** Throws (NotEnoughRoomError) when `bytes` more would not fit. */
  ensureRoom(bytes: number): Promise<void>;
  now(): string;
}

export async function readBackupIndex(files: BackupFiles): Promise<BackupIndex | null> {
  return newestIndex(await Promise.all(BACKUP_INDEX_FILES.map((name) => files.read(name).catch(() => null))));
}

export async function assessStoredBackups(files: BackupFiles, source: Pick<BackupSource, 'databaseId' | 'projects'>): Promise<BackupAssessment> {
  const [index, databaseId, projects] = await Promise.all([readBackupIndex(files), source.databaseId(), source.projects()]);
  return assessBackups(index, databaseId, projects.map((p) => p.id));
}

async function writeIndex(files: BackupFiles, index: BackupIndex): Promise<void> {
  await files.write(indexFileFor(index.sequence), JSON.stringify(index));
}

export interface BackupPassResult {
  /** The database is not the one backed up: nothing was written until the person decides. */
  pending: boolean;
  written: string[];
  /** Projects whose backup could not be brought up to date (their previous one is kept). */
  failed: { projectId: string; name: string; error: unknown }[];
}

/** Brings every project's backup up to date; removes the backups of deleted projects. */
export async function backupPass(files: BackupFiles, source: BackupSource): Promise<BackupPassResult> {
  const result: BackupPassResult = { pending: false, written: [], failed: [] };
  const index = await readBackupIndex(files);
  const [storedId, projects] = await Promise.all([source.databaseId(), source.projects()]);
  if (assessBackups(index, storedId, projects.map((p) => p.id)).state === 'lost') return { ...result, pending: true };
  const databaseId = storedId ?? index?.databaseId ?? source.newId();
  if (storedId !== databaseId) await source.claimDatabase(databaseId);

  const previous = new Map((index?.projects ?? []).map((e) => [e.projectId, e]));
  const entries: BackupEntry[] = [];
  for (const project of projects) {
    const current = previous.get(project.id);
    try {
      const fingerprint = await source.fingerprint(project.id);
      if (current?.fingerprint === fingerprint) {
        entries.push({ ...current, name: project.name });
        continue;
      }
      const backedUpAt = source.now();
      const text = await source.snapshotText(project.id);
      await source.ensureRoom(text.length);
      const file = nextBackupFile(project.id, current);
      await files.write(file, text);
      entries.push({ projectId: project.id, name: project.name, file, bytes: text.length, backedUpAt, fingerprint });
      result.written.push(project.id);
    } catch (error) {
      result.failed.push({ projectId: project.id, name: project.name, error });
      if (current) entries.push(current);
    }
  }
  const unchanged = index && index.databaseId === databaseId && sameEntries(index.projects, entries);
  if (unchanged) return result;
  const next: BackupIndex = { kind: BACKUP_INDEX_KIND, schemaVersion: 1, sequence: (index?.sequence ?? 0) + 1, databaseId, projects: entries };
  // If this throws, the previous index (other slot) still points at the previous files.
  await writeIndex(files, next);
  const kept = new Set(entries.map((e) => e.file));
  for (const old of index?.projects ?? []) if (!kept.has(old.file)) await files.remove(old.file).catch(() => undefined);
  return result;
}

function sameEntries(a: readonly BackupEntry[], b: readonly BackupEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}

export interface RestoreResult {
  restored: { name: string; projectId: string }[];
  failed: { name: string; error: unknown }[];
}

/**
 * Restores the projects of a lost database through `importText` (the snapshot import). Each
 * restored project takes over its backup entry; once all are back, the database takes the
 * backups' id, so the next pass keeps them up to date.
 */
export async function restoreFromBackups(
  files: BackupFiles,
  source: Pick<BackupSource, 'databaseId' | 'projects' | 'claimDatabase'>,
  importText: (text: string) => Promise<{ id: string }>,
): Promise<RestoreResult> {
  const assessment = await assessStoredBackups(files, source);
  const result: RestoreResult = { restored: [], failed: [] };
  if (assessment.state !== 'lost') return result;
  const { index } = assessment;
  const owner = new Map<string, string>();
  for (const entry of assessment.projects) {
    try {
      const text = await files.read(entry.file);
      if (text === null) throw new Error(`The backup file of “${entry.name}” is missing.`);
      const project = await importText(text);
      owner.set(entry.projectId, project.id);
      result.restored.push({ name: entry.name, projectId: project.id });
    } catch (error) {
      result.failed.push({ name: entry.name, error });
    }
  }
  const projects = index.projects.map((e) => (owner.has(e.projectId) ? { ...e, projectId: owner.get(e.projectId)!, fingerprint: '' } : e));
  await writeIndex(files, { ...index, sequence: index.sequence + 1, projects });
  if (!result.failed.length) await source.claimDatabase(index.databaseId);
  return result;
}

/** The person chose not to restore: the database takes the backups' id, the next pass prunes them. */
export async function discardBackups(files: BackupFiles, source: Pick<BackupSource, 'databaseId' | 'projects' | 'claimDatabase'>): Promise<void> {
  const assessment = await assessStoredBackups(files, source);
  if (assessment.state === 'lost') await source.claimDatabase(assessment.index.databaseId);
}
