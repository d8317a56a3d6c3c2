/**
 * Reference and current shares of a column on common bins, for an overlaid histogram: the bins
 * of the distance tests (`binning.ts`: Sturges range bins for numeric columns with > 20 distinct
 * reference values, else one bin per value), shares without zero filling. Categorical columns
 * list their categories by combined count, most frequent first, and fold everything past
 * `MAX_CHART_CATEGORIES` into one "Other" bar so the chart stays readable; numeric values stay
 * in ascending order. Plain arrays, so a report can be stored and exported as JSON.
 */
import { binnedShares } from './binning';
import type { PreparedColumn } from './statTests';

export const MAX_CHART_CATEGORIES = 30;

export type ColumnHistogram =
  | {
      type: 'range';
      /** Bin edges, ascending; bin i is [edges[i], edges[i+1]), the last one closed. */
      edges: number[];
      reference: number[];
      current: number[];
    }
  | {
      type: 'values';
      /** One label per bar. */
      categories: string[];
      reference: number[];
      current: number[];
      /** How many categories the last ("Other …") bar folds together; 0 when none. */
      otherCount: number;
    };

export function columnHistogram(column: PreparedColumn): ColumnHistogram {
  const shares = binnedShares(column, false);
  const reference = Array.from(shares.reference);
  const current = Array.from(shares.current);
  if (shares.bins.type === 'range') return { type: 'range', edges: Array.from(shares.bins.edges), reference, current };
  const labels = shares.bins.categories.map(String);
  if (column.kind === 'numeric') return { type: 'values', categories: labels, reference, current, otherCount: 0 };
  const nRef = column.reference.length;
  const nCur = column.current.length;
  const weight = (i: number) => reference[i] * nRef + current[i] * nCur;
  const order = labels.map((_, i) => i).sort((a, b) => weight(b) - weight(a) || a - b);
  if (order.length <= MAX_CHART_CATEGORIES) {
    return { type: 'values', categories: order.map((i) => labels[i]), reference: order.map((i) => reference[i]), current: order.map((i) => current[i]), otherCount: 0 };
  }
  const shown = order.slice(0, MAX_CHART_CATEGORIES - 1);
  const rest = order.slice(MAX_CHART_CATEGORIES - 1);
  const restSum = (values: number[]) => rest.reduce((s, i) => s + values[i], 0);
  return {
    type: 'values',
    categories: [...shown.map((i) => labels[i]), `Other (${rest.length})`],
    reference: [...shown.map((i) => reference[i]), restSum(reference)],
    current: [...shown.map((i) => current[i]), restSum(current)],
    otherCount: rest.length,
  };
}
