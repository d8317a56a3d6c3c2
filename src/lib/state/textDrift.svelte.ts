import { listDriftReports, type DriftReportRecord } from '$lib/db';
import { TEXT_DRIFT_KIND, TEXT_DRIFT_SCHEMA_VERSION, type TextDriftDetails, type TextDriftWindowId } from '$lib/core/drift/text/textDriftReport';
import { dataCall } from '$lib/workers/dataClient';
import type { DataProgress } from '$lib/workers/dataProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { nowIso } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** A stored text drift report with its details typed. */
export type TextDriftRecord = DriftReportRecord & { details: TextDriftDetails };

export function isTextDriftRecord(record: DriftReportRecord): record is TextDriftRecord {
  const details = record.details as { kind?: unknown; schemaVersion?: unknown } | null;
  return details?.kind === TEXT_DRIFT_KIND && details.schemaVersion === TEXT_DRIFT_SCHEMA_VERSION;
}

/**
 * The Monitor stage's Drift view of one project: the stored reports, and the one check that may
 * be running in the data worker (progress, cancel). A check that finds too few logged texts, or
 * nothing to compare with, stores nothing and says why.
 */
export class TextDriftCheck {
  readonly projectId: string;
  reports: Live<DriftReportRecord[]>;
  windowId = $state<TextDriftWindowId>('24h');
  running = $state(false);
  progress = $state.raw<DataProgress | null>(null);
  /** Why the last check produced no report (too few texts, nothing deployed, …). */
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  /** The report on screen: the chosen one, else the newest. */
  selectedId = $state<string | null>(null);
  #call: Call<unknown> | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.reports = new Live(() => listDriftReports(db, projectId), []);
  }

  get textReports(): TextDriftRecord[] {
    return this.reports.current.filter(isTextDriftRecord);
  }

  get shown(): TextDriftRecord | null {
    const list = this.textReports;
    return list.find((r) => r.id === this.selectedId) ?? list[0] ?? null;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.message = null;
    this.error = null;
    this.progress = null;
    try {
      const call = dataCall({ type: 'textDrift', projectId: this.projectId, windowId: this.windowId, now: nowIso() }, (p) => (this.progress = p));
      this.#call = call;
      const result = await call.result;
      if (result.status === 'stored') this.selectedId = result.report.id;
      else if (result.status === 'unavailable') this.message = result.reason;
      else
        this.message =
          `Only ${result.texts} logged ${result.texts === 1 ? 'text is' : 'texts are'} in this window; a drift check needs at least ${result.minimum}. ` +
          'With fewer, every statistic would mostly measure chance. Send more traffic, or choose a longer window.';
    } catch (error) {
      if (error instanceof CancelledError) this.message = 'Drift check cancelled. Nothing was stored.';
      else this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
      this.#call = null;
    }
  }

  cancel(): void {
    this.#call?.cancel();
  }

  select(id: string): void {
    this.selectedId = id;
  }
}
