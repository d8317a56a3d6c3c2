import { describe, expect, it } from 'vitest';
import { csrFromRows } from '$lib/core/models/csr';
import { createRng, pick } from '$lib/core/random';
import { domainClassifier } from '$lib/core/drift/text/domainClassifier';
import { fitLogisticRegression } from '$lib/core/drift/text/logisticRegression';
import { oovRate, vocabularyOf } from '$lib/core/drift/text/oov';
import { predictionShift } from '$lib/core/drift/text/predictionShift';
import { tokenDistributionDrift } from '$lib/core/drift/text/tokenDistribution';
import { bell, categories } from './samples';

const COMMON = ['account', 'login', 'password', 'app', 'page', 'error', 'help', 'please', 'today', 'again', 'team', 'settings', 'email', 'update', 'screen'];
const TICKET_WORDS = ['slow', 'crash', 'button', 'sync', 'export', 'upload', 'report', 'dashboard'];
const BILLING_WORDS = ['refund', 'invoice', 'chargeback', 'charged', 'twice', 'card', 'subscription', 'receipt'];

/** Synthetic tickets: common words plus topic words, topic chosen with `billingShare`. */
function tickets(seed: string, n: number, billingShare: number): string[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const words: string[] = [];
    const topic = rng() < billingShare ? BILLING_WORDS : TICKET_WORDS;
    const length = 6 + Math.floor(rng() * 8);
    for (let i = 0; i < length; i++) words.push(rng() < 0.3 ? pick(rng, topic) : pick(rng, COMMON));
    return words.join(' ');
  });
}

describe('fitLogisticRegression', () => {
  it('finds the minimum of ½‖w‖² + C·Σ log-loss', () => {
    // scipy.optimize.minimize(f, zeros(4), jac=True, method='L-BFGS-B', gtol=1e-12) on the same
    // 6 × 3 matrix, C = 1: w = [0.7548307444322477, -0.4872571802923348, -0.6598337042495684],
    // b = 0.26893042083161506 (objective 3.178979026868298)
    const x = csrFromRows(
      [
        { indices: [0, 2], data: [1, 0.5] },
        { indices: [1], data: [2] },
        { indices: [0, 1], data: [0.3, 0.7] },
        { indices: [2], data: [1.5] },
        { indices: [0], data: [1.2] },
        { indices: [1, 2], data: [0.4, 0.9] },
      ],
      3,
    );
    const model = fitLogisticRegression(x, [1, 0, 1, 0, 1, 0], { tolerance: 1e-9 });
    expect(model.converged).toBe(true);
    [0.7548307444322477, -0.4872571802923348, -0.6598337042495684].forEach((w, j) => expect(model.weights[j]).toBeCloseTo(w, 6));
    expect(model.bias).toBeCloseTo(0.26893042083161506, 6);
  });
});

describe('domainClassifier', () => {
  it('tells a shifted corpus apart and names the new words', () => {
    const reference = tickets('dc-ref', 600, 0.05);
    const current = tickets('dc-cur', 600, 0.6);
    const result = domainClassifier(reference, current, { seed: 'dc' });
    expect(result.auc).toBeGreaterThan(0.7);
    expect(result.drifted).toBe(true);
    expect(result.trainSize + result.testSize).toBe(1200);
    expect(result.testSize).toBe(400);
    expect(result.currentWords).toHaveLength(10);
    expect(result.currentWords.slice(0, 5).every((w) => BILLING_WORDS.includes(w.term) && w.weight > 0)).toBe(true);
    expect(result.referenceWords.slice(0, 2).every((w) => TICKET_WORDS.includes(w.term) && w.weight < 0)).toBe(true);
    expect(result.referenceWords.every((w, i) => i === 0 || w.weight >= result.referenceWords[i - 1].weight)).toBe(true);
    // Seeded: the same inputs give the same result.
    expect(domainClassifier(reference, current, { seed: 'dc' })).toEqual(result);
  });

  it('scores ≈ 0.5 and no drift for two samples of the same corpus', () => {
    const result = domainClassifier(tickets('dc-a', 600, 0.2), tickets('dc-b', 600, 0.2), { seed: 'dc' });
    expect(Math.abs(result.auc - 0.5)).toBeLessThan(0.05);
    expect(result.drifted).toBe(false);
  });

  // How long it takes is a figure of `npm run bench` (textDrift.5k.ms), not a test.
  it('tells 5k vs 5k texts apart', () => {
    const result = domainClassifier(tickets('big-ref', 5000, 0.1), tickets('big-cur', 5000, 0.3), { seed: 'big' });
    expect(result.drifted).toBe(true);
  });

  it('needs two texts per side', () => {
    expect(() => domainClassifier(['a b'], ['c d', 'e f'], { seed: 1 })).toThrow(/two reference/);
  });
});

describe('oovRate and tokenDistributionDrift', () => {
  it('counts tokens the reference never used', () => {
    const vocabulary = vocabularyOf(['Login fails on the app', 'password reset']);
    const result = oovRate(vocabulary, ['The app shows error E42', 'login again', '']);
    // tokens: the app shows error e42 | login again → unknown: shows, error, e42, again
    expect(result).toEqual({
      rate: 4 / 7,
      oovTokens: 4,
      totalTokens: 7,
      textsWithOov: 2,
      texts: 3,
      topTokens: [
        { token: 'again', count: 1 },
        { token: 'e42', count: 1 },
        { token: 'error', count: 1 },
        { token: 'shows', count: 1 },
      ],
    });
    expect(oovRate(['a'], []).rate).toBe(0);
  });

  it('measures the word-distribution shift with the Jensen–Shannon distance', () => {
    const same = tokenDistributionDrift(['refund my card'], ['card refund my'], { removeStopWords: false });
    expect(same.distance).toBe(0);
    const disjoint = tokenDistributionDrift(['alpha beta'], ['gamma delta']);
    expect(disjoint.distance).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    const shifted = tokenDistributionDrift(tickets('td-ref', 300, 0.05), tickets('td-cur', 300, 0.6));
    expect(shifted.distance).toBeGreaterThan(0.1);
    // Billing words rise, ticket words fall: those lead the list.
    for (const shift of shifted.topShifts.slice(0, 5)) {
      expect(BILLING_WORDS.includes(shift.token) ? shift.currentShare > shift.referenceShare : TICKET_WORDS.includes(shift.token)).toBe(true);
    }
  });
});

describe('predictionShift', () => {
  it('tests the predicted label as categorical and the confidence as numeric', () => {
    const labels = ['Billing', 'Technical Issue', 'General Inquiry'];
    const result = predictionShift(
      { labels: categories('pred-ref', 800, labels, [0.3, 0.5, 0.2]), confidences: bell('conf-ref', 800, 0.8, 0.05) },
      // The same label stream (same mix), lower and wider confidences.
      { labels: categories('pred-ref', 700, labels, [0.3, 0.5, 0.2]), confidences: bell('conf-cur', 700, 0.7, 0.08) },
    );
    expect([result.label.test, result.confidence.test]).toEqual(['chisquare', 'ks']);
    expect(result.label.drifted).toBe(false);
    expect(result.confidence.drifted).toBe(true);
    expect(result.drifted).toBe(true);
    const overridden = predictionShift({ labels: ['a', 'b'], confidences: [0.5, 0.6] }, { labels: ['a', 'b'], confidences: [0.5, 0.6] }, { confidence: { test: 'wasserstein' } });
    expect(overridden.confidence.test).toBe('wasserstein');
  });
});
