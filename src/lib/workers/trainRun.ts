/**
 * One training run in the compute worker: load the dataset version, run the core pipeline with
 * progress and cancel, and store the run with its model in one transaction. `fitWithProgress` is
 * the training part on rows already split, shared with retraining (retrainRun.ts).
 */
import { runPipeline, type PipelineInput, type PipelineResult } from '$lib/core/models/pipeline';
import type { SerializedTfidf } from '$lib/core/text/tfidf';
import type { Curves } from '$lib/core/models/runReport';
import { estimateTimeLeft } from '$lib/core/models/timeLeft';
import { trainingUnit, type TrainingUnit } from '$lib/core/models/catalog';
import type { DataRow } from '$lib/core/data/dataset';
import type { LifecycleDatabase } from '$lib/db/database';
import { loadDatasetState, requireDatasetVersion } from '$lib/db/datasets';
import { saveRun, trainedRunRecord } from '$lib/db/runs';
import { ensureRoomFor } from '$lib/db/storage';
import type { RunArtifactRecord, RunRecord } from '$lib/db/records';
import type { RpcContext } from './rpc';
import { fallBackToCpu, isContextLost, startBackend, type BackendChoice } from './tfBackend';
import type { TrainProgress, TrainRequest } from './computeProtocol';
import { nowIso, nowMs } from '$lib/clock';
import { assertMayProceed } from '$lib/db/governanceGate';

/** What a training job trains, with which model and settings (a TrainRequest without its data). */
export type TrainingJob = Pick<TrainRequest, 'family' | 'params' | 'vectorizer' | 'preferred' | 'slices'> & { seed: string | number };

/** Progress of one job: the phase, where training is, the curves so far and the backend. */
export class TrainingReporter {
  readonly started = performance.now();
  curves: Curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
  backend: TrainProgress['backend'] = null;
  position = { epoch: 0, batch: 0, batches: 0 };
  unit: TrainingUnit;
  epochs: number;

  constructor(
    private readonly ctx: RpcContext<TrainProgress>,
    params: TrainRequest['params'],
  ) {
    this.unit = trainingUnit(params);
    this.epochs = (this.unit === 'iteration' ? Number(params.maxIterations) : Number(params.epochs)) || 0;
  }

  report(phase: TrainProgress['phase'], etaMs: number | null = null): void {
    this.ctx.progress({ phase, unit: this.unit, ...this.position, epochs: this.epochs, etaMs, curves: this.curves, backend: this.backend, elapsedMs: performance.now() - this.started });
  }
}

/**
 * Trains and evaluates on rows already split, reporting progress and stopping on cancel; a lost
 * WebGL context starts the run over on the CPU and says why. The caller disposes `result.model`.
 */
export async function fitWithProgress(
  job: TrainingJob,
  rows: { train: readonly DataRow[]; validation: readonly DataRow[]; test: readonly DataRow[] },
  ctx: RpcContext<TrainProgress>,
  reporter: TrainingReporter,
  room?: EarlyRoomCheck,
): Promise<{ result: PipelineResult; choice: BackendChoice }> {
  let choice = await startBackend(job.preferred);
  reporter.backend = choice.backend;
  ctx.throwIfCancelled();
  let lastReport = 0;
  const pipeline = () => runPipeline({
    ...rows,
    family: job.family,
    params: job.params,
    vectorizer: job.vectorizer,
    seed: job.seed,
    now: () => performance.now(),
    slices: job.slices,
    // A refused room check stops training at once: the run could not be stored anyway.
    shouldStop: () => ctx.cancelled || (room?.refused() ?? false),
    onModelBuilt: room?.onModelBuilt,
    onPhase: (phase) => reporter.report(phase),
    onEpoch: (c) => (reporter.curves = { ...c }),
    onBatch: (b) => {
      reporter.epochs = b.epochs;
      reporter.unit = b.unit;
      reporter.position = { epoch: b.epoch, batch: b.batch, batches: b.batches };
      const now = performance.now();
      // At most ten reports a second, epoch ends included: a small fast run ends epochs every few
      // ms, and re-rendering the page that often kept its Cancel button from being clicked.
      if (now - lastReport < 100) return;
      lastReport = now;
      reporter.report('train', estimateTimeLeft(b.work, b.elapsedMs));
    },
  });
  try {
    return { result: await pipeline(), choice };
  } catch (error) {
    if (room?.refused()) await room.latest(); // throws the refusal, not "cancelled"
    if (choice.backend !== 'webgl' || ctx.cancelled || !isContextLost(error)) throw error;
    choice = await fallBackToCpu('The WebGL context was lost during training, so the run was restarted on the CPU.', choice.by);
    reporter.backend = choice.backend;
    reporter.curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
    return { result: await pipeline(), choice };
  }
}

