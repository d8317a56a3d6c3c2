import { windowFrom, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import type { DatasetVersionRecord } from '$lib/db';
import { dataCall } from '$lib/workers/dataClient';
import type { CollectPreview, CollectWindow, DataProgress } from '$lib/workers/dataProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { nowIso, nowMs } from '$lib/clock';

/**
 * Monitor → Data for one project: the preview of collecting the Latest predictions' window and
 * filters (computed in the data worker, nothing written), then the confirmed write. The window
 * ends when the dialog opened, so the confirmation collects what the preview counted; a cancel
 * stops the worker's job and writes nothing.
 */
export class ProductionCollect {
  readonly projectId: string;
  step = $state<'closed' | 'previewing' | 'ready' | 'writing' | 'done'>('closed');
  progress = $state.raw<DataProgress | null>(null);
  preview = $state.raw<CollectPreview | null>(null);
  written = $state.raw<DatasetVersionRecord | null>(null);
  error = $state<string | null>(null);
  #filter: PredictionFilter | null = null;
  #window: CollectWindow | null = null;
  #call: Call<unknown> | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
  }

  get busy(): boolean {
    return this.step === 'previewing' || this.step === 'writing';
  }

  /** Opens the dialog and computes the preview of `filter` over its window ending now. */
  async open(filter: PredictionFilter): Promise<void> {
    const now = nowMs();
    this.#filter = filter;
    this.#window = { from: windowFrom(filter.window, now), to: nowIso() };
    this.preview = null;
    this.written = null;
    this.error = null;
    this.step = 'previewing';
    this.preview = await this.#run(dataCall({ type: 'collectPreview', projectId: this.projectId, filter, window: this.#window }, (p) => (this.progress = p)));
    if (this.step === 'previewing') this.step = 'ready';
  }

  /** Computes the preview again on the same filters (e.g. after the dataset moved on). */
  again(): Promise<void> {
    return this.#filter ? this.open(this.#filter) : Promise.resolve();
  }

  /** Writes the previewed rows as a new version (refused, with the reason shown, when the dataset moved on). */
  async confirm(): Promise<void> {
    const preview = this.preview;
    if (this.step !== 'ready' || !preview || !this.#filter || !this.#window) return;
    this.step = 'writing';
    const { version } = preview;
    const result = await this.#run(
      dataCall(
        { type: 'collect', projectId: this.projectId, filter: this.#filter, window: this.#window, versionId: version.id, versionNumber: version.number },
        (p) => (this.progress = p),
      ),
    );
    if (this.step !== 'writing') return;
    if (result) {
      this.written = result.version;
      this.step = 'done';
    } else {
      // Refused or failed: the preview no longer stands; the dialog offers to compute it again.
      this.preview = null;
      this.step = 'ready';
    }
  }

  /** Stops a preview (nothing is written) and closes the dialog; a write under way is not interrupted (it commits whole or not at all). */
  close(): void {
    if (this.step === 'writing') return;
    this.#call?.cancel();
    this.step = 'closed';
  }

  async #run<T>(call: Call<T>): Promise<T | null> {
    this.#call = call;
    this.progress = null;
    try {
      return await call.result;
    } catch (error) {
      if (!(error instanceof CancelledError)) this.error = error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      this.#call = null;
    }
  }
}
