/**
 * Binary-outcome metrics for click predictions: log loss and ROC AUC (from eval/binary.ts) and a
 * reliability table of predicted vs actual CTR. (`eval/` measures multi-class classifiers by their top label; a CTR
 * model is judged by its probability of the positive class, which needs these instead. Its
 * equal-width calibration bins would put nearly every CTR prediction, all below 0.2, into two
 * bins, hence equal-count bins here.)
 */

export { logLoss, rocAuc } from '../../eval/binary';

export interface CalibrationBin {
  /** Smallest and largest prediction in the bin. */
  minPredicted: number;
  maxPredicted: number;
  count: number;
  meanPredicted: number;
  actualCtr: number;
}

/** Equal-count bins by predicted CTR (ties may make bins slightly uneven). */
export function calibrationBins(predicted: ArrayLike<number>, clicked: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const n = predicted.length;
  if (n === 0) return [];
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[a] - predicted[b]);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sum = 0;
    let clicks = 0;
    for (let j = from; j < to; j++) {
      sum += predicted[order[j]];
      clicks += clicked[order[j]] ? 1 : 0;
    }
    out.push({ minPredicted: predicted[order[from]], maxPredicted: predicted[order[to - 1]], count: to - from, meanPredicted: sum / (to - from), actualCtr: clicks / (to - from) });
  }
  return out;
}

/** Count-weighted mean gap |actual − predicted| over the bins (expected calibration error). */
export function calibrationError(bins: readonly CalibrationBin[]): number {
  const n = bins.reduce((s, b) => s + b.count, 0);
  if (n === 0) return NaN;
  return bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.actualCtr - b.meanPredicted), 0);
}
