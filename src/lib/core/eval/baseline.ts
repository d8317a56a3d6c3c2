/**
 * Baseline first: before trusting a model, compare it with the dumbest classifier that knows
 * the class mix — always answer the most frequent training class. A model that barely beats
 * it has learned little from the text.
 */
import { classificationReport, confusionMatrix } from './confusion';
import { checkClassCount, checkClassIndices, type ClassIndices } from './labels';

/** The most frequent class index in `trainLabels` (ties → lowest index); null when empty. */
export function majorityClass(trainLabels: ClassIndices, k: number): number | null {
  checkClassCount(k);
  checkClassIndices(trainLabels, k, 'trainLabels');
  if (trainLabels.length === 0) return null;
  const counts = new Int32Array(k);
  for (let i = 0; i < trainLabels.length; i++) counts[trainLabels[i]]++;
  let best = 0;
  for (let c = 1; c < k; c++) if (counts[c] > counts[best]) best = c;
  return best;
}

export interface BaselineEval {
  /** The class the baseline always predicts. */
  classIndex: number;
  className: string;
  /** Examples evaluated. */
  n: number;
  /** Ratio in [0, 1]: the share of the split that belongs to the majority class. NaN when n = 0. */
  accuracy: number;
  /** Macro-F1 with the same conventions as {@link classificationReport}; NaN when n = 0. */
  macroF1: number;
}

/**
 * Evaluate "always predict the training majority class" on a split's true labels `yTrue`.
 * The class comes from the training labels, never from the split itself, so the baseline does
 * not peek at the data it is scored on. Null when there are no training labels.
 */
export function majorityBaseline(
  trainLabels: ClassIndices,
  yTrue: ClassIndices,
  classes: readonly string[],
): BaselineEval | null {
  const classIndex = majorityClass(trainLabels, classes.length);
  if (classIndex === null) return null;
  const report = classificationReport(confusionMatrix(yTrue, new Int32Array(yTrue.length).fill(classIndex), classes.length), classes);
  return { classIndex, className: classes[classIndex], n: yTrue.length, accuracy: report.accuracy, macroF1: report.macro.f1 };
}

export interface Lift {
  /** model − baseline, in the metric's unit (a ratio difference for ratios). */
  absolute: number;
  /** The same difference in percentage points: 100 · (model − baseline). */
  absolutePp: number;
  /** (model − baseline) / baseline: 0.1 = 10 % better; null when the baseline is 0. */
  relative: number | null;
}

/** How far a model's metric is above the baseline's (negative = below). */
export function lift(modelMetric: number, baselineMetric: number): Lift {
  const absolute = modelMetric - baselineMetric;
  return { absolute, absolutePp: absolute * 100, relative: baselineMetric === 0 ? null : absolute / baselineMetric };
}

/** The least accuracy gain over the baseline, in percentage points, that counts as better. */
export const MIN_ACCURACY_GAIN_PP = 1;

/**
 * Slack (as a ratio) for binary rounding when comparing a gain with
 * {@link MIN_ACCURACY_GAIN_PP}: 0.57 − 0.56 is 0.0099999999999999 in doubles. Accuracies on
 * n examples differ by multiples of 1 / n, so for n < 10⁹ the slack never turns a real miss
 * into a pass.
 */
const ROUNDING_SLACK = 1e-9;

export type BaselineVerdict = 'better' | 'not-better';

export interface BaselineComparison {
  verdict: BaselineVerdict;
  accuracyLift: Lift;
  macroF1Lift: Lift;
  /** Why the model is not better, in plain English; null when it is. */
  warning: string | null;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/**
 * Margin rule: the model is 'better' only when its accuracy is at least
 * {@link MIN_ACCURACY_GAIN_PP} percentage point above the baseline's AND its macro-F1 is
 * strictly above the baseline's (so it does more than lean on the majority class). Both must
 * be measured on the same split. Anything else — including NaN (nothing measured) — is
 * 'not-better', with a warning that says which part failed.
 */
export function compareToBaseline(
  model: { accuracy: number; macroF1: number },
  baseline: Pick<BaselineEval, 'className' | 'accuracy' | 'macroF1'>,
): BaselineComparison {
  const accuracyLift = lift(model.accuracy, baseline.accuracy);
  const macroF1Lift = lift(model.macroF1, baseline.macroF1);
  const accuracyOk = accuracyLift.absolute >= MIN_ACCURACY_GAIN_PP / 100 - ROUNDING_SLACK;
  const macroOk = model.macroF1 > baseline.macroF1;
  if (accuracyOk && macroOk) return { verdict: 'better', accuracyLift, macroF1Lift, warning: null };

  const always = `always answering "${baseline.className}"`;
  const problems: string[] = [];
  if (Number.isNaN(model.accuracy) || Number.isNaN(model.macroF1) || Number.isNaN(baseline.accuracy)) {
    problems.push('There are no examples to compare the model with the baseline on.');
  } else {
    if (!accuracyOk) {
      const gap = Math.abs(accuracyLift.absolutePp).toFixed(1);
      const where = accuracyLift.absolute >= 0 ? `only ${gap} pp above` : `${gap} pp below`;
      problems.push(
        `Accuracy ${percent(model.accuracy)} is ${where} ${always} (${percent(baseline.accuracy)}); ` +
          `a useful model should beat it by at least ${MIN_ACCURACY_GAIN_PP} pp.`,
      );
    }
    if (!macroOk) {
      problems.push(
        `Macro-F1 ${model.macroF1.toFixed(3)} is not above the baseline's ${baseline.macroF1.toFixed(3)}: ` +
          'the model does no better on the smaller classes than ignoring them.',
      );
    }
  }
  return { verdict: 'not-better', accuracyLift, macroF1Lift, warning: problems.join(' ') };
}
