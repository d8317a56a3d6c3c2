import type { LifecycleDatabase } from './database';
import type {
  ColumnSchema, DatasetVersionRecord, ImportRecord, LabelEventRecord, SplitInfo, VersionChange,
} from './records';
import type { DataRow } from '$lib/core/data/dataset';
import { hashRows } from '$lib/core/data/hash';
import { classBalanceOf } from '$lib/core/data/classBalance';
import { DatasetState, type Delta } from '$lib/core/data/datasetState';
import { rebaseDelta } from '$lib/core/data/rebase';
import type { ProductionLineage } from '$lib/core/loop/productionRows';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';
import { nextNumber } from './nextNumber';
import { countStoredRows, deleteRowBlocks, readRowBlocks, readRowRange, rowBlocksComplete, writeRowBlocks } from './rowBlocks';

export { classBalanceOf };

export type NewRow = DataRow;

export interface NewDatasetVersion {
  projectId: string;
  /** The import the rows came from; a new import record is written when given as an object. */
  source: { importId: string } | { name: string; seed?: string | number };
  /**
   * The version this one follows; 'newest': the project's newest version, read inside the write's
   * transaction, so two imports at once chain one after the other instead of sharing a parent.
   */
  parentId?: string | null | 'newest';
  message: string;
  change?: VersionChange;
  schema: ColumnSchema[];
  rows: readonly DataRow[];
  split?: SplitInfo;
}

/**
 * Past this many deltas since the base, a derived version is stored in full, so reading any
 * version replays a bounded chain.
 */
export const MAX_DELTA_DEPTH = 200;

/** A version whose content hash is computed, ready to write. */
export interface PreparedDatasetVersion extends NewDatasetVersion {
  contentHash: string;
  /**
   * The id its rows were stored under ahead of it (db/stagedRows.ts): the version takes it, and
   * writes the rows only if they are not all there.
   */
  stagedAs?: string;
}

export async function prepareDatasetVersion(input: NewDatasetVersion): Promise<PreparedDatasetVersion> {
  return { ...input, contentHash: hashRows(input.rows) };
}

/**
 * Writes a new immutable dataset version with all its rows, in one transaction: if anything
 * fails, nothing of it is stored.
 */
export async function createDatasetVersion(
  db: LifecycleDatabase,
  input: NewDatasetVersion,
  onProgress?: (written: number, total: number) => void,
): Promise<DatasetVersionRecord> {
  return writeDatasetVersion(db, await prepareDatasetVersion(input), onProgress);
}

