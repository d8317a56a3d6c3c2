/**
 * Champion against challenger on the SAME rows: accuracy, macro F1, per class and per slice for
 * each, the rows only one of them gets right, and McNemar's exact test on those (mcnemar.ts).
 * Retraining runs it twice — on the original test split and on the recent production holdout —
 * and stores the result with the challenger's run (`RunRecord.challenge`), where the page and the
 * promotion step read it.
 */
import { matchesSlice, type Slice, type SliceRow } from '../data/slices';
import { compareLabels } from '../compare';
import { classificationReport, confusionMatrix } from '../eval/confusion';
import { mcnemarTest, MCNEMAR_ALPHA, type McNemarResult } from './mcnemar';

/** One model's scores on the compared rows. Ratios in [0, 1]; NaN over zero rows. */
export interface ModelScores {
  accuracy: number;
  macroF1: number;
  /** Every class among the true labels or either model's predictions, in label order (the same list for both models). */
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

/** A slice's rows scored for both models. */
export interface SliceComparison {
  sliceId: string;
  name: string;
  n: number;
  champion: { accuracy: number; macroF1: number };
  challenger: { accuracy: number; macroF1: number };
}

export interface PairedComparison {
  /** Rows both models predicted. */
  n: number;
  champion: ModelScores;
  challenger: ModelScores;
  bothRight: number;
  bothWrong: number;
  /** McNemar's test: b = champion right and challenger wrong, c = the other way round. */
  mcnemar: McNemarResult;
  perSlice: SliceComparison[];
}

/** What a retrain stores with the challenger's run. */
export interface ChallengerComparison {
  /** The champion it was compared with: model version id and "name vN". */
  championVersionId: string;
  championName: string;
  /** The champion's run, whose family, parameters and seed were reused. */
  championRunId: string;
  /** The dataset version the challenger trained on. */
  datasetVersionId: string;
  datasetVersionNumber: number;
  /** (a) Rows that were test in the champion's data; null when there are none. */
  originalTest: PairedComparison | null;
  /** (b) Test rows the champion never learned from or was judged on, placed in test by time; null when there are none. */
  recentHoldout: PairedComparison | null;
  /** What the challenger learned from and was judged on, in words (retrainSplit's trainedOnWords). */
  split: string;
  alpha: number;
}

export interface CompareInput {
  /** The compared rows (labelled), aligned with both prediction lists. */
  rows: readonly (SliceRow & { label: string | null })[];
  champion: readonly string[];
  challenger: readonly string[];
  slices?: readonly Slice[];
  alpha?: number;
}

function scores(truth: readonly number[], predicted: readonly number[], classes: readonly string[]): ModelScores {
  const report = classificationReport(confusionMatrix(truth, predicted, classes.length), classes);
  return {
    accuracy: report.accuracy,
    macroF1: report.macro.f1,
    perClass: report.perClass.map((c) => ({ label: c.className, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
  };
}

/** Scores both models on the same rows and tests the difference; throws when the lists do not line up. */
export function compareOnRows(input: CompareInput): PairedComparison {
  const { rows, champion, challenger } = input;
  if (champion.length !== rows.length || challenger.length !== rows.length) {
    throw new RangeError(`Both models must predict every row: ${rows.length} rows, ${champion.length} and ${challenger.length} predictions.`);
  }
  if (rows.some((r) => r.label === null)) throw new RangeError('Only labelled rows can be compared.');
  const classes = [...new Set([...rows.map((r) => r.label!), ...champion, ...challenger])].sort(compareLabels);
  const index = new Map(classes.map((c, i) => [c, i]));
  const truth = rows.map((r) => index.get(r.label!)!);
  const a = champion.map((l) => index.get(l)!);
  const b = challenger.map((l) => index.get(l)!);
  let bothRight = 0;
  let bothWrong = 0;
  let championOnly = 0;
  let challengerOnly = 0;
  truth.forEach((t, i) => {
    const ra = a[i] === t;
    const rb = b[i] === t;
    if (ra && rb) bothRight++;
    else if (ra) championOnly++;
    else if (rb) challengerOnly++;
    else bothWrong++;
  });
  const perSlice = (input.slices ?? []).map((slice): SliceComparison => {
    const members = truth.flatMap((_, i) => (matchesSlice(rows[i], slice) ? [i] : []));
    const pick = (xs: readonly number[]) => members.map((i) => xs[i]);
    const part = (predicted: readonly number[]) => {
      const s = scores(pick(truth), pick(predicted), classes);
      return { accuracy: s.accuracy, macroF1: s.macroF1 };
    };
    return { sliceId: slice.id, name: slice.name, n: members.length, champion: part(a), challenger: part(b) };
  });
  return {
    n: rows.length,
    champion: scores(truth, a, classes),
    challenger: scores(truth, b, classes),
    bothRight,
    bothWrong,
    mcnemar: mcnemarTest(championOnly, challengerOnly, input.alpha ?? MCNEMAR_ALPHA),
    perSlice,
  };
}
