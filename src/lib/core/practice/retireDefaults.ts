/**
 * The retrain-or-retire form: its fields as text, the defaults read off the project's stores
 * (each with where it came from, shown next to it), and the one parse from text to inputs.
 * Accuracies and the decay are entered in percent, money and counts as plain numbers.
 */
import { decisionWorth, type BusinessSettings } from '../monitor/businessValue';
import type { MetricBucket } from '../monitor/buckets';
import type { AgeWeek, DecayFit } from './retireDecay';
import { retireInputsProblem, type RetireInputs } from './retrainOrRetire';

export type RetireField = keyof RetireInputs;
export type RetireForm = Record<RetireField, string>;

/** What the defaults are read from (gathered by db/practice/retireHistory.ts). */
export interface RetireFacts {
  /** The served version's name ("Tickets v2") and its age in weeks since its run was trained. */
  served: { name: string; ageWeeks: number };
  weeks: AgeWeek[];
  fit: DecayFit;
  /** The run's accuracy on its test split; null for an imported model. */
  testAccuracy: number | null;
  /** Vectorizing + training time of the run, ms; null when not measured here. */
  trainingMs: number | null;
  /** Rows of the run's training split. */
  trainRows: number;
  /** Accuracy of the training majority class on the same test split, measured with the run. */
  majorityAccuracy: number | null;
  business: BusinessSettings;
  /** Served predictions over the last `days` days of traffic. */
  traffic: { predictions: number; days: number };
}

const DAY_MS = 86_400_000;
/** Days of traffic the monthly volume is read from. */
export const VOLUME_DAYS = 28;
export const DAYS_PER_MONTH = 365.25 / 12;
export const DEFAULT_HORIZON_MONTHS = 3;

/**
 * Served predictions over the last VOLUME_DAYS days up to `nowMs`, and the days they span: from
 * the first bucket with traffic (a model deployed yesterday is not averaged over four weeks), at
 * least one day.
 */
export function recentTraffic(buckets: readonly MetricBucket[], nowMs: number): { predictions: number; days: number } {
  const from = nowMs - VOLUME_DAYS * DAY_MS;
  let predictions = 0;
  let first = Infinity;
  for (const b of buckets) {
    if (b.start < from || b.start >= nowMs || b.requests === 0) continue;
    predictions += b.requests;
    first = Math.min(first, b.start);
  }
  const days = predictions ? Math.max(1, (nowMs - first) / DAY_MS) : VOLUME_DAYS;
  return { predictions, days };
}

const percent = (ratio: number) => String(Math.round(ratio * 10_000) / 100);
const plain = (x: number, digits = 2) => String(Math.round(x * 10 ** digits) / 10 ** digits);

