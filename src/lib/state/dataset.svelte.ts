import { listDatasetVersions, type DatasetVersionRecord } from '$lib/db';
import type { SplitPlan, SplitRatios, UndatedRows } from '$lib/core/data/split';
import type { SplitSummary } from '$lib/core/data/splitSummary';
import { dataCall } from '$lib/workers/dataClient';
import type { DataProgress, DataRequest, DataResults, RowPage, RowQuery } from '$lib/workers/dataProtocol';
import { CancelledError } from '$lib/workers/rpc';
import { nowIso } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** What the dataset is busy with while the leakage fix runs (the Checks view shows its progress). */
export const LEAKAGE_FIX_BUSY = 'Moving repeated rows';

/**
 * A project's dataset: its versions (newest first) and the operations that derive new versions
 * from the newest one, run in the data worker. One operation at a time.
 */
export class ProjectDataset {
  readonly projectId: string;
  versions: Live<DatasetVersionRecord[]>;
  busy = $state<string | null>(null);
  progress = $state.raw<DataProgress | null>(null);
  error = $state<string | null>(null);

  constructor(projectId: string) {
    this.projectId = projectId;
    this.versions = new Live(() => listDatasetVersions(db, projectId), []);
  }

  /** The version this page wrote last: the database's change notice reaches the list a moment later. */
  #written = $state.raw<DatasetVersionRecord | null>(null);

  /** The newest version, counting one just written that the list does not show yet. */
  get head(): DatasetVersionRecord | undefined {
    const listed = this.versions.current[0];
    const written = this.#written;
    return written && written.projectId === this.projectId && (!listed || written.number > listed.number) ? written : listed;
  }

  /** Records a version written through this page (an import, a label, a split). */
  wrote(version: DatasetVersionRecord): void {
    this.#written = version;
  }

  /** Labels whose rows exist in the newest version, in a stable order. */
  get classes(): string[] {
    return Object.keys(this.head?.classBalance ?? {}).filter((l) => l !== '').sort();
  }

  query(query: Omit<RowQuery, 'versionId'> & { versionId?: string }): Promise<RowPage> {
    const versionId = query.versionId ?? this.head?.id;
    if (!versionId) return Promise.resolve({ rows: [], total: 0 });
    return dataCall({ type: 'query', query: { ...query, versionId } }).result;
  }

  label(keys: string[], label: string | null, message: string, change: 'label' | 'bulk-label' = 'label') {
    return this.#derive('Saving labels', (versionId) => ({ type: 'label', versionId, keys, label, message, change }));
  }

  maskPii() {
    return this.#derive('Masking personal data', (versionId) => ({ type: 'maskPii', versionId }));
  }

  /** Moves the rows whose text repeats one in another split, so that no text is in two splits. */
  fixLeakage() {
    return this.#derive(LEAKAGE_FIX_BUSY, (versionId) => ({ type: 'fixLeakage', versionId }));
  }

  split(method: 'stratified' | 'time', ratios: SplitRatios, seed: string, undated: UndatedRows = 'refuse') {
    return this.#derive('Splitting', (versionId) => ({ type: 'split', versionId, method, ratios, seed, undated }));
  }

  /** Rows of a version and how many of them a time split cannot place (no usable timestamp). */
  countUndated(versionId: string): Promise<{ rows: number; undated: number }> {
    return dataCall({ type: 'countUndated', versionId }).result;
  }

  /** Per-split size, time range and class balance of a version: as `plan` would split it, or as it is split. */
  splitSummary(versionId: string, plan?: SplitPlan): Promise<SplitSummary> {
    return dataCall({ type: 'splitSummary', versionId, ...(plan ? { plan } : {}) }).result;
  }

  /** The version as a CSV or JSON file's text, with a file name. */
  exportVersion(versionId: string, format: 'csv' | 'json', name: string) {
    return this.#run('Exporting', { type: 'export', versionId, format, name, exportedAt: nowIso() });
  }

  /** Derives a new version from the newest one and remembers it as the head. */
  async #derive<T extends 'label' | 'split' | 'maskPii' | 'fixLeakage'>(
    what: string,
    request: (versionId: string) => Extract<DataRequest, { type: T }>,
  ): Promise<DataResults[T] | undefined> {
    const head = this.head;
    if (!head) return undefined;
    const version = await this.#run(what, request(head.id));
    if (version) this.wrote(version);
    return version;
  }

  /** One operation at a time in the data worker: busy, progress and error follow it. */
  async #run<T extends DataRequest['type']>(what: string, request: Extract<DataRequest, { type: T }>): Promise<DataResults[T] | undefined> {
    this.busy = what;
    this.error = null;
    try {
      return await dataCall(request, (p) => (this.progress = p)).result;
    } catch (error) {
      this.error = error instanceof CancelledError ? null : error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }
}
