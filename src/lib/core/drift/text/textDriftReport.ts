/**
 * The text drift report of a served ticket classifier: the texts its run was trained on (the
 * reference: the `train` split of its dataset version, with their labels) against the texts
 * the endpoint answered in a time window (the current side, with the served version's
 * predicted labels and confidences). Five views on one question — has the traffic moved away
 * from what the model learned?
 *
 * 1. out-of-vocabulary rate (`oov.ts`) and the most frequent unseen words;
 * 2. token-distribution divergence (`tokenDistribution.ts`, Jensen–Shannon distance), next to
 *    the distance two random parts of the training texts of the same sizes show (its noise floor);
 * 3. prediction shift: the training label mix against the predicted label mix (column test);
 * 4. confidence shift against the run's stored test-split confidences (`confidenceShift.ts`);
 * 5. the domain classifier (`domainClassifier.ts`): AUC > 0.55 means drift — the report's verdict.
 *
 * Pure and seeded: the same inputs and seed give the same report. Large sides are sampled
 * (seeded, uniformly) to `MAX_TEXTS_PER_SIDE` texts, and to `MAX_DOMAIN_TEXTS_PER_SIDE` for the
 * classifier. `onStep` is awaited before each step so a worker can report progress and cancel.
 */
import { createRng, type Rng } from '../../random';
import { columnDrift, type ColumnDrift } from '../report';
import { confidenceShift, type ConfidenceBand, type ConfidenceShift } from './confidenceShift';
import { domainClassifier, type DomainClassifierResult } from './domainClassifier';
import { oovRate, vocabularyOf, type OovResult } from './oov';
import { tokenDistributionDrift, type TokenDistributionDrift } from './tokenDistribution';

export const TEXT_DRIFT_KIND = 'text-drift';
export const TEXT_DRIFT_SCHEMA_VERSION = 1;
/** Fewer logged texts than this: no statistics, a message instead. */
export const MIN_CURRENT_TEXTS = 50;
/** Texts per side for the vocabulary and word statistics (seeded sample above it). */
export const MAX_TEXTS_PER_SIDE = 20_000;
/** Texts per side the domain classifier trains and tests on (seeded sample above it). */
export const MAX_DOMAIN_TEXTS_PER_SIDE = 5_000;

export type TextDriftWindowId = '1h' | '24h' | '7d' | 'all';

/** The current windows a learner can choose; `ms: null` is everything logged. */
export const TEXT_DRIFT_WINDOWS: readonly { id: TextDriftWindowId; title: string; ms: number | null }[] = [
  { id: '1h', title: 'Last hour', ms: 3_600_000 },
  { id: '24h', title: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', title: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'all', title: 'All logged', ms: null },
];

export function windowTitle(id: string): string {
  return TEXT_DRIFT_WINDOWS.find((w) => w.id === id)?.title ?? id;
}

export type TextDriftStep = 'vocabulary' | 'tokens' | 'predictions' | 'domain';
export const TEXT_DRIFT_STEPS: readonly TextDriftStep[] = ['vocabulary', 'tokens', 'predictions', 'domain'];

export interface TextDriftInput {
  /** The training split: texts (cut as the log cuts them) and their labels (null = unlabelled). */
  reference: { texts: readonly string[]; labels: readonly (string | null)[] };
  /** Every logged text of the window. */
  current: { texts: readonly string[] };
  /** The served version's answers in the window. */
  answers: { labels: readonly string[]; confidences: ArrayLike<number> };
  /** The served run's test-split confidence bands; null when the run has none stored. */
  referenceConfidence: readonly ConfidenceBand[] | null;
}

export interface TextDriftOptions {
  seed: string;
  minTexts?: number;
  /** Awaited before each step (index 0 … TEXT_DRIFT_STEPS.length − 1). */
  onStep?: (step: TextDriftStep, index: number) => void | Promise<void>;
}

/** A part of the report that could not be computed says why instead. */
export type Part<T> = ({ available: true } & T) | { available: false; reason: string };

export interface TokenDrift extends TokenDistributionDrift {
  /** The distance between a random part of the training texts, as many as the current ones, and the rest; null when too few. */
  noiseFloor: number | null;
}

export interface LabelShift {
  test: ColumnDrift;
  /** Share of each label, sorted by label. */
  shares: { label: string; reference: number; current: number }[];
  referenceCount: number;
  currentCount: number;
}

export interface TextDriftAnalysis {
  seed: string;
  /** Texts available on each side, and how many each statistic used. */
  sizes: { reference: number; current: number; answers: number; sampled: [number, number]; domain: [number, number] };
  oov: OovResult;
  tokens: TokenDrift;
  labels: Part<LabelShift>;
  confidence: Part<ConfidenceShift>;
  domain: DomainClassifierResult;
  /** The verdict: the domain classifier's. */
  drifted: boolean;
}

export type TextDriftOutcome = { enough: true; analysis: TextDriftAnalysis } | { enough: false; texts: number; minimum: number };

/** Indices of a seeded uniform sample of k of n (all of them when n ≤ k), ascending. */
export function sampleIndices(n: number, k: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= k) return all;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k).sort((a, b) => a - b);
}

function sample<T>(items: readonly T[], k: number, rng: Rng): T[] {
  return sampleIndices(items.length, k, rng).map((i) => items[i]);
}

function shares(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [k, c] of counts) counts.set(k, c / values.length);
  return counts;
}

