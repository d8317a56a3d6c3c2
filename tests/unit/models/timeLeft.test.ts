import { describe, expect, it } from 'vitest';
import { afterTrainingMs, estimateTimeLeft, evaluationsPerIteration, expectedEpochs, expectedIterations, medianGivenAbove, priorIterations, type WorkFacts } from '$lib/core/models/timeLeft';
import traces from './fixtures/lbfgs-traces.json';

type EpochFacts = Extract<WorkFacts, { unit: 'epoch' }>;
type IterationFacts = Extract<WorkFacts, { unit: 'iteration' }>;
const epochs = (p: Partial<EpochFacts>): EpochFacts => ({ unit: 'epoch', done: 1, warmup: null, maxEpochs: 50, patience: 3, valLoss: [], ...p });
const iterations = (p: Partial<IterationFacts>): IterationFacts => ({ unit: 'iteration', done: 1, warmup: null, maxIterations: 100, gradMax: [], tolerance: 1e-4, ...p });

describe('time left of a training run', () => {
  it('expects early stopping to end a mini-batch run, not the 50-epoch cap (the issue: 688 s said for a 175 s run)', () => {
    // A 10k-ticket Adam run as measured: 6 epochs of ≈ 30 s, best validation loss at the third.
    const valLoss = [0.2406, 0.2345, 0.2321, 0.2326, 0.2339, 0.2333];
    const run = (done: number) => epochs({ done, valLoss: valLoss.slice(0, Math.floor(done)), warmup: { done: 0.1, elapsedMs: 3_000 } });
    const elapsed = (done: number) => 3_000 + (done - 0.1) * 30_000;
    const actualTotal = elapsed(6);
    for (const done of [0.6, 1.5, 2.5, 3.5, 4.5, 5.5]) {
      const left = estimateTimeLeft(run(done), elapsed(done))!;
      expect(Math.abs(elapsed(done) + left - actualTotal) / actualTotal).toBeLessThanOrEqual(0.3);
    }
    // The old share-of-the-cap estimate at the same point said ≈ 8× too much.
    expect(expectedEpochs(run(1.5))).toBeLessThan(8);
  });

  it('counts from the best epoch once validation stops improving, and never below what is done or above the cap', () => {
    expect(expectedEpochs(epochs({ done: 4, valLoss: [0.5, 0.4, 0.41, 0.42] }))).toBe(5); // best 1, patience 3 → epochs 0…4
    expect(expectedEpochs(epochs({ done: 2, valLoss: [0.5, 0.3], maxEpochs: 3 }))).toBe(3);
    expect(expectedEpochs(epochs({ done: 7.5, valLoss: [0.5, 0.4, 0.41, 0.42, 0.43, 0.44, 0.45] }))).toBe(8);
    expect(expectedEpochs(epochs({ done: 1, patience: 0 }))).toBe(50);
    // Still improving by large steps: more epochs expected than after a flat start.
    expect(expectedEpochs(epochs({ done: 3, valLoss: [1, 0.6, 0.36] }))).toBeGreaterThan(expectedEpochs(epochs({ done: 3, valLoss: [0.5, 0.499, 0.4985] })));
  });

  // Recorded L-BFGS runs (bench/recordTrainTrace.ts): each iteration's time, max |g| and evaluations.
  const recorded = traces.traces.map((t) => ({ ...t, iterations: t.steps.length }));
  type Trace = (typeof recorded)[number];
  /** The facts after `done` iterations of a recorded run, as fullBatch.ts and the pipeline report them. */
  const factsOf = (t: Trace, done: number, withEvaluations = true): IterationFacts => ({
    unit: 'iteration',
    done,
    warmup: done > 1 ? { done: 1, elapsedMs: t.steps[0][0], ...(withEvaluations ? { evaluations: t.steps[0][2] } : {}) } : null,
    marks: t.steps.slice(0, done).map(([elapsedMs, , evaluations], i) => ({ done: i + 1, elapsedMs, ...(withEvaluations ? { evaluations } : {}) })),
    maxIterations: t.maxIterations,
    gradMax: [t.gradMax0, ...t.steps.slice(0, done).map((s) => s[1])],
    tolerance: t.tolerance,
    rows: t.trainRows,
    laterRows: t.laterRows,
    ...(withEvaluations ? { evaluations: t.steps[done - 1][2] } : {}),
  });
  /** |said end − real end| / real end of every estimate after the first tenth, as bench/etaError.ts counts (storing ≈ 50 ms more). */
  const errors = (t: Trace, withEvaluations = true) => {
    const end = t.steps[t.iterations - 1][0] + t.afterMs + 50;
    return t.steps
      .map(([elapsed], i) => ({ elapsed, left: estimateTimeLeft(factsOf(t, i + 1, withEvaluations), elapsed) }))
      .filter((e) => e.left !== null && e.elapsed >= end / 10)
      .map((e) => Math.abs(e.elapsed + e.left! - end) / end);
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

  it('expects the iterations a recorded run took, from its training rows, once a tenth of it is done', () => {
    for (const t of recorded) {
      for (let done = Math.ceil(t.iterations / 10); done < t.iterations; done++) {
        const expected = expectedIterations(factsOf(t, done));
        expect(Math.abs(expected - t.iterations) / t.iterations, `${t.name} after ${done}`).toBeLessThanOrEqual(0.2);
      }
      // The last iteration brought max |g| under the tolerance: nothing is left.
      expect(expectedIterations(factsOf(t, t.iterations))).toBe(t.iterations);
    }
  });

  it('is within 30 % of the job’s real end once a tenth is done on runs recorded on a quiet machine (10k, 100k and 1M tickets)', () => {
    for (const t of recorded.filter((r) => r.name !== '1k')) {
      const e = errors(t);
      expect(e.length, t.name).toBeGreaterThanOrEqual(15);
      expect(Math.max(...e), t.name).toBeLessThanOrEqual(0.3);
      expect(median(e), t.name).toBeLessThanOrEqual(0.1);
    }
  });

  it('counts line searches: later iterations that search are expected to cost more than one evaluation each', () => {
    // No line search in the first ten iterations (one evaluation each, 100 ms): later ones are expected to search some.
    const facts = iterations({ done: 11, warmup: { done: 1, elapsedMs: 1_000, evaluations: 2 }, evaluations: 12, gradMax: Array(12).fill(1e-2), rows: 7_000 });
    const iterationsLeft = expectedIterations(facts) - 11;
    // (11 own + 1.07 × 30 prior) / (11 + 30) ≈ 1.05 evaluations per iteration from here on.
    expect(estimateTimeLeft(facts, 2_000)! - afterTrainingMs(100, 7_000, undefined)).toBeCloseTo(iterationsLeft * 100 * ((11 + 1.07 * 30) / 41), 6);
  });

  it('goes by the pace of the later half of the run, which follows a run that speeds up or slows down', () => {
    // 20 iterations of one evaluation each after a 100 ms warm-up: 40 ms each up to the 10th, then 10 ms.
    const elapsed = (i: number) => 100 + (Math.min(i, 10) - 1) * 40 + Math.max(0, i - 10) * 10;
    const marks = Array.from({ length: 20 }, (_, i) => ({ done: i + 1, elapsedMs: elapsed(i + 1), evaluations: i + 2 }));
    const facts = iterations({ done: 20, warmup: marks[0], marks, evaluations: 21, gradMax: Array(21).fill(1e-2), rows: 7_000 });
    const left = estimateTimeLeft(facts, elapsed(20))! - afterTrainingMs(10, 7_000, undefined);
    const evaluationsLeft = (expectedIterations(facts) - 20) * ((20 + 1.07 * 30) / 50);
    expect(left).toBeCloseTo(evaluationsLeft * 10, 6);
    // Without the marks, the whole run since the warm-up: (40 · 9 + 10 · 10) / 19 ms per evaluation.
    expect(estimateTimeLeft({ ...facts, marks: undefined }, elapsed(20))!).toBeGreaterThan(left * 2);
  });

  it('goes by the typical iteration, not a spike, and waits for two iterations after the first three', () => {
    // One evaluation per iteration: 60, 40, 30 ms while warming up, then 10 ms with a 200 ms spike at the 7th.
    const durations = [60, 40, 30, 10, 10, 10, 200, 10, 10, 10];
    let at = 0;
    const marks = durations.map((d, i) => ({ done: i + 1, elapsedMs: (at += d), evaluations: i + 2 }));
    const factsAt = (done: number) =>
      iterations({ done, warmup: marks[0], marks: marks.slice(0, done), evaluations: done + 1, gradMax: Array(done + 1).fill(1e-2), rows: 7_000 });
    // The 4th iteration alone is not enough to go by; the 5th is.
    expect(estimateTimeLeft(factsAt(4), marks[3].elapsedMs)).toBeNull();
    expect(estimateTimeLeft(factsAt(5), marks[4].elapsedMs)).not.toBeNull();
    for (const done of [5, 7, 8, 10]) {
      const facts = factsAt(done);
      const training = estimateTimeLeft(facts, marks[done - 1].elapsedMs)! - afterTrainingMs(10, 7_000, undefined);
      expect(training, `after ${done}`).toBeCloseTo((expectedIterations(facts) - done) * evaluationsPerIteration(facts) * 10, 6);
    }
  });

  it('expects a run past its prior to need a little more, never more than the cap, and nothing once converged', () => {
    const late = iterations({ rows: 7_000, gradMax: Array.from({ length: 61 }, () => 1e-3) });
    // The prior at 7k rows is 41: at 60 iterations a few more are expected, not 41 − 60.
    const at60 = expectedIterations({ ...late, done: 60 });
    expect(at60).toBeGreaterThan(60);
    expect(at60).toBeLessThan(70);
    expect(expectedIterations({ ...late, done: 60, maxIterations: 62 })).toBe(62);
    // Not falling at all changes nothing but what is done: no fitted rate is read.
    expect(expectedIterations(iterations({ done: 3, gradMax: [0.1, 0.2, 0.3, 0.4], maxIterations: 10 }))).toBe(10);
    expect(expectedIterations(iterations({ done: 4, gradMax: [0.1, 0.01, 1e-3, 1e-4, 5e-5] }))).toBe(4);
  });

  it('takes the median of a log-normal count given it is above what is done', () => {
    // Young run: the prior; at the prior: its 75th percentile (z = 0.674); far beyond: a little more than done.
    expect(medianGivenAbove(50, 0.25, 1)).toBeCloseTo(50, 6);
    expect(medianGivenAbove(50, 0.1, 1)).toBeCloseTo(50, 6);
    expect(medianGivenAbove(50, 0.25, 50)).toBeCloseTo(50 * Math.exp(0.25 * 0.6744898), 3);
    const far = medianGivenAbove(50, 0.25, 5_000);
    expect(far).toBeGreaterThan(5_000);
    expect(far).toBeLessThan(5_000 * 1.01);
    for (const above of [10, 40, 60, 100, 400]) expect(medianGivenAbove(50, 0.25, above + 1)).toBeGreaterThan(medianGivenAbove(50, 0.25, above));
  });

  it('adds the phases after training: scoring the rows kept aside at the pass time, and the latency sample and storing', () => {
    const facts = iterations({ done: 11, warmup: { done: 1, elapsedMs: 1_000, evaluations: 2 }, evaluations: 12, gradMax: Array(12).fill(1e-2), rows: 7_000 });
    const training = estimateTimeLeft(facts, 2_000)!;
    // 100 ms per evaluation; 3,000 rows kept aside cost 7 passes over 3/7 of the rows.
    expect(estimateTimeLeft({ ...facts, laterRows: 3_000 }, 2_000)! - training).toBeCloseTo((7 * 100 * 3_000) / 7_000, 6);
    expect(afterTrainingMs(100, 7_000, 3_000)).toBeCloseTo(100 + (7 * 100 * 3_000) / 7_000, 6);
    // Mini-batch epochs are no measure of scoring: only the fixed part.
    expect(afterTrainingMs(null, 7_000, 3_000)).toBe(100);
  });

  it('expects the recorded runs\' iterations at their training rows, log-linear between them, the nearest beyond, and 25 when the count is unknown', () => {
    expect(priorIterations(700)).toBeCloseTo(16, 6);
    expect(priorIterations(7_000)).toBeCloseTo(22, 6);
    expect(priorIterations(70_000)).toBeCloseTo(48, 6);
    expect(priorIterations(700_000)).toBeCloseTo(20, 6);
    expect(priorIterations(22_136)).toBeCloseTo(35, 3); // halfway between 7k and 70k on a log scale
    expect(priorIterations(7_000_000)).toBe(20);
    expect(priorIterations(10)).toBe(16);
    expect(priorIterations(undefined)).toBe(25);
  });

  it('measures the pace after the warm-up, and says nothing before any work is done', () => {
    // 1 s for the first iteration (building inputs), then 100 ms each: the pace is 100 ms per iteration.
    const facts = iterations({ done: 11, warmup: { done: 1, elapsedMs: 1_000 }, gradMax: Array.from({ length: 12 }, (_, i) => 0.1 * 10 ** (-i / 5)) });
    const left = estimateTimeLeft(facts, 2_000)!;
    const total = expectedIterations(facts);
    expect(left).toBeCloseTo(100 * (total - 11) + afterTrainingMs(100, undefined, undefined), 6);
    expect(estimateTimeLeft(iterations({ done: 0 }), 500)).toBeNull();
    expect(estimateTimeLeft(epochs({ done: 0 }), 0)).toBeNull();
    // Only the warm-up timed (no mark yet, or nothing after it): no pace to go by, so no estimate.
    expect(estimateTimeLeft(iterations({ done: 1, warmup: null, gradMax: [0.1, 0.05] }), 1_000)).toBeNull();
    expect(estimateTimeLeft(iterations({ done: 1, warmup: { done: 1, elapsedMs: 1_000 }, gradMax: [0.1, 0.05] }), 1_000)).toBeNull();
    expect(estimateTimeLeft(epochs({ done: 0.05, warmup: null }), 200)).toBeNull();
  });
});
