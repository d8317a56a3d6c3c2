/**
 * How long a training job has left, from what the run has measured so far: the rest of training
 * and the phases after it (evaluation, the latency sample, storing), since the person reads the
 * time left of the whole job (issue 18: the old estimate assumed every one of the 50 allowed
 * epochs, while early stopping ends after 4–6, and said 688 s for a 175 s run).
 *
 * - Mini-batch runs (epochs): the expected number of epochs, from the early-stopping rule and the
 *   validation trend, times the measured time per epoch.
 * - L-BFGS (iterations): the evaluations still expected times the measured time per evaluation:
 *   the lower median of the iterations in the later half of the run so far, after the first
 *   three (see medianPace; a line search costs one pass over the rows per trial;
 *   later iterations need more trials, so a pace per iteration measured early was 20 % short at
 *   70k rows).
 *   - The iterations expected: max |g| stops the run when it dips under the tolerance, and it
 *     jumps by 10× between iterations, on a plateau until the last one: a least-squares fit of
 *     its fall (from the start, or over the last half) put the end of recorded runs 65–165 %
 *     off at worst (tests/unit/models/fixtures/lbfgs-traces.json). So the count is a prior from
 *     the training rows (measured runs), updated by what the run has survived: the median of a
 *     log-normal around the prior, given that the run has not stopped yet, clamped by the cap.
 *   - The evaluations per iteration: what the run has needed so far, blended with the 1.07 that
 *     measured runs needed in all.
 * - After training: evaluating the rows kept aside costs about AFTER_PASSES training passes per
 *   row, plus the latency sample and storing (AFTER_FIXED_MS).
 * - The pace is measured after a warm-up (the first tenth of the first epoch; the first three
 *   L-BFGS iterations), since the first steps also pay for compiling and building inputs; before
 *   work after it is timed (two iterations for L-BFGS), nothing is estimated.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Work done and time elapsed at a point of the run: the end of the warm-up (see the module comment), or of an iteration. */
export interface WarmupMark {
  done: number;
  elapsedMs: number;
  /** L-BFGS: objective evaluations by then. */
  evaluations?: number;
}

/** The job's rows (absent: not known; without `laterRows` only a fixed time after training is counted). */
interface JobRows {
  /** Training rows: the L-BFGS prior's size, and what one pass of the pace goes over. */
  rows?: number;
  /** Rows scored after training (validation and test). */
  laterRows?: number;
}

export type WorkFacts = JobRows &
  (
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
        /** Objective evaluations so far, line-search trials and the start included. */
        evaluations?: number;
        /** The mark at the end of each iteration so far (index i: after iteration i + 1). */
        marks?: readonly WarmupMark[];
      }
  );

/** Before any validation epoch: the typical run stops `patience` epochs after its best, the second (1k–100k tickets: the first to the third). */
const PRIOR_BEST_EPOCH = 1;
/**
 * L-BFGS iterations of the default run on the bench's generated tickets (bench/recordTrainTrace.ts,
 * the fixtures' runs), by training rows. Since the solver is preconditioned (fullBatch.ts) the
 * count no longer grows with the rows: other sizes took 16 (2.1k rows), 34 (21k, 35k), 35 (140k)
 * and 54 (210k) — the same arithmetic in Node — so the count wanders by half around these. Between
 * them the prior follows log10(rows) linearly; beyond them it stays at the nearest one.
 */
