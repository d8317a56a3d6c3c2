import type { LifecycleDatabase } from './database';
import type { ColumnSchema, DatasetVersionRecord, ImportRecord, RowRecord } from './records';
import { hashRows } from '$lib/core/data/hash';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';

export type NewRow = Omit<RowRecord, 'id' | 'datasetVersionId' | 'index'>;

export interface NewDatasetVersion {
  projectId: string;
  /** The import the rows came from; a new import record is written when given as an object. */
  source: { importId: string } | { name: string; seed?: string | number };
  parentId?: string | null;
  message: string;
  schema: ColumnSchema[];
  rows: readonly NewRow[];
}

/** Rows per bulkAdd call: large enough to be fast, small enough to keep memory flat. */
const WRITE_CHUNK = 5000;

/** Counts rows per label; unlabelled rows count under the empty string. */
export function classBalanceOf(rows: readonly { label: string | null }[]): Record<string, number> {
  const balance: Record<string, number> = {};
  for (const r of rows) {
    const key = r.label ?? '';
    balance[key] = (balance[key] ?? 0) + 1;
  }
  return balance;
}

/** A version whose content hash is computed, ready to write. */
export interface PreparedDatasetVersion extends NewDatasetVersion {
  contentHash: string;
}

/**
 * Hashes the rows. Kept apart from the write because Web Crypto is not IndexedDB: awaiting it
 * inside a Dexie transaction would let the transaction commit early.
 */
export async function prepareDatasetVersion(input: NewDatasetVersion): Promise<PreparedDatasetVersion> {
  return { ...input, contentHash: await hashRows(input.rows) };
}

/**
 * Writes a new immutable dataset version with its rows, all in one transaction: if anything
 * fails, nothing of it is stored.
 */
export async function createDatasetVersion(
  db: LifecycleDatabase,
  input: NewDatasetVersion,
  onProgress?: (written: number, total: number) => void,
): Promise<DatasetVersionRecord> {
  return writeDatasetVersion(db, await prepareDatasetVersion(input), onProgress);
}

/** Writes a prepared version; joins the caller's transaction when there is one. */
export function writeDatasetVersion(
  db: LifecycleDatabase,
  input: PreparedDatasetVersion,
  onProgress?: (written: number, total: number) => void,
): Promise<DatasetVersionRecord> {
  const contentHash = input.contentHash;
  const at = nowIso();
  return db.transaction('rw', [db.projects, db.imports, db.datasetVersions, db.rows, db.auditLog], async () => {
    if (!(await db.projects.get(input.projectId))) throw new Error('That project no longer exists.');
    let importId: string;
    if ('importId' in input.source) {
      const existing = await db.imports.get(input.source.importId);
      if (existing?.projectId !== input.projectId) throw new Error('The import this version refers to does not exist in this project.');
      importId = existing.id;
    } else {
      const record: ImportRecord = {
        id: newId(),
        projectId: input.projectId,
        source: input.source.name,
        createdAt: at,
        rowCount: input.rows.length,
        ...(input.source.seed !== undefined ? { seed: input.source.seed } : {}),
      };
      await db.imports.add(record);
      importId = record.id;
    }
    const numbers = (await db.datasetVersions.where('projectId').equals(input.projectId).toArray()).map((v) => v.number);
    const number = Math.max(0, ...numbers) + 1;
    const version: DatasetVersionRecord = {
      id: newId(),
      projectId: input.projectId,
      importId,
      parentId: input.parentId ?? null,
      number,
      message: input.message,
      createdAt: at,
      contentHash,
      schema: input.schema,
      rowCount: input.rows.length,
      classBalance: classBalanceOf(input.rows),
    };
    await db.datasetVersions.add(version);
    for (let start = 0; start < input.rows.length; start += WRITE_CHUNK) {
      const chunk = input.rows.slice(start, start + WRITE_CHUNK).map((r, i) => ({
        ...r,
        datasetVersionId: version.id,
        index: start + i,
      }));
      await db.rows.bulkAdd(chunk);
      onProgress?.(start + chunk.length, input.rows.length);
    }
    await db.projects.update(input.projectId, { updatedAt: at });
    await appendAudit(db, {
      projectId: input.projectId,
      action: 'data.version',
      detail: `Dataset version ${number}: ${input.message} (${input.rows.length} rows)`,
      refs: { datasetVersionId: version.id, importId },
    });
    return version;
  });
}

/** The project's dataset versions, newest first. */
export async function listDatasetVersions(db: LifecycleDatabase, projectId: string): Promise<DatasetVersionRecord[]> {
  const versions = await db.datasetVersions.where('projectId').equals(projectId).toArray();
  return versions.sort((a, b) => b.number - a.number);
}

/** A page of a version's rows in their stored order. */
export function getRows(
  db: LifecycleDatabase,
  datasetVersionId: string,
  page: { offset: number; limit: number },
): Promise<RowRecord[]> {
  return db.rows
    .where('[datasetVersionId+index]')
    .between([datasetVersionId, page.offset], [datasetVersionId, page.offset + page.limit], true, false)
    .toArray();
}

export function countRows(db: LifecycleDatabase, datasetVersionId: string): Promise<number> {
  return db.rows.where('datasetVersionId').equals(datasetVersionId).count();
}
