import { confirmLabel, labelHistory, type LabelEventRecord } from '$lib/db';
import type { DataRow } from '$lib/core/data/dataset';
import type { QueueOrder, RowScore } from '$lib/core/loop/labelOrder';
import type { RowPage } from '$lib/workers/dataProtocol';
import { db } from './database.svelte';
import type { ProjectDataset } from './dataset.svelte';
import { Latest } from './latest';
import { QueueScores } from './queueScores.svelte';
import { displayName } from './registry.svelte';
import { attempt } from './notices.svelte';

/** Never changed: the suggestions before any scores are held. */
const NO_SCORES: ReadonlyMap<string, RowScore> = new Map();

/** Unlabelled rows fetched per refill of the queue. */
const QUEUE_BATCH = 50;

/**
 * The labelling queue: rows of the newest version, one at a time, in the chosen order — unlabelled
 * rows as stored or most uncertain first, or feedback rows the model disagrees with (core/loop/
 * labelOrder.ts), with the model's suggestion. Each label is a new dataset version; undo labels the
 * row back (another version), so history stays complete. Keeping a feedback row's label records a
 * confirmation (no version: no row changed).
 */
export class LabelQueue {
  readonly dataset: ProjectDataset;
  readonly scores: QueueScores;
  order = $state<QueueOrder>('stored');
  rows = $state.raw<DataRow[]>([]);
  /** The model's scores of the rows shown, when the version has been scored. */
  suggestions = $state.raw<ReadonlyMap<string, RowScore>>(NO_SCORES);
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
    this.scores = new QueueScores(dataset.projectId);
  }

  /** The panel's refill effect reads the order, so it refills. */
  setOrder(order: QueueOrder): void {
    if (order === this.order) return;
    this.#skipped.clear();
    this.loaded = false;
    this.order = order;
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
      () => this.#next(),
      ({ page, ordered, suggestions }) => {
        this.rows = (ordered ? page.rows : page.rows.filter((r) => !this.#skipped.has(r.key))).slice(0, QUEUE_BATCH);
        this.remaining = page.total;
        this.suggestions = suggestions;
        this.loaded = true;
      },
    );
  }

  /** The next rows in the chosen order (as stored when the version cannot be scored), with the scores held for them. */
  async #next(): Promise<{ page: RowPage; ordered: boolean; suggestions: ReadonlyMap<string, RowScore> }> {
    const { head } = this.dataset;
    const order = this.order;
    const versionOf = (id: string) => this.dataset.versions.current.find((v) => v.id === id);
    const scored = !head ? null : order === 'stored' ? this.scores.cached(head, versionOf) : await this.scores.ensure(head, versionOf);
    const suggestions = scored?.scores ?? NO_SCORES;
    if (order === 'stored' || !scored) {
      const page = await this.dataset.query({ label: { kind: 'unlabelled' }, offset: 0, limit: QUEUE_BATCH + this.#skipped.size });
      return { page, ordered: false, suggestions };
    }
    const keys = this.scores.ordered(scored, order).filter((k) => !this.#skipped.has(k));
    const wanted = keys.slice(0, QUEUE_BATCH);
    const found = await this.dataset.query({ keys: wanted, offset: 0, limit: QUEUE_BATCH });
    // Another tab may have labelled a row since it was scored: such a row is not offered.
    const fits = (r: DataRow) => (order === 'uncertain' ? r.label === null : r.label !== null);
    const rows = wanted.map((k) => found.rows.find((r) => r.key === k)).filter((r): r is RowPage['rows'][number] => !!r && fits(r));
    return { page: { rows, total: keys.length - (wanted.length - rows.length) }, ordered: true, suggestions };
  }

  /** Labels the current row; in the disagreement order, picking the label it has keeps it (`keep`). */
  async label(label: string): Promise<void> {
    const row = this.current;
    if (!row || this.dataset.busy) return;
    if (row.label === label) return this.keep();
    const version = await this.dataset.label([row.key], label, `Labelled ${row.key} as ${label}`);
    if (!version) return;
    this.scores.note(row.key, label);
    this.undoStack = [...this.undoStack, { key: row.key, previous: row.label, label }];
    this.#done(row.key);
    if (this.rows.length === 0) await this.refill();
  }

  /** Keeps the current row's label after a re-check (a labelled row, in the disagreement order). */
  async keep(): Promise<void> {
    const row = this.current;
    const head = this.dataset.head;
    if (!row || row.label === null || !head || this.dataset.busy) return;
    const label = row.label;
    const ok = await attempt(() => confirmLabel(db, { projectId: this.dataset.projectId, datasetVersionId: head.id, rowKey: row.key, label, by: displayName.current }));
    if (ok === undefined) return;
    this.scores.note(row.key, label);
    this.#done(row.key);
    if (this.rows.length === 0) await this.refill();
  }

  /** Takes a handled row out, by key: a refill for a newer version may already have taken it out (and counted it). */
  #done(key: string): void {
    const left = this.rows.filter((r) => r.key !== key);
    if (left.length < this.rows.length) this.remaining = Math.max(0, this.remaining - 1);
    this.rows = left;
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
    this.scores.note(last.key, last.previous);
    this.undoStack = this.undoStack.slice(0, -1);
    this.#skipped.delete(last.key);
    await this.refill();
  }
}

/** A row's label changes across versions, newest first. */
export function rowHistory(projectId: string, key: string): Promise<LabelEventRecord[]> {
  return labelHistory(db, projectId, key);
}
