/**
 * Row storage: a version's rows in blocks of ROW_BLOCK_SIZE, each one JSON string.
 */
import type { DataRow } from '$lib/core/data/dataset';
import type { LifecycleDatabase } from './database';
import type { RowBlockRecord } from './records';

export const ROW_BLOCK_SIZE = 2000;

/** Block records of rows, serialized one at a time as they are consumed. */
export function* toBlocks(datasetVersionId: string, rows: readonly DataRow[]): Generator<RowBlockRecord> {
  for (let start = 0, block = 0; start < rows.length; start += ROW_BLOCK_SIZE, block++) {
    const slice = rows.slice(start, start + ROW_BLOCK_SIZE);
    yield { datasetVersionId, block, count: slice.length, rowsJson: JSON.stringify(slice) };
  }
}

/** Blocks handed to IndexedDB per request: several in flight keep the disk busy without waiting on each. */
const BLOCKS_PER_BATCH = 8;

/** Writes a version's rows; `onProgress` runs after each batch (throwing there aborts the caller's transaction). */
export async function writeRowBlocks(
  db: LifecycleDatabase,
  datasetVersionId: string,
  rows: readonly DataRow[],
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  let written = 0;
  let batch: RowBlockRecord[] = [];
  const flush = async () => {
    await db.rowBlocks.bulkAdd(batch);
    written += batch.reduce((n, b) => n + b.count, 0);
    batch = [];
    onProgress?.(written, rows.length);
  };
  for (const block of toBlocks(datasetVersionId, rows)) {
    batch.push(block);
    if (batch.length === BLOCKS_PER_BATCH) await flush();
  }
  if (batch.length) await flush();
}

/** All rows stored under each version, in order. */
export async function readRowBlocks(db: LifecycleDatabase, versionIds: readonly string[]): Promise<Map<string, DataRow[]>> {
  const blocks = await db.rowBlocks.where('datasetVersionId').anyOf([...versionIds]).toArray();
  blocks.sort((a, b) => a.block - b.block);
  const byVersion = new Map<string, DataRow[]>(versionIds.map((id) => [id, []]));
  for (const block of blocks) {
    const rows = byVersion.get(block.datasetVersionId)!;
    for (const row of JSON.parse(block.rowsJson) as DataRow[]) rows.push(row);
  }
  return byVersion;
}

/** Rows `offset … offset+limit` stored under one version, reading only the blocks needed. */
export async function readRowRange(db: LifecycleDatabase, datasetVersionId: string, offset: number, limit: number): Promise<DataRow[]> {
  if (limit <= 0) return [];
  const first = Math.floor(offset / ROW_BLOCK_SIZE);
  const last = Math.floor((offset + limit - 1) / ROW_BLOCK_SIZE);
  const blocks = await db.rowBlocks.where('[datasetVersionId+block]').between([datasetVersionId, first], [datasetVersionId, last], true, true).toArray();
  const rows = blocks.flatMap((b) => JSON.parse(b.rowsJson) as DataRow[]);
  const skip = offset - first * ROW_BLOCK_SIZE;
  return rows.slice(skip, skip + limit);
}

/** Number of rows stored under a version. */
export async function countStoredRows(db: LifecycleDatabase, datasetVersionId: string): Promise<number> {
  let n = 0;
  await db.rowBlocks.where('datasetVersionId').equals(datasetVersionId).each((b) => (n += b.count));
  return n;
}
