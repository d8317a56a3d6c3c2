/** Click-prediction metrics against reference numbers worked out by hand. */
import { describe, expect, it } from 'vitest';
import { calibrationBins, logLoss, rocAuc } from '../../../../src/lib/core/scenarios/ctr';
import { fitLogistic, sigmoid } from '../../../../src/lib/core/scenarios/ctr/logistic';
import { createRng } from '../../../../src/lib/core/random';

describe('click metrics', () => {
  it('computes the mean negative log-likelihood', () => {
    // −(ln 0.9 + ln 0.8 + ln 0.6 + ln 0.6) / 4
    expect(logLoss([0.9, 0.2, 0.6, 0.4], [1, 0, 1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + 2 * Math.log(0.6)) / 4, 14);
    expect(logLoss([0.9, 0.2, 0.6, 0.4], [1, 0, 1, 0])).toBeCloseTo(0.33753882862600, 12);
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true);
    expect(logLoss([], [])).toBeNaN();
  });

  it('computes ROC AUC as the share of click/non-click pairs ranked right, ties counting one half', () => {
    // scikit-learn's roc_auc_score documentation example: 3 of 4 pairs ranked right.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // Pairs (click, non-click): (.2,.2) ½, (.2,.5) 0, (.5,.2) 1, (.5,.5) ½, (.9,.2) 1, (.9,.5) 1 → 4/6.
    expect(rocAuc([0.2, 0.2, 0.5, 0.5, 0.9], [0, 1, 0, 1, 1])).toBeCloseTo(2 / 3, 12);
    expect(rocAuc([0.3, 0.3], [1, 1])).toBeNaN();
  });

  it('bins predictions into equal-count bins of predicted vs actual CTR', () => {
    const predicted = [0.01, 0.02, 0.03, 0.04, 0.1, 0.2, 0.3, 0.4];
    const clicked = [0, 0, 0, 1, 0, 1, 1, 1];
    const bins = calibrationBins(predicted, clicked, 2);
    expect(bins).toEqual([
      { minPredicted: 0.01, maxPredicted: 0.04, count: 4, meanPredicted: 0.025, actualCtr: 0.25 },
      { minPredicted: 0.1, maxPredicted: 0.4, count: 4, meanPredicted: 0.25, actualCtr: 0.75 },
    ]);
  });
});

describe('fitLogistic', () => {
  it('recovers the weights of a one-hot logistic model', () => {
    // Two groups: A (3 levels) and B (2 levels); true logit = −2 + a[A] + b[B].
    const a = [0, 0.8, -0.6];
    const b = [0, 1.0];
    const rng = createRng('fit');
    const rows = 60_000;
    const active = new Int32Array(rows * 2);
    const y = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const ga = Math.floor(rng() * 3);
      const gb = Math.floor(rng() * 2);
      active[2 * i] = ga;
      active[2 * i + 1] = 3 + gb;
      y[i] = rng() < sigmoid(-2 + a[ga] + b[gb]) ? 1 : 0;
    }
    const fit = fitLogistic(active, 2, y, 5, { seed: 'fit', epochs: 3, l2: 0 });
    const logit = (ga: number, gb: number) => fit.bias + fit.weights[ga] + fit.weights[3 + gb];
    // One-hot weights are identified only up to a constant per group: compare logits.
    for (let ga = 0; ga < 3; ga++) {
      for (let gb = 0; gb < 2; gb++) expect(logit(ga, gb)).toBeCloseTo(-2 + a[ga] + b[gb], 1);
    }
    expect(Array.from(fitLogistic(active, 2, y, 5, { seed: 'fit' }).weights)).toEqual(Array.from(fitLogistic(active, 2, y, 5, { seed: 'fit' }).weights));
  });
});
