/**
 * Evaluate a classifier on one split in a single pass over plain arrays, and turn the results
 * into the measured metrics that success criteria are checked against.
 */
import type { MeasuredMetrics, MetricId, Split } from '../lifecycle/criteria';
import { matchesSlice, type Slice, type SliceRow } from '../data/slices';
import { abstentionCurve, type AbstainCurve } from './abstain';
import { expectedCalibrationError, reliabilityFromConfidences, type ReliabilityDiagram } from './calibration';
import { classificationReport, confusionMatrix, type ClassificationReport, type ConfusionMatrix } from './confusion';
import type { ClassIndices, ProbabilityMatrix } from './labels';
import type { LatencySummary } from './latency';
import { correctness, topLabel } from './topLabel';

export interface EvaluateSplitInput {
  /** Class names; index c of every array below refers to classes[c]. */
  classes: readonly string[];
  /** True class index per example, length n. */
  yTrue: ClassIndices;
  /** Predicted probabilities, n×k row-major (k = classes.length). */
  probs: ProbabilityMatrix;
  /** The examples' rows (label / split / meta), aligned with yTrue; needed only for slices. */
  rows?: readonly SliceRow[];
  /** Segments to score separately; each needs `rows`. */
  slices?: readonly Slice[];
  /** Reliability-diagram bins (equal width); default 10. ECE depends on it. */
  calibrationBins?: number;
}

export interface SliceEval {
  sliceId: string;
  name: string;
  /** Examples of the split in the slice. */
  n: number;
  /** Ratio in [0, 1]; NaN when n = 0. */
  accuracy: number;
  /** Macro-F1 over the classes present in the slice; NaN when n = 0. */
  macroF1: number;
}

/**
 * Everything measured on one split. Ratios are in [0, 1]; an aggregate over zero examples is
 * NaN (it serialises to null in JSON and criteria read it as unmeasured).
 */
export interface SplitEval {
  n: number;
  accuracy: number;
  macroF1: number;
  microF1: number;
  weightedF1: number;
  precisionMacro: number;
  recallMacro: number;
  /** Expected calibration error of the top label over `reliability`'s bins. */
  ece: number;
  confusion: ConfusionMatrix;
  report: ClassificationReport;
  reliability: ReliabilityDiagram;
  abstain: AbstainCurve;
  perSlice: SliceEval[];
  /** Arg-max class per example (ties → lowest index). */
  predictions: Int32Array;
  /** The predicted class's probability per example (rounded to float32 for Float64 or number[] input). */
  confidences: Float32Array;
}

function sliceEval(slice: Slice, rows: readonly SliceRow[], yTrue: ClassIndices, predictions: Int32Array, classes: readonly string[]): SliceEval {
  const k = classes.length;
  const flat = new Int32Array(k * k);
  for (let i = 0; i < rows.length; i++) {
    if (matchesSlice(rows[i], slice)) flat[yTrue[i] * k + predictions[i]]++;
  }
  const confusion = Array.from({ length: k }, (_, t) => Array.from(flat.subarray(t * k, (t + 1) * k)));
  const report = classificationReport(confusion, classes);
  return { sliceId: slice.id, name: slice.name, n: report.n, accuracy: report.accuracy, macroF1: report.macro.f1 };
}

/**
 * Score probabilities against true labels: confusion matrix, scikit-learn-compatible report,
 * calibration, abstention curve and per-slice accuracy / macro-F1. Throws a RangeError when the
 * shapes disagree, a label is not a class index or a probability is outside [0, 1].
 */
