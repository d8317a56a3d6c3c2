import { labelHistory, type LabelEventRecord } from '$lib/db';
import type { DataRow } from '$lib/core/data/dataset';
import { db } from './database.svelte';
import type { ProjectDataset } from './dataset.svelte';
import { Latest } from './latest';

/** Unlabelled rows fetched per refill of the queue. */
const QUEUE_BATCH = 50;

/**
 * The labelling queue: unlabelled rows of the newest version, one at a time. Each label is a
 * new dataset version; undo labels the row back (another version), so history stays complete.
 */
export class LabelQueue {
  readonly dataset: ProjectDataset;
  rows = $state.raw<DataRow[]>([]);
  remaining = $state(0);
  loaded = $state(false);
  /** Labelled in this session, newest last, for undo. */
  undoStack = $state.raw<{ key: string; previous: string | null; label: string | null }[]>([]);
  // Not rendered, only read by the methods: a plain Set is right here.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #skipped = new Set<string>();
  /** Only the latest refill's answer is shown (an older one may read an older version). */
  #refills = new Latest();

  constructor(dataset: ProjectDataset) {
    this.dataset = dataset;
  }

  get current(): DataRow | undefined {
    return this.rows[0];
  }

  /**
   * Reads the unlabelled rows of the newest version. The panel calls it again whenever the newest
   * version changes, also when another tab saved it, so the queue never offers a row labelled there.
   */
  async refill(): Promise<void> {
    await this.#refills.run(
      () => this.dataset.query({ label: { kind: 'unlabelled' }, offset: 0, limit: QUEUE_BATCH + this.#skipped.size }),
      (page) => {
        this.rows = page.rows.filter((r) => !this.#skipped.has(r.key)).slice(0, QUEUE_BATCH);
        this.remaining = page.total;
        this.loaded = true;
      },
    );
  }

  async label(label: string): Promise<void> {
    const row = this.current;
    if (!row || this.dataset.busy) return;
    const version = await this.dataset.label([row.key], label, `Labelled ${row.key} as ${label}`);
    if (!version) return;
    this.undoStack = [...this.undoStack, { key: row.key, previous: row.label, label }];
    // By key: a refill for a newer version may already have taken the row out (and counted it).
    const left = this.rows.filter((r) => r.key !== row.key);
    if (left.length < this.rows.length) this.remaining = Math.max(0, this.remaining - 1);
    this.rows = left;
    if (this.rows.length === 0) await this.refill();
  }

  skip(): void {
    const row = this.current;
    if (!row) return;
    this.#skipped.add(row.key);
    this.rows = this.rows.slice(1);
    if (this.rows.length === 0) void this.refill();
  }

  async undo(): Promise<void> {
    const last = this.undoStack.at(-1);
    if (!last || this.dataset.busy) return;
    const version = await this.dataset.label([last.key], last.previous, `Undid the label of ${last.key}`);
    if (!version) return;
    this.undoStack = this.undoStack.slice(0, -1);
    this.#skipped.delete(last.key);
    await this.refill();
  }
}

/** A row's label changes across versions, newest first. */
export function rowHistory(projectId: string, key: string): Promise<LabelEventRecord[]> {
  return labelHistory(db, projectId, key);
}
