/**
 * Metrics of a binary outcome scored by the probability of its positive class (a click, a
 * "current" row in a domain classifier): log loss and ROC AUC. `eval/`'s other metrics judge
 * multi-class classifiers by their top label.
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
