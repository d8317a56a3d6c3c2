/**
 * Page side of the train.lr.* figures: the compute worker's training job (`trainRun`, the same
 * code, run here on the page) on n seeded tickets with the bench's split (bench/trainTask.ts
 * `ticketRows`), the default logistic regression and a given backend choice.
 *
 * Untimed set-up (`prepareTrainRun`, a separate call so heap sampling can skip it): generating the tickets and storing them as a split dataset version in a fresh
 * database. Timed, as the issue defines the figure: from the job holding the rows (its first step
 * after reading them from IndexedDB) to the stored run — vectorize, train, evaluate validation and
 * test, the latency sample, and the transaction storing the run and its model. Reading the rows
 * is reported beside it (`loadMs`).
 */
import { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { getModelFamily } from '$lib/core/models/families';
import { trainRun } from '$lib/workers/trainRun';
import type { BackendPreference, TrainProgress } from '$lib/workers/computeProtocol';
import type { RpcContext } from '$lib/workers/rpc';
import { ticketRows } from '../trainTask';
import { etaError, type EtaError, type EtaSample } from '../etaError';

export interface TrainRunBenchResult {
  rows: number;
  backend: string;
  fallbackReason: string | null;
  /** From the rows in hand to the stored run (the figure), ms. */
  ms: number;
  /** Reading the rows from IndexedDB at the job's start, ms (outside `ms`). */
  loadMs: number;
  /** The whole job as the run records it (load + `ms`). */
  totalMs: number;
  /** Untimed set-up: generating the tickets, and storing them as a dataset version. */
  generateMs: number;
  storeRowsMs: number;
  /** The job's phases, ms from each one's start to the next one's. */
  phasesMs: Record<string, number>;
  /** The pipeline's own timings as stored with the run. */
  timings: Record<string, number>;
  testAccuracy: number;
  vocabulary: number;
  /** The run's latency sample: single predictions (ms; how many were timed) and batch throughput (texts/s). */
  latency: { p50: number; p99: number; batchPerSecond: number; samples: number };
  /** How far the time-left estimates shown while training were from the job's real end (null: too few). */
  eta: EtaError | null;
}

const PHASES: readonly TrainProgress['phase'][] = ['load', 'vectorize', 'train', 'evaluate', 'latency', 'save'];

interface Prepared {
  db: LifecycleDatabase;
  projectId: string;
  versionId: string;
  rows: number;
  generateMs: number;
  storeRowsMs: number;
}
const prepared = new Map<string, Prepared>();

/** The untimed set-up: n tickets stored as a split dataset version in a fresh database; returns its id. */
export async function prepareTrainRun(n: number, seed = 'bench-train'): Promise<string> {
  const db = new LifecycleDatabase(`lifecycle-lab-bench-train-${Date.now()}-${prepared.size}`);
  try {
    await db.open();
    const projectId = (await createProject(db, { name: `Bench train ${n}` })).id;
    const t0 = performance.now();
    const rows = ticketRows(n, seed);
    const t1 = performance.now();
    const counts = { train: 0, validation: 0, test: 0 };
    for (const r of rows) counts[r.split!]++;
    const version = await createDatasetVersion(db, {
      projectId, source: { name: 'bench:generator', seed }, message: `${n} tickets`, schema: [],
      rows, split: { seed: 'split-1', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts },
    });
    prepared.set(db.name, { db, projectId, versionId: version.id, rows: n, generateMs: t1 - t0, storeRowsMs: performance.now() - t1 });
    return db.name;
  } catch (error) {
    await db.delete().catch(() => undefined);
    throw error;
  }
}

/**
 * `trainRun` on a prepared dataset asking for `preferred`; deletes the database afterwards.
 * `params` override the family's defaults (smoke tests of the big sizes; the figures use none).
 */
export async function trainRunBench(id: string, preferred: BackendPreference, params: Record<string, unknown> = {}): Promise<TrainRunBenchResult> {
  const job = prepared.get(id);
  if (!job) throw new Error(`no prepared training data ${id}`);
  prepared.delete(id);
  const { db, projectId } = job;
  try {
    const started: Partial<Record<TrainProgress['phase'], number>> = {};
    const etas: EtaSample[] = [];
    const progress = (p: TrainProgress) => {
      const at = performance.now();
      started[p.phase] ??= at;
      if (p.phase === 'train') etas.push({ atMs: at, etaMs: p.etaMs });
    };
    const ctx: RpcContext<TrainProgress> = { progress, cancelled: false, throwIfCancelled: () => undefined };
    const run = await trainRun(db, {
      type: 'train', projectId, datasetVersionId: job.versionId, family: 'softmax-regression', params: { ...getModelFamily('softmax-regression').defaults, ...params },
      vectorizer: DEFAULT_VECTORIZER, seed: 'bench', preferred, slices: [],
    }, ctx);
    const end = performance.now();
    const phasesMs: Record<string, number> = {};
    PHASES.forEach((phase, i) => {
      const from = started[phase];
      const to = PHASES.slice(i + 1).map((p) => started[p]).find((t) => t !== undefined) ?? end;
      if (from !== undefined) phasesMs[phase] = to - from;
    });
    // The save phase split by trainRun's marks: the run record built, the room check, the transaction.
    const mark = (name: string) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime;
    const room = mark('train:room-check');
    const store = mark('train:store');
    if (started.save !== undefined && room !== undefined && store !== undefined && room >= started.save) {
      Object.assign(phasesMs, { 'save.record': room - started.save, 'save.roomCheck': store - room, 'save.transaction': end - store });
    }
    const inHand = started.vectorize ?? end;
    const latency = run.evaluation?.latency;
    return {
      rows: job.rows,
      backend: run.backend,
      fallbackReason: run.fallbackReason ?? null,
      ms: end - inHand,
      loadMs: inHand - (started.load ?? inHand),
      totalMs: run.timings.totalMs ?? NaN,
      generateMs: job.generateMs,
      storeRowsMs: job.storeRowsMs,
      phasesMs,
      timings: run.timings as Record<string, number>,
      testAccuracy: run.evaluation?.test.accuracy ?? NaN,
      vocabulary: Number(run.vectorizer?.vocabularySize),
      latency: { p50: latency?.p50 ?? NaN, p99: latency?.p99 ?? NaN, batchPerSecond: latency?.batchPerSecond ?? NaN, samples: latency?.samples ?? 0 },
      // The estimate is of the whole job's time left: its truth is the stored run.
      eta: started.train === undefined ? null : etaError(etas, started.train, end),
    };
  } finally {
    await db.delete().catch(() => undefined);
  }
}
