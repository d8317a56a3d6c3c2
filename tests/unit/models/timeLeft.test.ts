import { describe, expect, it } from 'vitest';
import { estimateTimeLeft, expectedEpochs, expectedIterations, type WorkFacts } from '$lib/core/models/timeLeft';

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
    expect(expectedIterations(iterations({ done: 40, gradMax: slow }))).toBeGreaterThan(50);
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

  it('measures the pace after the warm-up, and says nothing before any work is done', () => {
    // 1 s for the first iteration (building inputs), then 100 ms each: the pace is 100 ms.
    const facts = iterations({ done: 11, warmup: { done: 1, elapsedMs: 1_000 }, gradMax: Array.from({ length: 12 }, (_, i) => 0.1 * 10 ** (-i / 5)) });
    const left = estimateTimeLeft(facts, 2_000)!;
    const total = expectedIterations(facts);
    expect(left).toBeCloseTo(100 * (total - 11), 6);
    expect(estimateTimeLeft(iterations({ done: 0 }), 500)).toBeNull();
    expect(estimateTimeLeft(epochs({ done: 0 }), 0)).toBeNull();
  });
});
