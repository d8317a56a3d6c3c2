/**
 * The business figures of a bucket (a chart step, or a whole window merged), from its
 * `confidenceTallies` and the project's settings (businessValue.ts). Served answers only.
 *
 * - Automatic decisions: answers with confidence ≥ the threshold (the tallies' hundredth bins
 *   from the threshold up, so the count is exact for any threshold in hundredths).
 * - Caught wrong / confirmed right: automatic decisions whose outcome arrived (feedback or a
 *   label given in the app) and differs from / equals the prediction.
 * - Decisions without an outcome yet are counted at their expected accuracy: per confidence band,
 *   the served run's calibrated accuracy (cbpe.ts) when one is known, else the confidence itself
 *   (the bin's middle). So the estimated value = (confirmed right + expected right of the rest)
 *   × value − (caught wrong + expected wrong of the rest) × cost. The confirmed value counts
 *   outcomes only (a floor while feedback is slow).
 * - Net value per day scales the estimated value by the span's length: a 1-hour window × 24.
 * - Answers in buckets written before tallies existed are left out and counted in `untallied`.
 */
import type { MetricBucket } from './buckets';
import { CONFIDENCE_BIN_COUNT } from './confidence';
import { TALLY_BIN_COUNT } from './confidenceTallies';
import { thresholdHundredths, type BusinessSettings } from './businessValue';

export const DAY_MS = 86_400_000;

export interface BusinessFigures {
  /** Span, ms since the epoch: [from, to). */
  from: number;
  to: number;
  threshold: number;
  /** Served answers with tallies. */
  answers: number;
  /** Served answers in older buckets without tallies, left out of every figure. */
  untallied: number;
  /** Answers with confidence ≥ threshold. */
  automatic: number;
  /** automatic / answers; null without answers. */
  automaticShare: number | null;
  /** Automatic decisions an outcome confirmed. */
  confirmedRight: number;
  /** Automatic decisions an outcome showed wrong. */
  caughtWrong: number;
  /** Automatic decisions without an outcome yet. */
  pending: number;
  /** Of `pending`, how many are expected right (see the file comment). */
  pendingExpectedRight: number;
  /** Where that expectation came from. */
  expectedFrom: 'calibration' | 'confidence';
  /** confirmedRight + pendingExpectedRight. */
  estimatedRight: number;
  /** caughtWrong + pending − pendingExpectedRight. */
  estimatedWrong: number;
  /** estimatedRight × value − estimatedWrong × cost, in the unit. */
  value: number;
  /** confirmedRight × value − caughtWrong × cost, in the unit. */
  confirmedValue: number;
  /** `value` per 24 h of the span; null without answers. */
  valuePerDay: number | null;
  unit: string;
  /** The same in money, when the settings give money per unit. */
  money: { currency: string; value: number; valuePerDay: number | null } | null;
}

/**
 * The figures of `bucket` under `settings`. `calibration` is the served run's accuracy per
 * confidence band (cbpe.ts `calibrationMap`, 10 entries); without it, confidence stands in.
 */
export function businessFigures(bucket: MetricBucket, settings: BusinessSettings, calibration: readonly number[] | null = null): BusinessFigures {
  const from = thresholdHundredths(settings.threshold);
  if (from === null) throw new RangeError(`Threshold ${settings.threshold} is not a hundredth in 0.01 … 0.99.`);
  if (calibration && calibration.length !== CONFIDENCE_BIN_COUNT) throw new RangeError(`${calibration.length} calibration bands; expected ${CONFIDENCE_BIN_COUNT}.`);
  const perBand = TALLY_BIN_COUNT / CONFIDENCE_BIN_COUNT;
  let answers = 0;
  let automatic = 0;
  let confirmedRight = 0;
  let caughtWrong = 0;
  let pending = 0;
  let pendingExpectedRight = 0;
  const t = bucket.confidenceTallies;
  for (let bin = 0; t && bin < TALLY_BIN_COUNT; bin++) {
    const n = t.answered[bin];
    answers += n;
    if (bin < from || n === 0) continue;
    const labelled = t.labelled[bin];
    const correct = t.correct[bin];
    automatic += n;
    confirmedRight += correct;
    caughtWrong += labelled - correct;
    const open = n - labelled;
    pending += open;
    pendingExpectedRight += open * (calibration ? calibration[Math.floor(bin / perBand)] : (bin + 0.5) / TALLY_BIN_COUNT);
  }
  const estimatedRight = confirmedRight + pendingExpectedRight;
  const estimatedWrong = caughtWrong + pending - pendingExpectedRight;
  const value = estimatedRight * settings.valueRight - estimatedWrong * settings.costWrong;
  const valuePerDay = answers === 0 ? null : (value * DAY_MS) / bucket.sizeMs;
  const m = settings.moneyPerUnit;
  return {
    from: bucket.start,
    to: bucket.start + bucket.sizeMs,
    threshold: settings.threshold,
    answers,
    untallied: Math.max(0, bucket.answered - answers),
    automatic,
    automaticShare: answers === 0 ? null : automatic / answers,
    confirmedRight,
    caughtWrong,
    pending,
    pendingExpectedRight,
    expectedFrom: calibration ? 'calibration' : 'confidence',
    estimatedRight,
    estimatedWrong,
    value,
    confirmedValue: confirmedRight * settings.valueRight - caughtWrong * settings.costWrong,
    valuePerDay,
    unit: settings.unit,
    money: m === null ? null : { currency: settings.currency, value: value * m, valuePerDay: valuePerDay === null ? null : valuePerDay * m },
  };
}
