/**
 * What the bench page (bench/browser/index.html + main.ts) exposes as `window.__bench`, shared by
 * the page and the Node-side drivers that call it through Playwright.
 */

export interface RowsInfo {
  count: number;
  /** Time to generate the tickets and map them with ticketToRow, in the page. */
  generateMs: number;
  /** UTF-16 length of all row texts, a rough size of the data set. */
  textChars: number;
}

export interface DbWriteResult {
  rows: number;
  /** prepareDatasetVersion: the content hash (SHA-256 over canonical rows). */
  hashMs: number;
  /** writeDatasetVersion: the IndexedDB transaction that stores version + rows. */
  writeMs: number;
  /** hashMs + writeMs: what createDatasetVersion costs. */
  totalMs: number;
  /** loadDatasetState of the written version: every row read back into memory (and hashed). */
  readMs: number;
  /** readRowBlocks of the same version: the stored blocks read and decoded into rows, nothing else. */
  blocksMs: number;
}

export interface BenchPageApi {
  /** Versions of what the page runs on. */
  info(): { dexie: string; userAgent: string; hardwareConcurrency: number; appVersion: string };
  /** Generates n tickets (seeded) as dataset rows and keeps them for dbWrite(n). */
  rows(n: number): RowsInfo;
  /**
   * In a fresh database: creates a project, then hashes and writes n rows as one dataset
   * version through the app's db code, checks the row count, and deletes the database.
   */
  dbWrite(n: number): Promise<DbWriteResult>;
  /** Runs a full garbage collection when Chromium was started with --js-flags=--expose-gc. */
  gc(): boolean;
  /**
   * Starts TF.js with the app's default backend choice (or `forced`) as the compute worker does;
   * returns the backend in use (the choice is measured once per page and kept).
   */
  startTf(forced?: BackendName): Promise<{ backend: string; fallbackReason: string | null }>;
  /** Untimed set-up of a training run: n seeded tickets stored as a split dataset version (bench/browser/trainRunTask.ts); returns its id. */
  prepareTrainRun(n: number, seed?: string): Promise<string>;
  /**
   * The compute worker's training job on prepared data, with the app's default backend choice or
   * `forced`, and `params` over the family's defaults (smoke tests only); the database is deleted after.
   */
  trainRun(id: string, forced?: BackendName, params?: Record<string, unknown>): Promise<TrainRunBenchResult>;
  /** One training pipeline run on n seeded tickets recording what the time-left estimate reads (bench/browser/trainTraceTask.ts). */
  trainTrace(n: number, forced?: BackendName): Promise<TrainTrace>;
  /** The training task (bench/trainTask.ts) on n seeded tickets; the sample project when n = 1200 and seed is given. */
  train(n: number, family: string, seed?: string): Promise<TrainTaskResult>;
  /**
   * Writes n prediction logs (with their minute buckets) in batches as the endpoint does; returns
   * logs per second. `texts`: without texts, with seeded ticket texts stored as sent, or masked first.
   */
  logWrite(n: number, batch: number, texts?: 'none' | 'stored' | 'masked'): Promise<{ logs: number; ms: number; perSecond: number; textChars: number }>;
  /**
   * n logged predictions with texts over the last 6 days, then `queryPredictions` timed
   * `repetitions` times for the newest page of 50: unfiltered, filtered (label, band, no outcome),
   * and with a search nothing matches (the whole window read). ms per query.
   */
  logQuery(n: number, repetitions: number): Promise<{ firstPage: number[]; filtered: number[]; rareSearch: number[] }>;
  /**
   * Monitor → Data: n logged predictions with texts (seeded tickets, some with outcomes) and a
   * 1,000-row dataset, then the data worker's collection job (workers/collectJob.ts) timed: the
   * preview, and the confirmed collection (read, hash, plan, write one version). A fresh database each run.
   */
  loopCollect(n: number): Promise<LoopCollectResult>;
  /**
   * A full drift report (`driftReport`, Evidently's default tests) on 20 seeded columns of `rows`
   * values per side (bench/driftColumns.ts), in a module worker: `repetitions` timed runs after
   * `warmup` untimed ones, the columns generated once beforehand.
   */
  driftReport(rows: number, repetitions: number, warmup: number): Promise<DriftBenchResult>;
  /**
   * A plain import (plainImport.worker.ts) on the file chosen in the page's
   * "CSV for the plain import" input, in a fresh worker whose database is open before the file is
   * sent; `pageMs` is from sending the file to the answer, as the page sees it.
   */
  plainImport(): Promise<PlainImportResult & { pageMs: number }>;
  /** A champion on n tickets, `added` newer labelled rows appended, then the retrain job timed (bench/browser/retrainTask.ts). */
  retrain(n: number, added: number): Promise<RetrainBenchResult>;
  /**
   * The sparse kernel on one backend (bench/browser/kernelTask.ts): `checkCsrKernel()`, then
   * `repetitions` timed A·W and Aᵀ·dy products over n tickets' TF-IDF rows. Switches the page's backend.
   */
  kernel(backend: 'cpu' | 'webgl', n: number, repetitions: number): Promise<KernelBenchResult>;
  /** Tensor count growth over `cycles` train + predict cycles. */
  tensorGrowth(cycles: number): Promise<{ before: number; after: number; growth: number }>;
}

export interface RetrainBenchResult {
  rows: number;
  added: number;
  /** Both steps: placing the new rows by time (a split version), then the retrain job — load both versions, train, compare, store. */
  retrainMs: number;
  /** Training the champion beforehand (untimed for the figure). */
  championMs: number;
  backend: string;
  /** The phases: the split step, the retrain's loading, vectorize + train + evaluate + latency, comparing, storing. */
  phasesMs: { split: number; load: number; train: number; compare: number; save: number };
  /** Rows both models predicted: the original test split and the recent holdout. */
  originalTest: number;
  recentHoldout: number;
  accuracy: { championOriginal: number; challengerOriginal: number; championHoldout: number; challengerHoldout: number };
  mcnemarP: { original: number; holdout: number };
}

export interface LoopCollectResult {
  previewMs: number;
  collectMs: number;
  matched: number;
  added: number;
  skippedDuplicates: number;
  /** ms from the start of the preview / the collection to the first report of each of its steps. */
  steps: Record<string, number>;
}

export interface DriftBenchResult {
  rows: number;
  columns: number;
  /** ms per report, measured in the worker. */
  samples: number[];
  /** Generating the columns (untimed for the figure). */
  generateMs: number;
  driftedColumns: string[];
  /** The test each column got, by name. */
  tests: Record<string, string>;
  datasetDrift: boolean;
}

import type { TrainTaskResult } from '../trainTask';
import type { PlainImportResult } from './plainImport.worker';
import type { KernelBenchResult } from './kernelTask';
import type { TrainRunBenchResult } from './trainRunTask';
import type { TrainTrace } from './trainTraceTask';
import type { BackendName } from '$lib/workers/computeProtocol';
export type { KernelBenchResult, TrainRunBenchResult, TrainTaskResult, TrainTrace };

declare global {
  interface Window {
    __bench?: BenchPageApi;
    /** Set by the page once __bench is ready, or to an error message if it failed to load. */
    __benchReady?: true | string;
  }
}