/** Writes a prepared full version; joins the caller's transaction when there is one. */
export function writeDatasetVersion(
  db: LifecycleDatabase,
  input: PreparedDatasetVersion,
  onProgress?: (written: number, total: number) => void,
): Promise<DatasetVersionRecord> {
  const at = nowIso();
  return db.transaction('rw', [db.projects, db.imports, db.datasetVersions, db.rowBlocks, db.auditLog], async () => {
    if (!(await db.projects.get(input.projectId))) throw new Error('That project no longer exists.');
    const parentId = input.parentId === 'newest' ? ((await latestDatasetVersion(db, input.projectId))?.id ?? null) : (input.parentId ?? null);
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
    const number = await nextNumber(db.datasetVersions.where('projectId').equals(input.projectId), (v) => v.number);
    const version: DatasetVersionRecord = {
      id: input.stagedAs ?? newId(),
      projectId: input.projectId,
      importId,
      parentId,
      number,
      message: input.message,
      change: input.change ?? ('importId' in input.source ? 'import' : input.source.name.startsWith('generator:') ? 'generate' : 'import'),
      createdAt: at,
      contentHash: input.contentHash,
      schema: input.schema,
      rowCount: input.rows.length,
      classBalance: classBalanceOf(input.rows),
      storage: 'full',
      baseId: null,
      depth: 0,
      storedRows: input.rows.length,
      removedKeys: [],
      ...(input.split ? { split: input.split } : {}),
    };
    await db.datasetVersions.add(version);
    // Checked here, inside the transaction that makes them the version's.
    if (!input.stagedAs || !(await rowBlocksComplete(db, version.id, input.rows.length))) {
      if (input.stagedAs) await deleteRowBlocks(db, version.id);
      await writeRowBlocks(db, version.id, input.rows, onProgress);
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

export interface DerivedVersion {
  parent: DatasetVersionRecord;
  /** The parent's rows in memory (a DatasetState loaded with loadDatasetState). */
  state: DatasetState;
  delta: Delta;
  message: string;
  change: VersionChange;
  split?: SplitInfo | null;
  /** Who made a label change, for the label history. */
  actor?: string;
  /** A version's rows already in memory, so carrying the change over need not read them again. */
  cachedState?: (versionId: string) => DatasetState | undefined;
  /** The new version's schema, when the change adds columns (else the base's). */
  schema?: ColumnSchema[];
  /** Lineage of a `production` version (collected traffic). */
  production?: ProductionLineage;
  /** Rows written so far, of the rows this version stores (a large delta writes in several chunks). */
  onProgress?: (written: number, total: number) => void;
}

/** What is written: the change on the version it now builds on. */
interface Target {
  base: DatasetVersionRecord;
  baseState: DatasetState;
  delta: Delta;
  message: string;
}

/**
 * Writes the version that applies `delta` to `parent`, as a delta (or in full once the chain is
 * long), with a label event per relabelled row — one transaction. Inside it the parent must
 * still be the project's newest version (compare-and-set): when another tab or window saved a
 * newer one meanwhile, core's rebaseDelta carries a label change over to it or refuses, and a
 * refusal writes nothing. On success `state` holds the new version; on failure it is untouched.
 */
export async function writeDerivedVersion(db: LifecycleDatabase, input: DerivedVersion): Promise<DatasetVersionRecord> {
  const { parent, state, delta } = input;
  if (!delta.upserts.length && !delta.removedKeys.length) throw new Error('Nothing changed, so no new version was made.');
  const at = nowIso();
  const { version, next } = await db.transaction('rw', [db.projects, db.datasetVersions, db.rowBlocks, db.labelEvents, db.auditLog], async () => {
    const current = await db.datasetVersions.get(parent.id);
    if (!current) throw new Error('The version this change builds on no longer exists.');
    const newest = (await latestDatasetVersion(db, parent.projectId))!;
    const target: Target = newest.id === current.id ? { base: current, baseState: state, delta, message: input.message } : await rebaseOnto(db, input, newest);
    const { base, baseState } = target;
    // Apply to a copy so a failed write leaves the caller's state as it was.
    const next = baseState.clone();
    next.apply(target.delta);
    const full = base.depth + 1 > MAX_DELTA_DEPTH;
    const split = input.split === null ? undefined : (input.split ?? base.split);
    const record: DatasetVersionRecord = {
      id: newId(),
      projectId: base.projectId,
      importId: base.importId,
      parentId: base.id,
      number: await nextNumber(db.datasetVersions.where('projectId').equals(base.projectId), (v) => v.number),
      message: target.message,
      change: input.change,
      createdAt: at,
      contentHash: next.contentHash,
      schema: input.schema ?? base.schema,
      rowCount: next.size,
      classBalance: next.classBalance(),
      storage: full ? 'full' : 'delta',
      baseId: full ? null : (base.baseId ?? base.id),
      depth: full ? 0 : base.depth + 1,
      storedRows: full ? next.size : target.delta.upserts.length,
      removedKeys: full ? [] : [...target.delta.removedKeys],
      ...(split ? { split } : {}),
      ...(input.production ? { production: input.production } : {}),
    };
    await db.datasetVersions.add(record);
    await writeRowBlocks(db, record.id, full ? next.rows : target.delta.upserts, input.onProgress);
    const events: LabelEventRecord[] = [];
    for (const row of target.delta.upserts) {
      const before = baseState.get(row.key);
      if (before && before.label !== row.label) {
        events.push({ projectId: base.projectId, datasetVersionId: record.id, rowKey: row.key, label: row.label, previousLabel: before.label, at, by: input.actor ?? 'you' });
      }
    }
    if (events.length) await db.labelEvents.bulkAdd(events);
    await db.projects.update(base.projectId, { updatedAt: at });
    await appendAudit(db, {
      projectId: base.projectId,
      action: `data.${input.change}`,
      detail: `Dataset version ${record.number}: ${target.message}`,
      refs: { datasetVersionId: record.id, parentId: base.id },
    });
    return { version: record, next };
  });
  state.adopt(next);
  return version;
}

/** The change carried over to `newest`, read inside the write's transaction; throws when it cannot be. */
async function rebaseOnto(db: LifecycleDatabase, input: DerivedVersion, newest: DatasetVersionRecord): Promise<Target> {
  const newestState = input.cachedState?.(newest.id) ?? (await loadDatasetState(db, newest.id));
  const rebased = rebaseDelta({ delta: input.delta, parent: input.state, parentNumber: input.parent.number, newest: newestState, newestNumber: newest.number });
  if (!rebased.ok) throw new Error(rebased.reason);
  return { base: newest, baseState: newestState, delta: rebased.delta, message: rebased.note ? `${input.message}. ${rebased.note}` : input.message };
}

/** The chain of versions from the base to `versionId`, oldest first. */
async function versionChain(db: LifecycleDatabase, versionId: string): Promise<DatasetVersionRecord[]> {
  const chain: DatasetVersionRecord[] = [];
  let id: string | null = versionId;
  while (id) {
    const version: DatasetVersionRecord | undefined = await db.datasetVersions.get(id);
    if (!version) throw new Error('A dataset version this one builds on is missing.');
    chain.unshift(version);
    if (version.storage === 'full') break;
    id = version.parentId;
  }
  return chain;
}

/** All rows of a version, in order: its base's rows with each delta of the chain applied. */
export async function loadDatasetState(db: LifecycleDatabase, versionId: string): Promise<DatasetState> {
  return db.transaction('r', [db.datasetVersions, db.rowBlocks], async () => {
    const chain = await versionChain(db, versionId);
    const byVersion = await readRowBlocks(db, chain.map((v) => v.id));
    const state = new DatasetState(byVersion.get(chain[0].id));
    for (const version of chain.slice(1)) state.apply({ upserts: byVersion.get(version.id)!, removedKeys: version.removedKeys });
    return state;
  });
}

export function getDatasetVersion(db: LifecycleDatabase, id: string): Promise<DatasetVersionRecord | undefined> {
  return db.datasetVersions.get(id);
}

/** The version, or the error a person reads when it was deleted meanwhile. */
export async function requireDatasetVersion(db: LifecycleDatabase, id: string): Promise<DatasetVersionRecord> {
  const version = await db.datasetVersions.get(id);
  if (!version) throw new Error('That dataset version no longer exists.');
  return version;
}

/** The project's dataset versions, newest first. */
export async function listDatasetVersions(db: LifecycleDatabase, projectId: string): Promise<DatasetVersionRecord[]> {
  const versions = await db.datasetVersions.where('projectId').equals(projectId).toArray();
  return versions.sort((a, b) => b.number - a.number);
}

/** The newest version of a project, if any. */
export async function latestDatasetVersion(db: LifecycleDatabase, projectId: string): Promise<DatasetVersionRecord | undefined> {
  return (await listDatasetVersions(db, projectId))[0];
}

/** A page of the rows stored under a version, in order (all rows of a full version). */
export function getRows(db: LifecycleDatabase, datasetVersionId: string, page: { offset: number; limit: number }): Promise<DataRow[]> {
  return readRowRange(db, datasetVersionId, page.offset, page.limit);
}

/** Rows stored under a version (all of a full version; the upserts of a delta). */
export function countRows(db: LifecycleDatabase, datasetVersionId: string): Promise<number> {
  return countStoredRows(db, datasetVersionId);
}

/** A row's label history across versions, newest first. */
export async function labelHistory(db: LifecycleDatabase, projectId: string, rowKey: string): Promise<LabelEventRecord[]> {
  const events = await db.labelEvents.where('[projectId+rowKey]').equals([projectId, rowKey]).toArray();
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : (b.id ?? 0) - (a.id ?? 0)));
}
