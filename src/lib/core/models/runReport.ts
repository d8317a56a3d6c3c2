/**
 * What a training run reports: the learning curves and the evaluation stored with the run.
 * Plain data (structured-clone and JSON safe), shared by the worker, the pages and the bench.
 */
import type { SplitMetrics } from '../eval/evaluate';
import { trainingUnit } from './catalog';

/** Vectorizer settings a run can choose (a subset of TfidfOptions). */
export interface VectorizerSettings {
  ngramMax: 1 | 2;
  minDf: number;
  maxFeatures: number;
  sublinearTf: boolean;
  stopWords: boolean;
}

/**
 * The form's defaults. Single words with min_df 2 reach the same test accuracy on tickets as
 * word pairs (≈ 93 %) with a vocabulary 5× smaller — and every dense mini-batch uploaded to the
 * GPU is batch × vocabulary floats, so training on WebGL is that much faster. Sublinear tf tames
 * repeated words.
 */
export const DEFAULT_VECTORIZER: VectorizerSettings = { ngramMax: 1, minDf: 2, maxFeatures: 20000, sublinearTf: true, stopWords: false };

/** The settings a stored run's vectorizer was fitted with (the run keeps them with its vocabulary size); defaults where missing. */
export function vectorizerSettingsOf(stored: Record<string, unknown> | undefined): VectorizerSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_VECTORIZER };
  for (const key of Object.keys(DEFAULT_VECTORIZER)) {
    if (typeof stored?.[key] === typeof settings[key]) settings[key] = stored![key];
  }
  return settings as unknown as VectorizerSettings;
}

/**
 * How long a stored run trained, in its own unit: "36 L-BFGS iterations" or "6 epochs (best: 3)";
 * null when the run recorded no count (a model imported from a package).
 */
export function trainingLength(params: Readonly<Record<string, unknown>>, timings: Readonly<Record<string, number>>): string | null {
  const count = timings.epochs;
  if (!Number.isFinite(count)) return null;
  if (trainingUnit(params) === 'iteration') return `${count} L-BFGS iteration${count === 1 ? '' : 's'}`;
  const best = timings.bestEpoch;
  return `${count} epoch${count === 1 ? '' : 's'}${Number.isFinite(best) && best !== count ? ` (best: ${best})` : ''}`;
}

/** Per-epoch (or, for L-BFGS, per-iteration) series of a training run; the validation ones are empty without a validation split. */
export type Curves = {
  loss: number[];
  valLoss: number[];
  accuracy: number[];
  valAccuracy: number[];
};

/** A stored run's curves: none (`{}`) for a run imported from a model package, which came without them. */
export type RunCurves = Curves | Record<string, never>;

/** Whether the run recorded its curves (it was trained here). */
export function hasCurves(curves: RunCurves): curves is Curves {
  return 'loss' in curves;
}

/** One split's evaluation as stored with a run: the headline metrics plus what the report draws. */
export interface SplitSummary extends SplitMetrics {
  n: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** Rows = true class, columns = predicted. */
  confusion: number[][];
  /** Up to 10 examples per cell [true][predicted]. */
  cellExamples: { key: string; text: string; confidence: number }[][][];
  reliability: { lo: number; hi: number; count: number; confidence: number; accuracy: number }[];
  abstain: { threshold: number; coverage: number; accuracy: number }[];
  perSlice: { sliceId: string; name: string; n: number; accuracy: number; macroF1: number }[];
}

export interface RunEvaluation {
  classes: string[];
  validation: SplitSummary | null;
  test: SplitSummary;
  baseline: { label: string; accuracy: number; macroF1: number; verdict: 'better' | 'not-better'; warning: string | null };
  /**
   * Single-prediction latency of the served forward pass (vectorize + predict one text, as the
   * endpoint does: `serving/inference.ts`), ms; batch throughput, texts/s.
   */
  latency: { p50: number; p95: number; p99: number; mean: number; samples: number; batchPerSecond: number; backend: string };
  /** Linear models only: the heaviest terms per class. */
  topTerms?: { label: string; terms: { term: string; weight: number }[] }[];
}
