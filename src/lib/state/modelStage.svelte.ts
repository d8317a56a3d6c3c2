import { getCanvas, listRuns, listSlices, type RunRecord } from '$lib/db';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { computeCall } from '$lib/workers/computeClient';
import type { Curves, Prediction, TrainProgress, TrainRequest, VectorizerSettings } from '$lib/workers/computeProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';

/** What the training form chooses; the dataset version is the project's newest. */
export interface TrainChoice {
  family: string;
  params: TrainRequest['params'];
  vectorizer: VectorizerSettings;
  seed: string;
}

const EMPTY_CURVES: Curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };

/**
 * The Model stage of one project: its runs, and the one training that may be running (live
 * progress and curves, cancel). Training happens in the compute worker; a run is stored only
 * when it completes.
 */
export class ModelStage {
  readonly projectId: string;
  runs: Live<RunRecord[]>;
  /** The Frame stage's success criteria, which every run is judged against. */
  criteria: Live<SuccessCriterion[]>;
  progress = $state.raw<TrainProgress | null>(null);
  curves = $state.raw<Curves>(EMPTY_CURVES);
  training = $state(false);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  lastRun = $state.raw<RunRecord | null>(null);
  #call: Call<RunRecord> | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.runs = new Live(() => listRuns(db, projectId), []);
    this.criteria = new Live(async () => (await getCanvas(db, projectId)).criteria, []);
  }

  async train(request: Omit<TrainRequest, 'type' | 'projectId' | 'slices' | 'preferred'>): Promise<RunRecord | undefined> {
    if (this.training) return undefined;
    this.training = true;
    this.error = null;
    this.notice = null;
    this.progress = null;
    this.curves = EMPTY_CURVES;
    try {
      const slices = (await listSlices(db, this.projectId)).map(({ id, name, where }) => ({ id, name, where }));
      this.#call = computeCall({ type: 'train', projectId: this.projectId, slices, preferred: 'webgl', ...request }, (p) => {
        this.progress = p;
        this.curves = p.curves;
      });
      const run = await this.#call.result;
      this.lastRun = run;
      return run;
    } catch (error) {
      if (error instanceof CancelledError) this.notice = 'Training cancelled. Nothing was saved.';
      else this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      this.training = false;
      this.#call = null;
    }
  }

  cancel(): void {
    this.#call?.cancel();
  }

  predict(runId: string, text: string): Promise<Prediction> {
    return computeCall({ type: 'predict', runId, text }).result;
  }
}