const MEASURED_ITERATIONS: readonly (readonly [rows: number, iterations: number])[] = [
  [700, 16],
  [7_000, 22],
  [70_000, 48],
  [700_000, 20],
];
/** Without a row count: the prior of ≈ 10k rows. */
const PRIOR_ITERATIONS = 25;
/** Spread of the iteration count around the prior (log scale): ±25 % is one standard deviation. */
const ITERATION_SPREAD = 0.25;
/** Evaluations per iteration in measured runs (17/16, 25/22, 50/48 and 21/20 at 700, 7k, 70k and 700k rows; 204/190 with the other sizes). */
const PRIOR_EVALUATIONS_PER_ITERATION = 1.07;
/** L-BFGS iterations not timed for the pace: the 2nd–4th at 70k rows took 1.3–2.3× the later ones (the JIT, the vectorizer's garbage). */
const WARMUP_ITERATIONS = 3;
/** Iterations timed after the warm-up before the first L-BFGS estimate: of two, the quicker is taken (see medianPace). */
const MIN_PACES = 2;
/** Iterations after which the run's own evaluations per iteration weigh as much as the prior's. */
const EVALUATIONS_PRIOR_WEIGHT = 30;
/**
 * After training, per row scored (validation and test): the time of this many training passes
 * over one row (predicting in 4,096-row batches and the metrics' sorting; 4–10 measured at 700–700k
 * training rows with the fused kernel, 21 at 7k where the fixed costs weigh most).
 */
const AFTER_PASSES = 7;
/** After training, whatever the size: the latency sample (≈ 50 ms) and storing the run (≈ 50 ms). */
const AFTER_FIXED_MS = 100;

/** The prior number of L-BFGS iterations for `rows` training rows. */
export function priorIterations(rows: number | undefined): number {
  if (!(rows !== undefined && rows > 0)) return PRIOR_ITERATIONS;
  const x = Math.log10(rows);
  const at = MEASURED_ITERATIONS.map(([r, i]) => [Math.log10(r), i] as const);
  if (x <= at[0][0]) return at[0][1];
  const above = at.findIndex(([r]) => r > x);
  if (above === -1) return at[at.length - 1][1];
  const [[x0, y0], [x1, y1]] = [at[above - 1], at[above]];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/**
 * The median of a log-normal count (its median `median`, spread `sigma` in log units) given that it
 * is above `above`: the prior while the run is young, a little more than done once it is late.
 */
export function medianGivenAbove(median: number, sigma: number, above: number): number {
  if (!(above > 0)) return median;
  const z = (Math.log(above) - Math.log(median)) / sigma;
  const tail = normalCdf(-z, 0, 1);
  // So far out that the tail underflows: its excess over `above` is ≈ exponential, median σ·ln 2 / z.
  if (!(tail > 0)) return above * Math.exp((sigma * Math.LN2) / z);
  // The answer's z lies between `above`'s and 10 past the median's or `above`'s, whichever is later.
  let lo = z;
  let hi = Math.max(z, 0) + 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(-mid, 0, 1) > tail / 2) lo = mid;
    else hi = mid;
  }
  return median * Math.exp(sigma * (lo + hi) / 2);
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

/** Expected total iterations of an L-BFGS run (more than done unless converged, at most the cap). */
export function expectedIterations(facts: Extract<WorkFacts, { unit: 'iteration' }>): number {
  const { done, maxIterations, gradMax, tolerance } = facts;
  if (done >= 1 && gradMax.length > done && gradMax[done] <= tolerance) return done;
  const expected = medianGivenAbove(priorIterations(facts.rows), ITERATION_SPREAD, done);
  return Math.min(maxIterations, Math.max(done + 1, expected));
}

/** Expected objective evaluations per iteration from here on (see the module comment). */
export function evaluationsPerIteration(facts: Extract<WorkFacts, { unit: 'iteration' }>): number {
  // The start's evaluation is not an iteration's.
  const own = facts.evaluations !== undefined ? facts.evaluations - 1 : facts.done * PRIOR_EVALUATIONS_PER_ITERATION;
  return (own + PRIOR_EVALUATIONS_PER_ITERATION * EVALUATIONS_PRIOR_WEIGHT) / (facts.done + EVALUATIONS_PRIOR_WEIGHT);
}

/**
 * The lower median time per evaluation of the iterations in the later half of the run so far
 * (after the warm-up mark `warmup`), or null without marks. A median, since single iterations
 * jump (a garbage collection, another job's burst): with the mean, one 53 ms iteration among
 * 17 ms ones put the end of a recorded 70k-row run 86 % too late. It leaves the spikes' time
 * out, so the estimate runs about 10 % short on the recorded runs.
 */
