/**
 * Page side of `bench/recordTrainTrace.ts`: one default logistic-regression run of the training
 * pipeline on n seeded tickets (the rows and split of train.lr.*), recording what the time-left
 * estimate reads after every L-BFGS iteration and when each phase began. The traces are the
 * fixtures the estimator (core/models/timeLeft.ts) is tested and tuned on.
 */
import { runPipeline } from '$lib/core/models/pipeline';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { getModelFamily } from '$lib/core/models/families';
import { startBackend } from '$lib/workers/tfBackend';
import type { BackendPreference } from '$lib/workers/computeProtocol';
import { ticketRows } from '../trainTask';

export interface TrainTraceStep {
  /** Iterations done. */
  done: number;
  /** Since training began (the estimator's clock), ms. */
  elapsedMs: number;
  /** max |g| after this iteration. */
  gradMax: number;
  /** Objective evaluations so far. */
  evaluations: number;
}

export interface TrainTrace {
  rows: number;
  trainRows: number;
  vocabulary: number;
  classes: number;
  backend: string;
  maxIterations: number;
  tolerance: number;
  /** max |g| at the start. */
  gradMax0: number;
  steps: TrainTraceStep[];
  /** Each phase's start, ms since the pipeline began; `end` when it returned. */
  phasesMs: Record<string, number>;
  timings: { vectorizeMs: number; trainMs: number; evaluateMs: number; latencyMs: number };
}

export async function trainTrace(n: number, preferred: BackendPreference): Promise<TrainTrace> {
  const rows = ticketRows(n, 'bench-train');
  const train = rows.filter((r) => r.split === 'train');
  const choice = await startBackend(preferred);
  const steps: TrainTraceStep[] = [];
  const phasesMs: Record<string, number> = {};
  let gradMax0 = NaN;
  let maxIterations = NaN;
  let tolerance = NaN;
  const t0 = performance.now();
  const result = await runPipeline({
    train,
    validation: rows.filter((r) => r.split === 'validation'),
    test: rows.filter((r) => r.split === 'test'),
    family: 'softmax-regression',
    params: getModelFamily('softmax-regression').defaults,
    vectorizer: DEFAULT_VECTORIZER,
    seed: 'bench',
    now: () => performance.now(),
    onPhase: (phase) => (phasesMs[phase] = performance.now() - t0),
    onBatch: ({ work, elapsedMs }) => {
      if (work.unit !== 'iteration') throw new Error('the trace is of L-BFGS runs');
      ({ maxIterations, tolerance } = work);
      gradMax0 = work.gradMax[0];
      steps.push({ done: work.done, elapsedMs, gradMax: work.gradMax[work.done], evaluations: work.evaluations ?? NaN });
    },
  });
  phasesMs.end = performance.now() - t0;
  result.model.dispose();
  return {
    rows: n,
    trainRows: train.length,
    vocabulary: result.vectorizer.vocabularySize,
    classes: result.evaluation.classes.length,
    backend: choice.backend,
    maxIterations,
    tolerance,
    gradMax0,
    steps,
    phasesMs,
    timings: result.timings,
  };
}
