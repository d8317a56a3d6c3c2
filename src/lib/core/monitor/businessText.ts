/**
 * The business figures in words, once, for the Monitor tiles, the PM summary view and its
 * Markdown: the same labels and numbers wherever they are shown. Numbers are formatted the
 * same in every browser (en-US grouping), so an exported summary reads the same everywhere.
 */
import type { BusinessFigures } from './businessMetrics';

/** What every form of the figures carries: the page's figures, and the snapshot's summary of them. */
export type BusinessFactsInput = Pick<
  BusinessFigures,
  'unit' | 'threshold' | 'answers' | 'automatic' | 'automaticShare' | 'confirmedRight' | 'caughtWrong' | 'pending' | 'expectedFrom' | 'value' | 'confirmedValue' | 'valuePerDay'
> & {
  /** Net value per day in money; null without money per unit. */
  money: { currency: string; valuePerDay: number | null } | null;
};

export interface BusinessFact {
  label: string;
  value: string;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 1234.56 → "1,234.6"; −0 → "0". */
export function formatAmount(value: number): string {
  return number.format(Object.is(value, -0) || Math.abs(value) < 0.05 ? 0 : value);
}

/** 1234.5, "EUR" → "€1,234.50"; an unknown code falls back to "1,234.5 XYZ". */
export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
  } catch {
    return `${formatAmount(value)} ${currency}`;
  }
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
const count = (n: number) => n.toLocaleString('en-US');

/** Label and value of each figure, in the order they are shown. */
export function businessFacts(f: BusinessFactsInput): BusinessFact[] {
  const perDay = f.valuePerDay === null ? '—' : `${formatAmount(f.valuePerDay)} ${f.unit}`;
  const money = f.money && f.money.valuePerDay !== null ? ` (${formatMoney(f.money.valuePerDay, f.money.currency)})` : '';
  return [
    { label: `Automatic decisions (confidence ≥ ${f.threshold})`, value: `${count(f.automatic)} of ${count(f.answers)} answers (${percent(f.automaticShare)})` },
    { label: 'Wrong automatic decisions caught by outcomes', value: count(f.caughtWrong) },
    { label: 'Right automatic decisions confirmed', value: count(f.confirmedRight) },
    {
      label: `Automatic decisions without an outcome yet (valued at the accuracy ${f.expectedFrom === 'calibration' ? 'their calibrated confidence' : 'their confidence'} predicts)`,
      value: count(f.pending),
    },
    { label: `Estimated value (${f.unit})`, value: `${formatAmount(f.value)} (from known outcomes only: ${formatAmount(f.confirmedValue)})` },
    { label: 'Net value per day', value: `${perDay}${money}` },
  ];
}
