/**
 * How long training has left, from what the run has measured so far (issue: the old estimate
 * assumed every one of the 50 allowed epochs, while early stopping ends after 4–6, and said 688 s
 * for a 175 s run).
 *
 * - Mini-batch runs (epochs): the expected number of epochs, from the early-stopping rule and the
 *   validation trend, times the measured time per epoch.
 * - L-BFGS (iterations): the measured time per iteration times the iterations still needed for
 *   max |g| to reach the tolerance at the rate it has fallen so far, clamped by the cap. max |g|
 *   jumps up and down by 10× between iterations, so the rate is a least-squares fit of log min|g|
 *   so far, blended with a prior that fades slowly as iterations accumulate. The prior grows with
 *   the training rows, as the runs did (the penalty ‖W‖²/(2·C·n) weakens with n, so the optimum
 *   is flatter): 19, 36, 58 and 68 iterations on 700, 7k, 70k and 700k rows of generated tickets.
 *   A fixed prior of 40 was 42–57 % off at 100k–1M rows; the early fit alone predicts too few,
 *   since max |g| falls fastest in the first iterations.
 * - The pace is measured after a warm-up mark (the first tenth of the first epoch, the first
 *   iteration), since the first steps also pay for compiling and building inputs; before work
 *   after the mark is timed, nothing is estimated.
 */

/** Work done and time elapsed at the end of the warm-up (see the module comment). */
export interface WarmupMark {
  done: number;
  elapsedMs: number;
}

export type WorkFacts =
  | {
      unit: 'epoch';
      warmup: WarmupMark | null;
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
      warmup: WarmupMark | null;
      /** Iterations done. */
      done: number;
      maxIterations: number;
      /** max |g| at the start (index 0) and after each iteration. */
      gradMax: readonly number[];
      tolerance: number;
      /** Training rows (the prior's size); absent in records from before it was kept. */
      rows?: number;
    };

/** Before any validation epoch: the typical run stops `patience` epochs after its best, the second (1k–100k tickets: the first to the third). */
const PRIOR_BEST_EPOCH = 1;
/** Prior iterations: PRIOR_AT_1K at 1,000 rows plus PRIOR_PER_DECADE per tenfold more (fitted to the runs above). */
const PRIOR_AT_1K = 21.5;
const PRIOR_PER_DECADE = 16.3;
/** Without a row count: the prior of ≈ 10k rows. */
const PRIOR_ITERATIONS = 40;
/** Iterations after which the fitted rate and the prior weigh the same. */
const PRIOR_WEIGHT = 60;

/** The prior number of L-BFGS iterations for `rows` training rows. */
export function priorIterations(rows: number | undefined): number {
  if (!(rows !== undefined && rows > 0)) return PRIOR_ITERATIONS;
  return Math.max(PRIOR_AT_1K, PRIOR_AT_1K + PRIOR_PER_DECADE * Math.log10(rows / 1000));
}
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

/**
 * When a least-squares line through log(min |g| so far) over iterations 0…done reaches the
 * tolerance (Infinity when it does not fall).
 */
function fittedIterations(gradMax: readonly number[], done: number, tolerance: number): number {
  let least = Infinity;
  const ys: number[] = [];
  for (let i = 0; i <= done; i++) {
    least = Math.min(least, gradMax[i]);
    ys.push(Math.log(least));
  }
  const mx = done / 2;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxy / sxx;
  if (!(slope < 0)) return Infinity;
  const level = my + slope * (done - mx);
  return done + Math.max(0, (Math.log(tolerance) - level) / slope);
}

/** Expected total iterations of an L-BFGS run (more than done unless converged, at most the cap). */
export function expectedIterations(facts: Extract<WorkFacts, { unit: 'iteration' }>): number {
  const { done, maxIterations, gradMax, tolerance } = facts;
  const prior = Math.min(maxIterations, Math.max(done + 1, priorIterations(facts.rows)));
  if (done < 1 || gradMax.length <= done || !gradMax.slice(0, done + 1).every((g) => g > 0)) return prior;
  if (gradMax[done] <= tolerance) return done;
  const fitted = Math.min(maxIterations, fittedIterations(gradMax, done, tolerance));
  const weight = done / (done + PRIOR_WEIGHT);
  return Math.min(maxIterations, Math.max(done + 1, weight * fitted + (1 - weight) * prior));
}

/**
 * Milliseconds left, or null until work after the warm-up has been timed: the warm-up also paid
 * for building inputs and compiling, and extrapolating it made the 10k-ticket run's estimate
 * about ten times too long (train.lr.10k.eta_error_pct 1,041 %).
 */
export function estimateTimeLeft(facts: WorkFacts, elapsedMs: number): number | null {
  const { warmup } = facts;
  if (!warmup || !(facts.done > warmup.done) || !(elapsedMs >= warmup.elapsedMs)) return null;
  const total = facts.unit === 'epoch' ? expectedEpochs(facts) : expectedIterations(facts);
  const pace = (elapsedMs - warmup.elapsedMs) / (facts.done - warmup.done);
  return Math.max(0, pace * (total - facts.done));
}
