/**
 * Dataset versions held in memory by the data worker, newest use last, so a query, a check or
 * a change on the version the page shows does not read 100k rows again. A couple are enough for
 * a session (a diff needs two).
 */
import type { DatasetState } from '$lib/core/data/datasetState';
import type { LifecycleDatabase } from '$lib/db/database';
import { loadDatasetState } from '$lib/db/datasets';
import type { DataProgress } from './dataProtocol';
import type { RpcContext } from './rpc';

const MAX_STATES = 2;

export class DatasetStates {
  readonly #states = new Map<string, DatasetState>();
  readonly #db: LifecycleDatabase;

  constructor(db: LifecycleDatabase) {
    this.#db = db;
  }

  /** The version's rows, loaded (with progress) unless held. */
  async load(versionId: string, ctx: RpcContext<DataProgress>): Promise<DatasetState> {
    let state = this.#states.get(versionId);
    if (!state) {
      const started = performance.now();
      ctx.progress({ phase: 'load', done: 0, total: 1, records: 0, elapsedMs: 0 });
      state = await loadDatasetState(this.#db, versionId);
      ctx.progress({ phase: 'load', done: 1, total: 1, records: state.size, elapsedMs: performance.now() - started });
    }
    this.keep(versionId, state);
    return state;
  }

  /** The version's rows if held; never reads. */
  cached(versionId: string): DatasetState | undefined {
    return this.#states.get(versionId);
  }

  /** Holds `state` as the version's rows, as the newest use. */
  keep(versionId: string, state: DatasetState): void {
    this.#states.delete(versionId);
    this.#states.set(versionId, state);
    while (this.#states.size > MAX_STATES) this.#states.delete(this.#states.keys().next().value!);
  }

  /** After a derived version is written, the mutated state belongs to the new version. */
  rekey(oldId: string, newId: string, state: DatasetState): void {
    this.#states.delete(oldId);
    this.#states.set(newId, state);
  }
}