function labelShift(referenceLabels: readonly string[], currentLabels: readonly string[]): LabelShift {
  const ref = shares(referenceLabels);
  const cur = shares(currentLabels);
  const labels = [...new Set([...ref.keys(), ...cur.keys()])].sort();
  return {
    test: columnDrift({ name: 'predicted label', kind: 'categorical', reference: referenceLabels, current: currentLabels }),
    shares: labels.map((label) => ({ label, reference: ref.get(label) ?? 0, current: cur.get(label) ?? 0 })),
    referenceCount: referenceLabels.length,
    currentCount: currentLabels.length,
  };
}

function noiseFloor(reference: readonly string[], currentSize: number, rng: Rng): number | null {
  const m = Math.min(currentSize, Math.floor(reference.length / 2));
  if (m < 1) return null;
  const part = new Set(sampleIndices(reference.length, m, rng));
  try {
    return tokenDistributionDrift(
      reference.filter((_, i) => !part.has(i)),
      reference.filter((_, i) => part.has(i)),
    ).distance;
  } catch {
    return null; // one part has no words at all
  }
}

/** The report, or "not enough logged texts" when the window holds fewer than `minTexts`. */
export async function analyzeTextDrift(input: TextDriftInput, options: TextDriftOptions): Promise<TextDriftOutcome> {
  const minimum = options.minTexts ?? MIN_CURRENT_TEXTS;
  if (input.current.texts.length < minimum) return { enough: false, texts: input.current.texts.length, minimum };
  if (input.reference.texts.length < 2) throw new Error('The served model’s training split has fewer than two texts to compare with.');
  const rng = createRng(options.seed);
  const step = async (s: TextDriftStep) => options.onStep?.(s, TEXT_DRIFT_STEPS.indexOf(s));

  await step('vocabulary');
  const reference = sample(input.reference.texts, MAX_TEXTS_PER_SIDE, rng);
  const current = sample(input.current.texts, MAX_TEXTS_PER_SIDE, rng);
  const oov = oovRate(vocabularyOf(reference), current, { top: 15 });

  await step('tokens');
  const tokens: TokenDrift = { ...tokenDistributionDrift(reference, current, { top: 12 }), noiseFloor: noiseFloor(reference, current.length, rng) };

  await step('predictions');
  const answers = input.answers.labels.length;
  const tooFewAnswers = `Only ${answers} answers of the served version are in this window; at least ${minimum} are needed.`;
  const referenceLabels = input.reference.labels.filter((l): l is string => l !== null);
  const labels: Part<LabelShift> =
    answers < minimum
      ? { available: false, reason: tooFewAnswers }
      : referenceLabels.length === 0
        ? { available: false, reason: 'The training split has no labels to compare with.' }
        : { available: true, ...labelShift(referenceLabels, input.answers.labels) };
  const confidence: Part<ConfidenceShift> =
    answers < minimum
      ? { available: false, reason: tooFewAnswers }
      : !input.referenceConfidence || input.referenceConfidence.every((b) => b.count === 0)
        ? { available: false, reason: 'Not available: the served model’s run stores no confidences on its test split (an imported model has none).' }
        : { available: true, ...confidenceShift(input.referenceConfidence, input.answers.confidences) };

  await step('domain');
  const domainReference = sample(reference, MAX_DOMAIN_TEXTS_PER_SIDE, rng);
  const domainCurrent = sample(current, MAX_DOMAIN_TEXTS_PER_SIDE, rng);
  const domain = domainClassifier(domainReference, domainCurrent, { seed: options.seed, topWords: 12 });

  return {
    enough: true,
    analysis: {
      seed: options.seed,
      sizes: {
        reference: input.reference.texts.length,
        current: input.current.texts.length,
        answers,
        sampled: [reference.length, current.length],
        domain: [domainReference.length, domainCurrent.length],
      },
      oov,
      tokens,
      labels,
      confidence,
      domain,
      drifted: domain.drifted,
    },
  };
}

/** Where a report's two sides came from, for lineage and for the list of reports. */
export interface TextDriftSource {
  modelVersionId: string;
  /** e.g. "Ticket router v1". */
  modelTitle: string;
  runId: string;
  datasetVersionId: string;
  datasetVersionNumber: number | null;
}

/** What a stored text drift report keeps as its details: the analysis with its window and source. */
export interface TextDriftDetails extends TextDriftAnalysis {
  kind: typeof TEXT_DRIFT_KIND;
  schemaVersion: typeof TEXT_DRIFT_SCHEMA_VERSION;
  window: { id: TextDriftWindowId; from: string; to: string };
  source: TextDriftSource;
  elapsedMs: number;
}

/** The checks that carry a drift test, for a report's "n of m drifted" line. */
export function textDriftChecks(analysis: TextDriftAnalysis): { name: string; drifted: boolean }[] {
  return [
    ...(analysis.labels.available ? [{ name: 'predicted labels', drifted: analysis.labels.test.drifted }] : []),
    ...(analysis.confidence.available ? [{ name: 'confidence', drifted: analysis.confidence.test.drifted }] : []),
    { name: 'domain classifier', drifted: analysis.domain.drifted },
  ];
}

/** The few facts the list of reports shows, read leniently from stored (or imported) details; null if not a text drift report. */
export function readTextDriftHeadline(details: unknown): { windowId: string; auc: number | null; drifted: boolean; texts: number | null; oovRate: number | null } | null {
  if (typeof details !== 'object' || details === null || (details as { kind?: unknown }).kind !== TEXT_DRIFT_KIND) return null;
  const d = details as { window?: { id?: unknown }; domain?: { auc?: unknown }; drifted?: unknown; sizes?: { current?: unknown }; oov?: { rate?: unknown } };
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    windowId: typeof d.window?.id === 'string' ? d.window.id : '?',
    auc: num(d.domain?.auc),
    drifted: d.drifted === true,
    texts: num(d.sizes?.current),
    oovRate: num(d.oov?.rate),
  };
}
