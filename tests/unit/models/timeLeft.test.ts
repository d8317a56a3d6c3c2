import { describe, expect, it } from 'vitest';
import { estimateTimeLeft, expectedEpochs, expectedIterations, priorIterations, type WorkFacts } from '$lib/core/models/timeLeft';

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

  it('expects L-BFGS to stop when max |g| reaches the tolerance at the rate it falls, clamped by the cap', () => {
    // A steady tenfold fall every 20 iterations from 1e-1 reaches the tolerance 1e-4 at iteration 60.
    const slow = Array.from({ length: 41 }, (_, i) => 0.1 * 10 ** (-i / 20));
    // At 40 iterations the estimate has moved from the prior (40 without a row count) well toward the fit.
    expect(expectedIterations(iterations({ done: 40, gradMax: slow }))).toBeGreaterThan(45);
    expect(expectedIterations(iterations({ done: 40, gradMax: slow }))).toBeLessThanOrEqual(60);
    // Falling faster (tenfold every 4): fewer iterations expected, though the prior (40) still weighs.
    const fast = Array.from({ length: 11 }, (_, i) => 0.1 * 10 ** (-i / 4));
    expect(expectedIterations(iterations({ done: 10, gradMax: fast }))).toBeLessThan(expectedIterations(iterations({ done: 10, gradMax: slow.slice(0, 11) })));
    // Jumps of max |g| upwards do not undo progress (the fit follows the lowest value so far).
    const jumpy = fast.map((g, i) => (i % 2 ? g * 10 : g));
    expect(expectedIterations(iterations({ done: 10, gradMax: jumpy }))).toBeLessThan(40);
    // Not falling at all: the prior, never more than the cap.
    expect(expectedIterations(iterations({ done: 3, gradMax: [0.1, 0.2, 0.3, 0.4] }))).toBeLessThanOrEqual(100);
    expect(expectedIterations(iterations({ done: 3, gradMax: [0.1, 0.2, 0.3, 0.4], maxIterations: 10 }))).toBe(10);
    expect(expectedIterations(iterations({ done: 4, gradMax: [0.1, 0.01, 1e-3, 1e-4, 5e-5] }))).toBe(4);
  });

  // max |g| after each iteration of the default L-BFGS run on the bench's 10k and 100k tickets (7k and 70k training rows; Node, 2026-12-05).
  const measured = {
    7_000: [0.084, 0.098, 0.049, 0.044, 0.12, 0.14, 0.062, 0.026, 0.0049, 0.00086, 0.0035, 0.0055, 0.0066, 0.0092, 0.0069, 0.003, 0.0024, 0.0038, 0.0021, 0.0067, 0.0026, 0.00021, 0.00057, 0.0014, 0.0021, 0.0059, 0.00052, 0.00018, 0.00065, 0.00099, 0.0012, 0.00036, 0.0023, 0.00022, 0.00016, 0.00041, 0.00006],
    70_000: [
      0.083, 0.1, 0.049, 0.041, 0.11, 0.15, 0.11, 0.03, 0.015, 0.0041, 0.0014, 0.0032, 0.0042, 0.01, 0.016, 0.0018, 0.00089, 0.0019, 0.0059, 0.0067, 0.0028, 0.00091, 0.0012, 0.0022, 0.0031, 0.0026, 0.0049, 0.0018, 0.0013,
      0.0014, 0.00066, 0.0025, 0.0021, 0.0008, 0.00024, 0.00054, 0.0002, 0.0015, 0.00045, 0.00077, 0.0006, 0.0018, 0.00085, 0.00027, 0.00071, 0.00088, 0.00014, 0.00066, 0.0012, 0.00096, 0.002, 0.00078, 0.00052, 0.00065, 0.00074,
      0.00039, 0.001, 0.00044, 0.000048,
    ],
  };

  it.each(Object.entries(measured))('is within 30 %% of the actual end once a tenth of a measured L-BFGS run is done (%s training rows)', (rows, gradMax) => {
    // A steady 50 ms per iteration after a 400 ms first one (building the inputs).
    const iterations = gradMax.length - 1;
    const elapsed = (done: number) => 400 + (done - 1) * 50;
    const actual = elapsed(iterations);
    for (let done = 1; done < iterations; done++) {
      if (elapsed(done) < actual / 10) continue;
      const facts: IterationFacts = { unit: 'iteration', done, warmup: { done: 1, elapsedMs: 400 }, maxIterations: 100, gradMax: gradMax.slice(0, done + 1), tolerance: 1e-4, rows: Number(rows) };
      const left = estimateTimeLeft(facts, elapsed(done));
      // The first iteration is the warm-up: no estimate from it alone.
      if (done === 1) expect(left).toBeNull();
      else expect(Math.abs(elapsed(done) + left! - actual) / actual, `after ${done} iterations`).toBeLessThanOrEqual(0.3);
    }
  });

  it('expects more L-BFGS iterations the more training rows there are, and 40 when the count is unknown', () => {
    expect(priorIterations(700)).toBeCloseTo(21.5, 6);
    expect(priorIterations(7_000)).toBeGreaterThan(30);
    expect(priorIterations(700_000)).toBeGreaterThan(priorIterations(70_000));
    expect(priorIterations(700_000)).toBeGreaterThan(60);
    expect(priorIterations(undefined)).toBe(40);
    // The old fixed prior of 40 said ≈ 40 at a tenth of the 70k run (58 iterations); the row count says more.
    const early = { unit: 'iteration' as const, done: 6, warmup: null, maxIterations: 100, gradMax: measured[70_000].slice(0, 7), tolerance: 1e-4 };
    expect(expectedIterations({ ...early, rows: 70_000 })).toBeGreaterThan(expectedIterations(early) + 5);
  });

  it('measures the pace after the warm-up, and says nothing before any work is done', () => {
    // 1 s for the first iteration (building inputs), then 100 ms each: the pace is 100 ms.
    const facts = iterations({ done: 11, warmup: { done: 1, elapsedMs: 1_000 }, gradMax: Array.from({ length: 12 }, (_, i) => 0.1 * 10 ** (-i / 5)) });
    const left = estimateTimeLeft(facts, 2_000)!;
    const total = expectedIterations(facts);
    expect(left).toBeCloseTo(100 * (total - 11), 6);
    expect(estimateTimeLeft(iterations({ done: 0 }), 500)).toBeNull();
    expect(estimateTimeLeft(epochs({ done: 0 }), 0)).toBeNull();
    // Only the warm-up timed (no mark yet, or nothing after it): no pace to go by, so no estimate.
    expect(estimateTimeLeft(iterations({ done: 1, warmup: null, gradMax: [0.1, 0.05] }), 1_000)).toBeNull();
    expect(estimateTimeLeft(iterations({ done: 1, warmup: { done: 1, elapsedMs: 1_000 }, gradMax: [0.1, 0.05] }), 1_000)).toBeNull();
    expect(estimateTimeLeft(epochs({ done: 0.05, warmup: null }), 200)).toBeNull();
  });
});