function medianPace(facts: Extract<WorkFacts, { unit: 'iteration' }>, warmup: WarmupMark): number | null {
  const marks = facts.marks;
  if (!marks || marks.length < facts.done) return null;
  const from = Math.max(warmup.done, Math.floor(facts.done / 2));
  const paces: number[] = [];
  for (let i = from; i < facts.done; i++) {
    const a = marks[i - 1];
    const b = marks[i];
    if (a.evaluations === undefined || b.evaluations === undefined || !(b.evaluations > a.evaluations)) continue;
    paces.push((b.elapsedMs - a.elapsedMs) / (b.evaluations - a.evaluations));
  }
  if (paces.length === 0) return null;
  // The lower median: of two, the quicker (a spike is the rarer event).
  return paces.sort((x, y) => x - y)[(paces.length - 1) >> 1];
}

/**
 * Training left, as units of work left and ms per unit — evaluations for L-BFGS when they are
 * counted (else iterations), epochs for mini-batch runs — with the time of one full-batch pass
 * over the training rows where known; null until work after the warm-up is timed.
 */
function trainingLeft(facts: WorkFacts, elapsedMs: number): { units: number; unitMs: number; passMs: number | null } | null {
  const { warmup } = facts;
  if (!warmup || !(facts.done > warmup.done) || !(elapsedMs >= warmup.elapsedMs)) return null;
  const spent = elapsedMs - warmup.elapsedMs;
  if (facts.unit === 'epoch') {
    // An epoch's small batches cost far more per row than scoring does: no pass time to scale by.
    return { units: expectedEpochs(facts) - facts.done, unitMs: spent / (facts.done - warmup.done), passMs: null };
  }
  const iterationsLeft = expectedIterations(facts) - facts.done;
  if (facts.evaluations !== undefined && warmup.evaluations !== undefined && facts.evaluations > warmup.evaluations) {
    let unitMs = (elapsedMs - warmup.elapsedMs) / (facts.evaluations - warmup.evaluations);
    if (facts.marks) {
      // Timed per iteration: the later iterations' pace (see medianPace), after the warm-up ones.
      const warm = facts.marks[Math.max(warmup.done, WARMUP_ITERATIONS) - 1];
      if (!warm || !(facts.done >= warm.done + MIN_PACES)) return null;
      unitMs = medianPace(facts, warm) ?? unitMs;
    }
    return { units: iterationsLeft * evaluationsPerIteration(facts), unitMs, passMs: unitMs };
  }
  const unitMs = spent / (facts.done - warmup.done);
  return { units: iterationsLeft, unitMs, passMs: unitMs / PRIOR_EVALUATIONS_PER_ITERATION };
}

/**
 * The phases after training: scoring the rows kept aside at the measured time of a full-batch
 * pass over the training rows (null: not known), the latency sample and storing.
 */
export function afterTrainingMs(passMs: number | null, rows: number | undefined, laterRows: number | undefined): number {
  const scoring = passMs !== null && rows !== undefined && rows > 0 && laterRows !== undefined ? (AFTER_PASSES * passMs * laterRows) / rows : 0;
  return scoring + AFTER_FIXED_MS;
}

/**
 * Milliseconds left in the job (training and the phases after it), or null until work after the
 * warm-up has been timed: the warm-up also paid for building inputs and compiling, and
 * extrapolating it made the 10k-ticket run's estimate about ten times too long
 * (train.lr.10k.eta_error_pct 1,041 %).
 */
export function estimateTimeLeft(facts: WorkFacts, elapsedMs: number): number | null {
  const left = trainingLeft(facts, elapsedMs);
  if (!left) return null;
  return Math.max(0, left.units * left.unitMs) + afterTrainingMs(left.passMs, facts.rows, facts.laterRows);
}
