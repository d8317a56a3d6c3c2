/**
 * How long training has left, from what the run has measured so far (issue: the old estimate
 * assumed every one of the 50 allowed epochs, while early stopping ends after 4–6, and said 688 s
 * for a 175 s run).
 *
 * - Mini-batch runs (epochs): the expected number of epochs, from the early-stopping rule and the
 *   validation trend, times the measured time per epoch.
 * - L-BFGS (iterations): the measured time per iteration times the iterations still needed for
 *   max |g| to reach the tolerance at the rate it has fallen so far (log-linear), clamped by the cap.
 */

export type WorkFacts =
  | {
      unit: 'epoch';
      /** Epochs done, fractional (2.5 = halfway through the third). */
      done: number;
      maxEpochs: number;
      /** 0 = no early stopping. */
      patience: number;
      /** Validation loss of each completed epoch (empty without a validation set). */
      valLoss: readonly number[];
    }
  | {
      unit: 'iteration';
      /** Iterations done. */
      done: number;
      maxIterations: number;
      /** max |g| at the start (index 0) and after each iteration. */
      gradMax: readonly number[];
      tolerance: number;
    };

/** Before any validation epoch: the typical run stops `patience` epochs after its best, the third. */
const PRIOR_BEST_EPOCH = 2;
/** An improvement below this share of the validation loss is taken as the end of improving. */
const SMALL_IMPROVEMENT = 0.01;

/** Expected total epochs of a mini-batch run (≥ what is done, ≤ the cap). */
export function expectedEpochs(facts: Extract<WorkFacts, { unit: 'epoch' }>): number {
  const { done, maxEpochs, patience, valLoss } = facts;
  if (patience <= 0) return maxEpochs;
  const completed = valLoss.length;
  let best = PRIOR_BEST_EPOCH;
  if (completed > 0) {
    let bestAt = 0;
    for (let e = 1; e < completed; e++) if (valLoss[e] < valLoss[bestAt]) bestAt = e;
    best = bestAt;
    if (bestAt === completed - 1) {
      // Still improving: geometric extrapolation of the last improvements.
      const last = completed >= 2 ? valLoss[completed - 2] - valLoss[completed - 1] : NaN;
      const before = completed >= 3 ? valLoss[completed - 3] - valLoss[completed - 2] : NaN;
      const ratio = Number.isFinite(before) && before > 0 ? Math.min(0.9, Math.max(0.1, last / before)) : 0.5;
      const threshold = SMALL_IMPROVEMENT * Math.abs(valLoss[completed - 1]);
      const more = Number.isFinite(last) ? (last > threshold ? Math.ceil(Math.log(threshold / last) / Math.log(ratio)) : 0) : PRIOR_BEST_EPOCH;
      best = bestAt + more;
    }
  }
  return Math.min(maxEpochs, Math.max(Math.ceil(done), best + patience + 1));
}

/** Expected total iterations of an L-BFGS run (≥ what is done, ≤ the cap). */
export function expectedIterations(facts: Extract<WorkFacts, { unit: 'iteration' }>): number {
  const { done, maxIterations, gradMax, tolerance } = facts;
  const now = gradMax[done];
  if (done < 1 || !(now > 0) || !(gradMax[0] > 0)) return maxIterations;
  if (now <= tolerance) return done;
  const rate = (Math.log(gradMax[0]) - Math.log(now)) / done;
  if (!(rate > 0)) return maxIterations;
  return Math.min(maxIterations, done + Math.ceil((Math.log(now) - Math.log(tolerance)) / rate));
}

/** Milliseconds left, or null while nothing is done yet to measure the pace by. */
export function estimateTimeLeft(facts: WorkFacts, elapsedMs: number): number | null {
  if (!(facts.done > 0) || !(elapsedMs >= 0)) return null;
  const total = facts.unit === 'epoch' ? expectedEpochs(facts) : expectedIterations(facts);
  return Math.max(0, (elapsedMs / facts.done) * (total - facts.done));
}
