import { describe, expect, it } from 'vitest';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { createRng, pick } from '$lib/core/random';
import { confidenceShift, type ConfidenceBand } from '$lib/core/drift/text/confidenceShift';
import {
  analyzeTextDrift, readTextDriftHeadline, sampleIndices, textDriftChecks, TEXT_DRIFT_STEPS, type TextDriftAnalysis, type TextDriftInput,
} from '$lib/core/drift/text/textDriftReport';

const tickets = generateTickets({ count: 900, seed: 'text-drift-test' });
const trainTexts = tickets.slice(0, 600).map((t) => `${t.subject}\n\n${t.body}`);
const trainLabels = tickets.slice(0, 600).map((t) => t.label);
/** Later tickets of the same generator: traffic like the training data. */
const sameTexts = tickets.slice(600, 800).map((t) => `${t.subject}\n\n${t.body}`);

/** Chatty messages about a product the training data never mentions. */
function newProductTexts(n: number, seed: string): string[] {
  const rng = createRng(seed);
  const openers = ['yo', 'hey team', 'ok so', 'ugh', 'quick one'];
  const things = ['hoverboard', 'drone', 'smartwatch strap', 'firmware v9', 'bluetooth dongle', 'charging puck'];
  const problems = ['keeps beeping', 'wont pair with my phone', 'overheats lol', 'battery drains overnight', 'the lights blink purple'];
  return Array.from({ length: n }, () => `${pick(rng, openers)} my ${pick(rng, things)} ${pick(rng, problems)} ${pick(rng, ['pls fix', 'any ideas', 'thx', '!!'])}`);
}

/** Test-split bands as a run stores them: 10 bands, mostly confident. */
const BANDS: ConfidenceBand[] = [0, 0, 0, 2, 4, 6, 10, 20, 40, 98].map((count, i) => ({ lo: i / 10, hi: (i + 1) / 10, count, confidence: count ? i / 10 + 0.05 : NaN }));

function input(current: string[], answers: { labels: string[]; confidences: number[] }, bands: ConfidenceBand[] | null = BANDS): TextDriftInput {
  return { reference: { texts: trainTexts, labels: trainLabels }, current: { texts: current }, answers, referenceConfidence: bands };
}

async function analyze(i: TextDriftInput): Promise<TextDriftAnalysis> {
  const outcome = await analyzeTextDrift(i, { seed: 'test' });
  if (!outcome.enough) throw new Error('expected enough texts');
  return outcome.analysis;
}

describe('sampleIndices', () => {
  it('keeps everything up to k, else a seeded ascending sample of k', () => {
    expect(sampleIndices(5, 10, createRng(1))).toEqual([0, 1, 2, 3, 4]);
    const a = sampleIndices(1000, 50, createRng('s'));
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(sampleIndices(1000, 50, createRng('s'))).toEqual(a);
    expect(sampleIndices(1000, 50, createRng('t'))).not.toEqual(a);
  });
});

describe('confidenceShift', () => {
  it('compares logged confidences with stored bands at band resolution', () => {
    const current = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0.45 : 0.95));
    const shift = confidenceShift(BANDS, current);
    expect(shift.referenceCount).toBe(180);
    expect(shift.currentCount).toBe(100);
    // Σ count × mean / n over the stored bins: (2·.35 + 4·.45 + 6·.55 + 10·.65 + 20·.75 + 40·.85 + 98·.95) / 180
    expect(shift.referenceMean).toBeCloseTo(154.4 / 180, 12);
    expect(shift.currentMean).toBeCloseTo(0.65, 12);
    expect(shift.bands[4]).toEqual({ lo: 0.4, hi: 0.5, reference: 4 / 180, current: 0.6 });
    expect(shift.test.test).toBe('ks'); // ≤ 1000 reference values, > 5 distinct: Evidently's K-S
    expect(shift.test.drifted).toBe(true);
    expect(confidenceShift(BANDS, Array.from({ length: 90 }, (_, i) => 0.35 + (i % 7) / 10)).bands.reduce((s, b) => s + b.current, 0)).toBeCloseTo(1, 12);
  });

  it('refuses bands that are not equal-width from 0 to 1, and empty sides', () => {
    expect(() => confidenceShift([{ lo: 0, hi: 0.6, count: 3, confidence: 0.3 }, { lo: 0.6, hi: 1, count: 1, confidence: 0.8 }], [0.5])).toThrow(/equal-width/);
    expect(() => confidenceShift(BANDS, [])).toThrow(/at least one/);
  });
});

