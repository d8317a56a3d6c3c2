import { findChampion, getCanvas, listRuns, listSlices, type Champion, type DatasetVersionRecord, type RetrainPlan, type RunRecord } from '$lib/db';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { computeCall, measureBackends } from '$lib/workers/computeClient';
import type { BackendDecision } from '$lib/core/compute/backendChoice';
import { dataCall } from '$lib/workers/dataClient';
import type { ComputeRequest, ComputeResults, Curves, Prediction, RetrainResult, TrainProgress, TrainRequest, VectorizerSettings } from '$lib/workers/computeProtocol';
import type { RetrainSplitOptions } from '$lib/core/loop/retrainSplit';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { Live } from './live.svelte';

export { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';

/** What the training form chooses; the dataset version is the project's newest. */
export interface TrainChoice {
  family: string;
  params: TrainRequest['params'];
  vectorizer: VectorizerSettings;
  seed: string;
  /** The compute backend for this run: 'auto' is the one measured fastest on this device. */
  preferred: TrainRequest['preferred'];
}

const EMPTY_CURVES: Curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };

/**
 * The Model stage of one project: its runs, its champion, and the one training or retraining that
 * may be running (live progress and curves, cancel). Training happens in the compute worker; a
 * run is stored only when it completes.
 */
export class ModelStage {
  readonly projectId: string;
  runs: Live<RunRecord[]>;
  /** The Frame stage's success criteria, which every run is judged against. */
  criteria: Live<SuccessCriterion[]>;
  /** The version holding the champion alias, with its run (what a retrain starts from). */
  champion: Live<Champion | null>;
  progress = $state.raw<TrainProgress | null>(null);
  curves = $state.raw<Curves>(EMPTY_CURVES);
  training = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  lastRun = $state.raw<RunRecord | null>(null);
  /** What retraining can do next on the newest data (db/retrain.ts), null until read. */
  retrainPlan = $state.raw<RetrainPlan | null>(null);
  /** Retraining's step 1 is writing its dataset version. */
  splitting = $state(false);
  /** The backend this device's measurement chooses (what "Automatic" means), null until read. */
  measuredBackend = $state.raw<BackendDecision | null>(null);
  #call: Call<unknown> | null = null;
  #planKey: string | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.runs = new Live(() => listRuns(db, projectId), []);
    this.criteria = new Live(async () => (await getCanvas(db, projectId)).criteria, []);
    this.champion = new Live(() => findChampion(db, projectId), null);
  }

  async train(request: Omit<TrainRequest, 'type' | 'projectId' | 'slices'>): Promise<RunRecord | undefined> {
    const run = await this.#job((slices) => ({ type: 'train', projectId: this.projectId, slices, ...request }), 'Training cancelled. Nothing was saved.');
    if (run) this.lastRun = run;
    return run;
  }

  /** Reads the retrain plan again when `key` (the newest version's and the champion's ids) changed. */
  readRetrainPlan(key: string): void {
    if (key === this.#planKey) return;
    this.#planKey = key;
    dataCall({ type: 'retrainPlan', projectId: this.projectId }).result.then(
      (plan) => void (this.#planKey === key && (this.retrainPlan = plan)),
      (error) => void (this.#planKey === key && (this.error = error instanceof Error ? error.message : String(error))),
    );
  }

  /** Retraining's step 1: the labelled rows without a split placed by time, written as a dataset version; nothing trained. */
  async splitForRetrain(shares: RetrainSplitOptions): Promise<DatasetVersionRecord | undefined> {
    if (this.training || this.splitting) return undefined;
    this.splitting = true;
    this.error = null;
    this.notice = null;
    try {
      const version = await dataCall({ type: 'retrainSplit', projectId: this.projectId, by: displayName.current, ...shares }).result;
      this.notice = `Dataset v${version.number} written: ${version.message}. Nothing was trained.`;
      return version;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      this.splitting = false;
    }
  }

  /** Retraining's step 2: the champion retrained on the newest dataset version as it is, as a challenger (workers/retrainRun.ts). */
  retrain(): Promise<RetrainResult | undefined> {
    return this.#job(
      (slices) => ({ type: 'retrain', projectId: this.projectId, slices, preferred: 'auto', by: displayName.current }),
      'Retraining cancelled. Nothing was saved: no run, model version or challenger.',
    );
  }

  /** Runs one compute job with progress and cancel; its error or the cancel notice is kept for the page. */
  async #job<R extends 'train' | 'retrain'>(build: (slices: TrainRequest['slices']) => Extract<ComputeRequest, { type: R }>, cancelled: string): Promise<ComputeResults[R] | undefined> {
    if (this.training) return undefined;
    this.training = true;
    this.error = null;
    this.notice = null;
    this.progress = null;
    this.curves = EMPTY_CURVES;
    try {
      const slices = (await listSlices(db, this.projectId)).map(({ id, name, where }) => ({ id, name, where }));
      const call = computeCall(build(slices), (p) => {
        this.progress = p;
        this.curves = p.curves;
      });
      this.#call = call;
      return (await call.result) as ComputeResults[R];
    } catch (error) {
      if (error instanceof CancelledError) this.notice = cancelled;
      else this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      this.training = false;
      this.#call = null;
    }
  }

  /** Reads the measured choice (the compute worker measures at its first use, then reads it back). */
  async readMeasuredBackend(): Promise<void> {
    if (this.measuredBackend) return;
    try {
      this.measuredBackend = (await measureBackends()).decision;
    } catch {
      // Only the label of "Automatic" needs it; training measures again and reports its own errors.
    }
  }

  cancel(): void {
    this.#call?.cancel();
  }

  predict(runId: string, text: string): Promise<Prediction> {
    return computeCall({ type: 'predict', runId, text }).result;
  }
}