export function evaluateSplit(input: EvaluateSplitInput): SplitEval {
  const { classes, yTrue, probs, rows, slices = [] } = input;
  const k = classes.length;
  const { predictions, confidences } = topLabel(probs, k);
  if (yTrue.length !== predictions.length) {
    throw new RangeError(`${yTrue.length} true labels but ${predictions.length} rows of probabilities.`);
  }
  if (slices.length > 0 && !rows) throw new RangeError('Slices need the rows they select from.');
  if (rows && rows.length !== yTrue.length) throw new RangeError(`${rows.length} rows but ${yTrue.length} true labels.`);

  const confusion = confusionMatrix(yTrue, predictions, k);
  const report = classificationReport(confusion, classes);
  const correct = correctness(yTrue, predictions);
  const reliability = reliabilityFromConfidences(confidences, correct, input.calibrationBins ?? 10);
  return {
    n: yTrue.length,
    accuracy: report.accuracy,
    macroF1: report.macro.f1,
    microF1: report.micro.f1,
    weightedF1: report.weighted.f1,
    precisionMacro: report.macro.precision,
    recallMacro: report.macro.recall,
    ece: expectedCalibrationError(reliability),
    confusion,
    report,
    reliability,
    abstain: abstentionCurve(confidences, correct),
    perSlice: rows ? slices.map((s) => sliceEval(s, rows, yTrue, predictions, classes)) : [],
    predictions,
    confidences: Float32Array.from(confidences),
  };
}

/** The headline numbers of a split, as stored with a run; a full {@link SplitEval} fits. */
export type SplitMetrics = Pick<
  SplitEval,
  'accuracy' | 'macroF1' | 'microF1' | 'weightedF1' | 'precisionMacro' | 'recallMacro' | 'ece'
>;

/** Which SplitMetrics field feeds which criterion metric. */
export const SPLIT_METRIC_IDS: readonly (readonly [keyof SplitMetrics, MetricId])[] = [
  ['accuracy', 'accuracy'],
  ['macroF1', 'macro_f1'],
  ['microF1', 'micro_f1'],
  ['weightedF1', 'weighted_f1'],
  ['precisionMacro', 'precision_macro'],
  ['recallMacro', 'recall_macro'],
  ['ece', 'ece'],
];

export interface MeasuredMetricsOptions {
  /**
   * The split whose latency criteria the `latency` argument answers. Default 'test': latency
   * timed offline (the model scoring held-out examples in this browser) is a property of that
   * evaluation, not of live traffic. Pass 'production' only for samples taken from the
   * deployed endpoint (its prediction log), so that "p99 latency on production ≤ 200 ms"
   * cannot pass before anything is deployed.
   */
  latencySplit?: Split;
}

/**
 * Measured metrics for `evaluateCriteria` (lifecycle/criteria.ts): each split's accuracy, macro_f1, micro_f1,
 * weighted_f1, precision_macro, recall_macro and ece, plus latency_p50_ms / p95 / p99 (ms) under
 * `options.latencySplit` (default 'test', see {@link MeasuredMetricsOptions}). NaN values (zero
 * examples) are left out, so the criteria on them read as unmeasured.
 */
export function toMeasuredMetrics(
  bySplit: { train?: SplitMetrics; validation?: SplitMetrics; test?: SplitMetrics },
  latency?: Pick<LatencySummary, 'p50' | 'p95' | 'p99'>,
  options: MeasuredMetricsOptions = {},
): MeasuredMetrics {
  const measured: MeasuredMetrics = {};
  for (const split of ['train', 'validation', 'test'] as const) {
    const metrics = bySplit[split];
    if (!metrics) continue;
    const values: Partial<Record<MetricId, number>> = {};
    for (const [field, id] of SPLIT_METRIC_IDS) {
      if (Number.isFinite(metrics[field])) values[id] = metrics[field];
    }
    measured[split] = values;
  }
  if (latency) {
    const split = options.latencySplit ?? 'test';
    const values: Partial<Record<MetricId, number>> = { ...measured[split] };
    const entries = [['latency_p50_ms', latency.p50], ['latency_p95_ms', latency.p95], ['latency_p99_ms', latency.p99]] as const;
    for (const [id, ms] of entries) if (Number.isFinite(ms)) values[id] = ms;
    measured[split] = values;
  }
  return measured;
}