/** The form filled from the stores, and where each value came from. */
export function retireDefaults(f: RetireFacts): { form: RetireForm; sources: Record<RetireField, string> } {
  const latest = f.weeks.at(-1);
  const now =
    f.fit.ok ? { v: f.fit.accuracyNow, s: `the fitted line at week ${plain(f.served.ageWeeks, 1)} of age` }
    : latest?.accuracy != null ? { v: latest.accuracy, s: `week ${latest.week} of age: ${latest.correct} right of ${latest.labelled} outcomes` }
    : f.testAccuracy !== null ? { v: f.testAccuracy, s: 'no outcomes yet: the test accuracy' }
    : { v: null, s: 'no outcomes and no test accuracy: enter it' };
  const fresh =
    f.testAccuracy !== null ? { v: f.testAccuracy, s: 'the served run’s test accuracy' }
    : f.fit.ok ? { v: f.fit.accuracyAtStart, s: 'the fitted line at age 0' }
    : { v: null, s: 'not measured here: enter it' };
  const b = f.business;
  const worth = decisionWorth(b);
  const value = worth.valueRight + worth.costWrong;
  const perDay = f.traffic.predictions / f.traffic.days;
  const form: RetireForm = {
    accuracyNow: now.v === null ? '' : percent(now.v),
    accuracyFresh: fresh.v === null ? '' : percent(fresh.v),
    decayPerWeek: f.fit.ok ? percent(Math.max(0, f.fit.decayPerWeek)) : '',
    trainingHours: f.trainingMs === null ? '' : String(Number((f.trainingMs / 3_600_000).toPrecision(3))),
    computePricePerHour: '0',
    labellingCostPerRow: '0',
    rowsToLabel: String(f.trainRows),
    valuePerCorrect: plain(value, 4),
    monthlyVolume: String(Math.round(perDay * DAYS_PER_MONTH)),
    upkeepPerMonth: '0',
    fallbackAccuracy: f.majorityAccuracy === null ? '' : percent(f.majorityAccuracy),
    horizonMonths: String(DEFAULT_HORIZON_MONTHS),
  };
  const sources: Record<RetireField, string> = {
    accuracyNow: now.s,
    accuracyFresh: fresh.s,
    decayPerWeek: f.fit.ok
      ? `fitted on ${f.fit.weeks} weeks, ${f.fit.outcomes.toLocaleString('en-US')} outcomes${f.fit.decayPerWeek < 0 ? ' (accuracy rose: no decay)' : ''}`
      : f.fit.reason,
    trainingHours: f.trainingMs === null ? 'not measured here: enter it' : `the served run: ${plain(f.trainingMs / 1000, 1)} s`,
    computePricePerHour: 'your price',
    labellingCostPerRow: 'your price',
    rowsToLabel: 'as many fresh rows as the run trained on',
    valuePerCorrect: b.valueRight + b.costWrong > 0
      ? `business value: ${b.valueRight} ${b.unit} earned + ${b.costWrong} ${b.unit} not lost${b.moneyPerUnit === null ? '' : ` × ${b.moneyPerUnit} ${b.currency}`}`
      : 'no business value set (Frame stage)',
    monthlyVolume: `${f.traffic.predictions.toLocaleString('en-US')} predictions over ${plain(f.traffic.days, 1)} day${plain(f.traffic.days, 1) === '1' ? '' : 's'}`,
    upkeepPerMonth: 'serving and upkeep, yours to enter',
    fallbackAccuracy: f.majorityAccuracy === null ? 'evaluate a fallback below' : 'the majority class on the test split, measured with the run',
    horizonMonths: 'how far ahead to weigh',
  };
  return { form, sources };
}

const PERCENT_FIELDS: ReadonlySet<RetireField> = new Set(['accuracyNow', 'accuracyFresh', 'decayPerWeek', 'fallbackAccuracy']);

/** The form's fields in words, for messages and labels. */
export const RETIRE_FIELD_WORDS: Readonly<Record<RetireField, string>> = {
  accuracyNow: 'Accuracy now (%)',
  accuracyFresh: 'Accuracy after retraining (%)',
  decayPerWeek: 'Accuracy lost per week (points)',
  trainingHours: 'Training time per retraining (hours)',
  computePricePerHour: 'Compute price per hour',
  labellingCostPerRow: 'Labelling cost per row',
  rowsToLabel: 'Rows to label per retraining',
  valuePerCorrect: 'Value of one more correct prediction',
  monthlyVolume: 'Predictions per month',
  upkeepPerMonth: 'Monthly upkeep of the model',
  fallbackAccuracy: 'Fallback accuracy (%)',
  horizonMonths: 'Horizon (months)',
};

/** The inputs in `form`, or the first problem (an empty field, text that is not a number, a value out of range). */
export function parseRetireForm(form: RetireForm): { ok: true; inputs: RetireInputs } | { ok: false; message: string } {
  const values = {} as Record<RetireField, number | null>;
  for (const field of Object.keys(RETIRE_FIELD_WORDS) as RetireField[]) {
    const text = (form[field] ?? '').trim();
    if (!text) {
      if (field === 'decayPerWeek') {
        values[field] = null;
        continue;
      }
      return { ok: false, message: `${RETIRE_FIELD_WORDS[field]} is empty: enter a number.` };
    }
    const n = Number(text);
    if (!Number.isFinite(n)) return { ok: false, message: `${RETIRE_FIELD_WORDS[field]}: “${text}” is not a number.` };
    values[field] = PERCENT_FIELDS.has(field) ? n / 100 : n;
  }
  const inputs = values as RetireInputs;
  const problem = retireInputsProblem(inputs);
  return problem ? { ok: false, message: problem } : { ok: true, inputs };
}
