/**
 * Rows stored ahead of their version. An import's default outcome is written as row blocks under
 * the id its version will get while the person still looks at the report, so confirming it
 * writes only the version record (writeDatasetVersion's `stagedAs`). Until that record exists no
 * reader sees the blocks: every reader reaches rows through a version (readRowBlocks,
 * readRowRange, snapshots and so backups, project deletion).
 *
 * A staging holds a Web Lock named for its version id from before its first block until its
 * version is written or its blocks deleted. Blocks no version refers to are left only by a tab or
 * worker that ended mid-staging; the sweep deletes those, never a staging whose lock is held.
 * Without Web Locks there is nothing to tell the two apart, so nothing is staged.
 */
import type { DataRow } from '$lib/core/data/dataset';
import type { LifecycleDatabase } from './database';
import { newId } from './ids';
import { ROW_BLOCK_SIZE, blockCount, deleteRowBlocks, writeBlockRange } from './rowBlocks';

export const STAGING_LOCK = 'lifecycle-lab-staged-rows:';

/**
 * Blocks per transaction (128k rows: the 100k bench file in one): other readers of the rows get
 * in between, where one transaction would hold them off for seconds at 1M rows. Storing 1M rows
 * in Chromium (medians of 4, machine load 13–17, so within noise): 16 blocks 10.3 s, 64 8.8 s,
 * all in one 9.2 s. A stop aborts the transaction under way, so it need not wait for it.
 */
const BLOCKS_PER_TRANSACTION = 64;

/** Thrown into a staging transaction to abort it. */
class Stopped extends Error {}

/** The part of the Web Locks API the staging uses. */
export type StagingLocks = Pick<LockManager, 'request'>;

function webLocks(): StagingLocks | null {
  return globalThis.navigator?.locks ?? null;
}

/** Deletes the blocks under `versionId` unless a version took them meanwhile. */
async function deleteUnclaimed(db: LifecycleDatabase, versionId: string): Promise<void> {
  await db.transaction('rw', [db.datasetVersions, db.rowBlocks], async () => {
    if (!(await db.datasetVersions.get(versionId))) await deleteRowBlocks(db, versionId);
  });
}

export class StagedRows {
  /** The id the version must take to own these blocks. */
  readonly versionId = newId();
  readonly rows: readonly DataRow[];
  /** Rows stored so far. */
  written = 0;
  /** Told as each batch of blocks is stored, while the staging goes on. */
  onProgress: ((written: number, total: number) => void) | null = null;
  /** Settles true once every block is stored; false when the staging stopped or failed (its blocks then deleted). */
  readonly done: Promise<boolean>;
  #stopped = false;
  #release = () => {};
  #ended: Promise<void> | null = null;
  readonly #db: LifecycleDatabase;
  readonly #blocksPerTransaction: number;

  constructor(db: LifecycleDatabase, rows: readonly DataRow[], locks: StagingLocks, blocksPerTransaction = BLOCKS_PER_TRANSACTION) {
    this.#db = db;
    this.rows = rows;
    this.#blocksPerTransaction = blocksPerTransaction;
    const held = new Promise<void>((resolve) => (this.#release = resolve));
    this.done = new Promise<boolean>((granted) => {
      void locks.request(STAGING_LOCK + this.versionId, () => {
        granted(this.#write());
        return held;
      }).catch(() => granted(false));
    });
  }

  async #write(): Promise<boolean> {
    const n = blockCount(this.rows.length);
    try {
      for (let from = 0; from < n && !this.#stopped; from += this.#blocksPerTransaction) {
        const to = Math.min(n, from + this.#blocksPerTransaction);
        await writeBlockRange(this.#db, this.versionId, this.rows, { from, to }, (written) => {
          // Throwing aborts the transaction: a stop waits for no more of it.
          if (this.#stopped) throw new Stopped();
          this.written = from * ROW_BLOCK_SIZE + written;
          this.onProgress?.(this.written, this.rows.length);
        });
      }
      if (!this.#stopped) return true;
    } catch {
      // Stopped, or a failed write (a full disk): its transaction left nothing; the earlier ones go below.
    }
    await this.#end();
    return false;
  }

  /** Stops the staging and deletes what it stored; settles when the database is as it was. */
  async discard(): Promise<void> {
    this.#stopped = true;
    // The write in progress ends first (it deletes and gives the lock back when it sees the stop).
    if (await this.done) await this.#end();
  }

  /** The version that took these blocks is written: the lock is given back, the blocks are its. */
  committed(): void {
    this.#release();
  }

  /** Deletes the blocks and gives the lock back; never fails (blocks it could not delete are left to the next start's sweep). */
  #end(): Promise<void> {
    this.#ended ??= deleteUnclaimed(this.#db, this.versionId)
      .catch(() => undefined)
      .finally(() => this.#release());
    return this.#ended;
  }
}

/**
 * Starts storing `rows` ahead of their version (null without Web Locks). Writes from the rows
 * given, a bounded number of blocks at a time; the caller keeps the rows until the end.
 */
export function stageRows(
  db: LifecycleDatabase,
  rows: readonly DataRow[],
  locks: StagingLocks | null = webLocks(),
  blocksPerTransaction = BLOCKS_PER_TRANSACTION,
): StagedRows | null {
  return locks && rows.length ? new StagedRows(db, rows, locks, blocksPerTransaction) : null;
}

/**
 * Deletes row blocks that no version refers to and no staging holds (left by a tab or worker
 * that ended mid-staging); the number of versions' blocks deleted.
 */
export async function sweepStagedRows(db: LifecycleDatabase, locks: StagingLocks | null = webLocks()): Promise<number> {
  if (!locks) return 0;
  const orphans = await db.transaction('r', [db.datasetVersions, db.rowBlocks], async () => {
    const blockOwners = (await db.rowBlocks.orderBy('datasetVersionId').uniqueKeys()) as string[];
    const versions = new Set(await db.datasetVersions.toCollection().primaryKeys());
    return blockOwners.filter((id) => !versions.has(id));
  });
  let swept = 0;
  for (const versionId of orphans) {
    await locks.request(STAGING_LOCK + versionId, { ifAvailable: true }, async (lock) => {
      if (!lock) return; // a staging going on now, in this tab or another
      await deleteUnclaimed(db, versionId);
      swept++;
    });
  }
  return swept;
}
