/**
 * Confusion matrix and the per-class / averaged precision, recall and F1 read from it, with
 * scikit-learn's definitions (`confusion_matrix`, `classification_report`,
 * `precision_recall_fscore_support`, `f1_score`) so numbers agree with a notebook.
 *
 * Conventions, all as scikit-learn with `zero_division=0` and `labels=None`:
 * - precision_c = TP / (TP + FP), recall_c = TP / (TP + FN),
 *   F1_c = 2·TP / (2·TP + FP + FN) (the harmonic mean of P and R whenever both are defined).
 *   Any of these whose denominator is 0 is 0: a class never predicted has precision 0, a class
 *   with no true examples has recall 0, and one that is neither has F1 0.
 * - Averages run over the *present* classes: those with at least one true or one predicted
 *   example (scikit-learn's `unique_labels(y_true, y_pred)`). A class in the list that occurs in
 *   neither is reported with zeros but left out of the macro average, where it would only
 *   drag the mean down for a class nobody asked about.
 * - macro = unweighted mean of the per-class values; weighted = mean weighted by support
 *   (true count); micro = from summed counts, which for single-label data is the accuracy for
 *   precision, recall and F1 alike.
 * - Over zero examples every aggregate (accuracy and all averages) is NaN, "not measured",
 *   which success criteria read as unmeasured; per-class values stay 0.
 */
import { checkClassCount, checkClassIndices, type ClassIndices } from './labels';

/** k×k counts: `cm[t][p]` = examples of true class t predicted as class p. */
export type ConfusionMatrix = number[][];

/**
 * Count (true, predicted) pairs. Both arrays hold class indices in 0…k−1 and have the same
 * length; anything else throws a RangeError.
 */
export function confusionMatrix(yTrue: ClassIndices, yPred: ClassIndices, k: number): ConfusionMatrix {
  checkClassCount(k);
  if (yTrue.length !== yPred.length) throw new RangeError(`${yTrue.length} true labels but ${yPred.length} predictions.`);
  checkClassIndices(yTrue, k, 'yTrue');
  checkClassIndices(yPred, k, 'yPred');
  const flat = new Int32Array(k * k);
  for (let i = 0; i < yTrue.length; i++) flat[yTrue[i] * k + yPred[i]]++;
  return Array.from({ length: k }, (_, t) => Array.from(flat.subarray(t * k, (t + 1) * k)));
}

/** One class's row of the report. Ratios in [0, 1]; counts are numbers of examples. */
export interface ClassScores {
  className: string;
  precision: number;
  recall: number;
  f1: number;
  /** True examples of the class (the row sum). */
  support: number;
  /** Examples predicted as the class (the column sum). */
  predicted: number;
  /** Whether the class counts in the averages: support > 0 or predicted > 0. */
  present: boolean;
}

/** An averaged row; `support` is the number of examples, as in scikit-learn's report. */
export interface AverageScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  /** One entry per class, in class-list order, absent classes included. */
  perClass: ClassScores[];
  /** Correct / total, in [0, 1]; NaN for zero examples. */
  accuracy: number;
  /** Number of examples (the matrix total). */
  n: number;
  macro: AverageScores;
  micro: AverageScores;
  weighted: AverageScores;
}

/** a / b, or 0 when b is 0 (scikit-learn's zero_division=0). */
function ratioOrZero(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function checkMatrix(cm: ConfusionMatrix, k: number): void {
  if (cm.length !== k || cm.some((row) => row.length !== k)) {
    throw new RangeError(`The confusion matrix must be ${k}×${k} to match ${k} class names.`);
  }
}

/** Per-class and averaged precision, recall and F1 from a confusion matrix (see the file comment). */
export function classificationReport(cm: ConfusionMatrix, classes: readonly string[]): ClassificationReport {
  const k = classes.length;
  checkClassCount(k);
  checkMatrix(cm, k);
  const predictedCounts = new Array<number>(k).fill(0);
  let n = 0;
  let correct = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      predictedCounts[p] += cm[t][p];
      n += cm[t][p];
    }
    correct += cm[t][t];
  }

  const perClass: ClassScores[] = classes.map((className, c) => {
    const tp = cm[c][c];
    const support = cm[c].reduce((sum, v) => sum + v, 0);
    const predicted = predictedCounts[c];
    return {
      className,
      precision: ratioOrZero(tp, predicted),
      recall: ratioOrZero(tp, support),
      f1: ratioOrZero(2 * tp, support + predicted),
      support,
      predicted,
      present: support > 0 || predicted > 0,
    };
  });

  const present = perClass.filter((s) => s.present);
  const mean = (pick: (s: ClassScores) => number): number =>
    present.length === 0 ? NaN : present.reduce((sum, s) => sum + pick(s), 0) / present.length;
  const weightedMean = (pick: (s: ClassScores) => number): number =>
    n === 0 ? NaN : present.reduce((sum, s) => sum + s.support * pick(s), 0) / n;
  const accuracy = n === 0 ? NaN : correct / n;

  return {
    perClass,
    accuracy,
    n,
    macro: { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), support: n },
    micro: { precision: accuracy, recall: accuracy, f1: accuracy, support: n },
    weighted: {
      precision: weightedMean((s) => s.precision),
      recall: weightedMean((s) => s.recall),
      f1: weightedMean((s) => s.f1),
      support: n,
    },
  };
}