describe('analyzeTextDrift', () => {
  it('gives a message, not statistics, below the minimum of logged texts', async () => {
    const outcome = await analyzeTextDrift(input(newProductTexts(49, 'few'), { labels: [], confidences: [] }), { seed: 'x' });
    expect(outcome).toEqual({ enough: false, texts: 49, minimum: 50 });
  });

  it('finds drift in traffic about a new product: unseen words, shifted labels and confidence, AUC near 1', async () => {
    const current = newProductTexts(80, 'new');
    const answers = { labels: current.map((_, i) => (i % 5 === 0 ? 'Billing' : 'Technical Issue')), confidences: current.map((_, i) => 0.4 + (i % 3) / 10) };
    const steps: string[] = [];
    const outcome = await analyzeTextDrift(input(current, answers), { seed: 'test', onStep: (s, i) => void steps.push(`${i}:${s}`) });
    expect(steps).toEqual(TEXT_DRIFT_STEPS.map((s, i) => `${i}:${s}`));
    if (!outcome.enough) throw new Error('expected enough texts');
    const a = outcome.analysis;
    expect(a.sizes).toEqual({ reference: 600, current: 80, answers: 80, sampled: [600, 80], domain: [600, 80] });
    expect(a.oov.rate).toBeGreaterThan(0.3);
    const newWords = new Set(newProductTexts(400, 'vocabulary').join(' ').toLowerCase().split(/\W+/));
    expect(a.oov.topTokens).toHaveLength(15);
    expect(a.oov.topTokens.every((t) => newWords.has(t.token))).toBe(true);
    expect(a.tokens.distance).toBeGreaterThan(a.tokens.noiseFloor! + 0.2);
    expect(a.domain.auc).toBeGreaterThan(0.95);
    expect(a.drifted).toBe(true);
    expect(a.domain.currentWords.length).toBeGreaterThan(5);
    expect(a.domain.currentWords.every((w) => newWords.has(w.term) && w.weight > 0)).toBe(true);
    expect(a.domain.referenceWords.every((w) => !newWords.has(w.term) && w.weight < 0)).toBe(true);
    if (!a.labels.available || !a.confidence.available) throw new Error('expected both output checks');
    expect(a.labels.test.test).toBe('chisquare');
    expect(a.labels.test.drifted).toBe(true);
    expect(a.labels.shares.map((s) => s.label)).toEqual(['Billing', 'General Inquiry', 'Technical Issue']);
    expect(a.labels.shares.find((s) => s.label === 'General Inquiry')!.current).toBe(0);
    expect(a.confidence.test.drifted).toBe(true);
    expect(textDriftChecks(a)).toEqual([
      { name: 'predicted labels', drifted: true },
      { name: 'confidence', drifted: true },
      { name: 'domain classifier', drifted: true },
    ]);
  });

  it('sees no drift in more tickets of the same kind', async () => {
    const labels = tickets.slice(600, 800).map((t) => t.label);
    const a = await analyze(input(sameTexts, { labels, confidences: labels.map((_, i) => [0.95, 0.85, 0.75, 0.92, 0.97][i % 5]) }));
    expect(a.domain.auc).toBeLessThanOrEqual(0.55);
    expect(a.drifted).toBe(false);
    expect(a.oov.rate).toBeLessThan(0.05);
    expect(a.tokens.distance).toBeLessThan(a.tokens.noiseFloor! + 0.05);
    expect(a.labels.available && a.labels.test.drifted).toBe(false);
  });

  it('says why a part is missing: no stored confidences, too few answers of the served version', async () => {
    const current = newProductTexts(60, 'parts');
    const noBands = await analyze(input(current, { labels: current.map(() => 'Billing'), confidences: current.map(() => 0.9) }, null));
    expect(noBands.confidence).toEqual({ available: false, reason: expect.stringMatching(/^Not available/) });
    expect(noBands.labels.available).toBe(true);
    expect(textDriftChecks(noBands).map((c) => c.name)).toEqual(['predicted labels', 'domain classifier']);
    const fewAnswers = await analyze(input(current, { labels: ['Billing'], confidences: [0.9] }));
    expect(fewAnswers.labels).toEqual({ available: false, reason: 'Only 1 answers of the served version are in this window; at least 50 are needed.' });
    expect(fewAnswers.confidence.available).toBe(false);
  });

  it('is deterministic for a seed, and its headline survives a JSON round trip', async () => {
    const current = newProductTexts(70, 'det');
    const answers = { labels: current.map(() => 'Technical Issue'), confidences: current.map(() => 0.6) };
    const [a, b] = [await analyze(input(current, answers)), await analyze(input(current, answers))];
    expect(b).toEqual(a);
    const stored = JSON.parse(JSON.stringify({ kind: 'text-drift', schemaVersion: 1, window: { id: '24h' }, ...a }));
    expect(readTextDriftHeadline(stored)).toEqual({ windowId: '24h', auc: a.domain.auc, drifted: true, texts: 70, oovRate: a.oov.rate });
    expect(readTextDriftHeadline({ columns: [] })).toBeNull();
    expect(readTextDriftHeadline(null)).toBeNull();
  });
});
