/**
 * Binary-outcome metrics for click predictions: log loss, ROC AUC and a reliability table of
 * predicted vs actual CTR. (`eval/` measures multi-class classifiers by their top label; a CTR
 * model is judged by its probability of the positive class, which needs these instead. Its
 * equal-width calibration bins would put nearly every CTR prediction, all below 0.2, into two
 * bins, hence equal-count bins here.)
 */

/** Predictions are clipped to [1e-15, 1 − 1e-15] (scikit-learn's default) before the log. */
export function logLoss(predicted: ArrayLike<number>, clicked: ArrayLike<number>): number {
  const n = predicted.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, predicted[i]));
    sum -= clicked[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}

/**
 * Area under the ROC curve: the probability that a random click scores above a random non-click,
 * ties counting one half (the Mann–Whitney statistic with mid-ranks). NaN without both outcomes.
 */
export function rocAuc(scores: ArrayLike<number>, clicked: ArrayLike<number>): number {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) {
      if (clicked[order[j]]) {
        positives++;
        rankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

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