/** The bytes a trained model's files need: the weights and the vectorizer's vocabulary are most of the run's. */
function storedBytes(weightBytes: number, vectorizer: SerializedTfidf): number {
  return weightBytes + JSON.stringify(vectorizer).length;
}

/**
 * The trained model's files as stored, after making sure there is room for them: `roomChecked`
 * when the check was started while the model trained (`checkRoomEarly`), else checked now.
 */
export async function modelFiles(result: PipelineResult, what: string, roomChecked: Promise<void> | null = null): Promise<Omit<RunArtifactRecord, 'runId'>> {
  const { serialized } = result;
  const vectorizer = result.vectorizer.toJSON();
  await (roomChecked ?? ensureRoomFor(storedBytes(serialized.weightData.byteLength, vectorizer), what));
  return { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer };
}

/**
 * The room check for a model's files, started as soon as the model is built — its size is fixed
 * from then on — so it runs while the model trains: after training it was most of the save phase
 * (the probe really writes a few MB; 150–520 ms of a 10k-ticket run under load). `latest()` is
 * the check of the last model built (a run restarted on the CPU builds another).
 */
export interface EarlyRoomCheck {
  onModelBuilt: NonNullable<PipelineInput['onModelBuilt']>;
  latest(): Promise<void> | null;
  /** Whether the last check said no (training then stops: the run could not be stored). */
  refused(): boolean;
}

export function checkRoomEarly(what: string): EarlyRoomCheck {
  let check: Promise<void> | null = null;
  let refused = false;
  return {
    onModelBuilt: ({ weightBytes, vectorizer }) => {
      refused = false;
      const current = ensureRoomFor(storedBytes(weightBytes, vectorizer.toJSON()), what);
      check = current;
      // Awaited before saving; until then a refusal must not go unhandled.
      current.catch(() => {
        if (check === current) refused = true;
      });
    },
    latest: () => check,
    refused: () => refused,
  };
}

export async function trainRun(db: LifecycleDatabase, request: TrainRequest, ctx: RpcContext<TrainProgress>): Promise<RunRecord> {
  const reporter = new TrainingReporter(ctx, request.params);
  reporter.report('load');
  const version = await requireDatasetVersion(db, request.datasetVersionId);
  // The policy first (saveRun asks again as it stores the run): a refusal costs no training.
  await assertMayProceed(db, request.projectId, 'train', { kind: 'dataset-version', id: version.id }, nowMs());
  if (!version.split) throw new Error(`Dataset v${version.number} is not split into train, validation and test yet.`);
  const state = await loadDatasetState(db, version.id);
  const labelled = state.rows.filter((r) => r.label !== null);
  ctx.throwIfCancelled();

  const what = 'store this run and its model';
  const room = checkRoomEarly(what);
  const { result, choice } = await fitWithProgress(request, {
    train: labelled.filter((r) => r.split === 'train'),
    validation: labelled.filter((r) => r.split === 'validation'),
    test: labelled.filter((r) => r.split === 'test'),
  }, ctx, reporter, room);
  try {
    reporter.report('save');
    ctx.throwIfCancelled();
    const run = trainedRunRecord(result, {
      projectId: request.projectId,
      datasetVersion: version,
      family: request.family,
      seed: request.seed,
      vectorizer: request.vectorizer,
      backend: choice.backend,
      fallbackReason: choice.fallbackReason,
      backendChoice: { by: choice.by, reason: choice.reason },
      createdAt: nowIso(),
      totalMs: performance.now() - reporter.started,
      appVersion: __APP_VERSION__,
    });
    // User Timing marks, so a profile (and the bench's phases) can split the save phase.
    performance.mark('train:room-check');
    const files = await modelFiles(result, what, room.latest());
    performance.mark('train:store');
    return await saveRun(db, run, files);
  } finally {
    result.model.dispose();
  }
}
