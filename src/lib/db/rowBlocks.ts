/**
 * Row storage: a version's rows in blocks of ROW_BLOCK_SIZE, each one record in the form
 * db/rowColumns.ts writes (columns) or wrote before (JSON); both are read.
 */
import Dexie from 'dexie';
import type { DataRow } from '$lib/core/data/dataset';
import type { LifecycleDatabase } from './database';
import type { RowBlockRecord } from './records';
import { decodeBlock, encodeBlock } from './rowColumns';

export const ROW_BLOCK_SIZE = 2000;

/** Blocks that hold `rowCount` rows. */
export function blockCount(rowCount: number): number {
  return Math.ceil(rowCount / ROW_BLOCK_SIZE);
}

/** Block records of rows (blocks `from` … `to`, all by default), encoded one at a time as they are consumed. */
export function* toBlocks(datasetVersionId: string, rows: readonly DataRow[], from = 0, to = blockCount(rows.length)): Generator<RowBlockRecord> {
  for (let block = from, start = from * ROW_BLOCK_SIZE; block < to && start < rows.length; start += ROW_BLOCK_SIZE, block++) {
    yield encodeBlock({ datasetVersionId, block }, rows, start, Math.min(start + ROW_BLOCK_SIZE, rows.length));
  }
}

/** Blocks handed to IndexedDB per request. */
const BLOCKS_PER_BATCH = 8;
/**
 * Requests in flight at once: the next batch is encoded (and cloned by IndexedDB) while the
 * database writes the ones before; bounded, so at most this many batches wait in memory.
 */
const BATCHES_IN_FLIGHT = 3;

/**
 * Writes a version's rows in the caller's transaction (or its own). `onProgress` runs as each
 * batch is stored, in order; throwing there, like any failed request, rejects at once, so the
 * caller's transaction aborts and nothing of it stays.
 */
export function writeRowBlocks(
  db: LifecycleDatabase,
  datasetVersionId: string,
  rows: readonly DataRow[],
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  return writeBlockRange(db, datasetVersionId, rows, { from: 0, to: blockCount(rows.length) }, onProgress);
}

/**
 * Writes blocks `from` … `to` of a version's rows, as writeRowBlocks writes them all; `written`
 * counts the rows of these blocks.
 */
export async function writeBlockRange(
  db: LifecycleDatabase,
  datasetVersionId: string,
  rows: readonly DataRow[],
  blocks: { from: number; to: number },
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const tx = Dexie.currentTransaction;
  if (!tx) return db.transaction('rw', db.rowBlocks, () => writeBlockRange(db, datasetVersionId, rows, blocks, onProgress));
  // Bound to the transaction itself: after awaiting one of several requests, the code may run
  // outside Dexie's zone, where `db.rowBlocks` would start a transaction of its own.
  const table: LifecycleDatabase['rowBlocks'] = tx.table('rowBlocks');
  let written = 0;
  const inFlight: Promise<number>[] = [];
  const settleOldest = async () => {
    written += await inFlight.shift()!;
    onProgress?.(written, rows.length);
  };
  let batch: RowBlockRecord[] = [];
  const send = async () => {
    const count = batch.reduce((n, b) => n + b.count, 0);
    const request = table.bulkAdd(batch).then(() => count);
    // A later request fails too once the transaction aborts: only the first failure is news.
    request.catch(() => undefined);
    inFlight.push(request);
    batch = [];
    if (inFlight.length === BATCHES_IN_FLIGHT) await settleOldest();
  };
  for (const block of toBlocks(datasetVersionId, rows, blocks.from, blocks.to)) {
    batch.push(block);
    if (batch.length === BLOCKS_PER_BATCH) await send();
  }
  if (batch.length) await send();
  while (inFlight.length) await settleOldest();
}

/** All rows stored under each version, in order. */
export async function readRowBlocks(db: LifecycleDatabase, versionIds: readonly string[]): Promise<Map<string, DataRow[]>> {
  const blocks = await db.rowBlocks.where('datasetVersionId').anyOf([...versionIds]).toArray();
  blocks.sort((a, b) => a.block - b.block);
  const byVersion = new Map<string, DataRow[]>(versionIds.map((id) => [id, []]));
  for (const block of blocks) {
    const rows = byVersion.get(block.datasetVersionId)!;
    for (const row of decodeBlock(block)) rows.push(row);
  }
  return byVersion;
}

/** Rows `offset … offset+limit` stored under one version, reading only the blocks needed. */
export async function readRowRange(db: LifecycleDatabase, datasetVersionId: string, offset: number, limit: number): Promise<DataRow[]> {
  if (limit <= 0) return [];
  const first = Math.floor(offset / ROW_BLOCK_SIZE);
  const last = Math.floor((offset + limit - 1) / ROW_BLOCK_SIZE);
  const blocks = await db.rowBlocks.where('[datasetVersionId+block]').between([datasetVersionId, first], [datasetVersionId, last], true, true).toArray();
  // Rows within each block: from the offset in the first, up to offset + limit in the last.
  const end = offset + limit;
  return blocks.flatMap((b) => decodeBlock(b, Math.max(0, offset - b.block * ROW_BLOCK_SIZE), end - b.block * ROW_BLOCK_SIZE));
}

/** Number of rows stored under a version. */
export async function countStoredRows(db: LifecycleDatabase, datasetVersionId: string): Promise<number> {
  let n = 0;
  await db.rowBlocks.where('datasetVersionId').equals(datasetVersionId).each((b) => (n += b.count));
  return n;
}

/**
 * Whether all `rowCount` rows are stored under a version as writeRowBlocks writes them: blocks
 * 0 … n-1 and no other, the last holding the rest (the others are full, as toBlocks makes them).
 * Reads the keys and one block, not the rows.
 */
export async function rowBlocksComplete(db: LifecycleDatabase, datasetVersionId: string, rowCount: number): Promise<boolean> {
  const keys = await db.rowBlocks.where('datasetVersionId').equals(datasetVersionId).primaryKeys();
  const n = blockCount(rowCount);
  if (keys.length !== n || keys.some(([, block], i) => block !== i)) return false;
  if (n === 0) return true;
  const last = await db.rowBlocks.get([datasetVersionId, n - 1]);
  return last?.count === rowCount - (n - 1) * ROW_BLOCK_SIZE;
}

/** Deletes every block stored under a version. */
export function deleteRowBlocks(db: LifecycleDatabase, datasetVersionId: string): Promise<number> {
  return db.rowBlocks.where('datasetVersionId').equals(datasetVersionId).delete();
}
