/**
 * Selective prediction: the model answers only when its top-label confidence is at least a
 * threshold t and abstains (hands the example to a person) otherwise. Raising t trades coverage
 * (the share of examples answered) for accuracy on the answered ones.
 *
 * Rule: answered ⇔ confidence ≥ t. So t = 0 answers everything, and a threshold equal to a
 * confidence answers that example.
 */

export interface AbstainPoint {
  /** Confidence threshold t in [0, 1]: examples with confidence ≥ t are answered. */
  threshold: number;
  /** Number of examples answered. */
  answered: number;
  /** answered / n, in [0, 1]; NaN when n = 0. */
  coverage: number;
  /** Correct answers / answered, in [0, 1]; NaN when nothing is answered. */
  accuracy: number;
}

export interface AbstainCurve {
  /** Number of examples. */
  n: number;
  /** One point per threshold of {@link ABSTAIN_GRID}, in grid order (0 first). */
  grid: AbstainPoint[];
  /**
   * The exact curve: one point per distinct confidence value c, at threshold c, in
   * decreasing threshold (so increasing coverage); the last point answers everything.
   */
  exact: AbstainPoint[];
}

/** Thresholds 0, 0.05, …, 0.95 (i / 20, the same doubles as the decimal literals). */
export const ABSTAIN_GRID: readonly number[] = Object.freeze(Array.from({ length: 20 }, (_, i) => i / 20));

/** Count of entries of the ascending array `sorted` that are ≥ t. */
function countAtLeast(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

function point(threshold: number, answered: number, right: number, n: number): AbstainPoint {
  return {
    threshold,
    answered,
    coverage: n === 0 ? NaN : answered / n,
    accuracy: answered === 0 ? NaN : right / answered,
  };
}

/**
 * Coverage and accuracy on the grid and at every distinct confidence. `confidences` are
 * top-label probabilities in [0, 1] and `correct` says whether each top label was right (both
 * length n). O(n log n): the confidences of right and wrong answers are sorted separately.
 */
export function abstentionCurve(confidences: ArrayLike<number>, correct: ArrayLike<number>): AbstainCurve {
  const n = confidences.length;
  if (correct.length !== n) throw new RangeError(`${n} confidences but ${correct.length} correctness flags.`);
  let nRight = 0;
  for (let i = 0; i < n; i++) if (correct[i]) nRight++;
  const right = new Float64Array(nRight);
  const wrong = new Float64Array(n - nRight);
  for (let i = 0, r = 0, w = 0; i < n; i++) {
    if (correct[i]) right[r++] = confidences[i];
    else wrong[w++] = confidences[i];
  }
  right.sort();
  wrong.sort();

  const grid = ABSTAIN_GRID.map((t) => {
    const r = countAtLeast(right, t);
    return point(t, r + countAtLeast(wrong, t), r, n);
  });

  // Walk both arrays from the top, one point per distinct value.
  const exact: AbstainPoint[] = [];
  let r = right.length - 1;
  let w = wrong.length - 1;
  while (r >= 0 || w >= 0) {
    const c = Math.max(r >= 0 ? right[r] : -Infinity, w >= 0 ? wrong[w] : -Infinity);
    while (r >= 0 && right[r] === c) r--;
    while (w >= 0 && wrong[w] === c) w--;
    const rightAnswered = right.length - 1 - r;
    exact.push(point(c, rightAnswered + wrong.length - 1 - w, rightAnswered, n));
  }
  return { n, grid, exact };
}

/**
 * The smallest threshold whose accuracy on the answered examples is ≥ `target` (a ratio in
 * [0, 1]); null when no threshold reaches it. Accuracy is not monotone in t, so this is the
 * highest-coverage way to meet the target. Returns 0 when answering everything already
 * meets it, otherwise the confidence value c of an exact-curve point ("answer when confidence ≥ c").
 * Compared exactly, like success criteria: 9 / 10 meets a target of 0.9.
 */
export function thresholdForAccuracy(curve: Pick<AbstainCurve, 'exact'>, target: number): number | null {
  if (!(target >= 0 && target <= 1)) throw new RangeError(`Target accuracy must be in [0, 1], got ${target}.`);
  for (let i = curve.exact.length - 1; i >= 0; i--) {
    const p = curve.exact[i];
    if (p.accuracy >= target) return i === curve.exact.length - 1 ? 0 : p.threshold;
  }
  return null;
}
