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

/**
 * The exact curve, column-wise (typed arrays are cheap to build for 100k points and can be
 * transferred from a worker): entry i is the point at threshold `thresholds[i]`. There is one
 * entry per distinct confidence value c, at threshold c, in decreasing threshold (so increasing
 * coverage); the last entry answers everything.
 */
export interface ExactAbstainCurve {
  /** Distinct confidences, descending, in [0, 1]. */
  thresholds: Float64Array;
  /** Examples answered at each threshold. */
  answered: Float64Array;
  /** answered / n, in (0, 1]. */
  coverage: Float64Array;
  /** Accuracy on the answered examples, in [0, 1]. */
  accuracy: Float64Array;
}

export interface AbstainCurve {
  /** Number of examples. */
  n: number;
  /** One point per threshold of {@link ABSTAIN_GRID}, in grid order (0 first). */
  grid: AbstainPoint[];
  exact: ExactAbstainCurve;
}

/** Entry i of the exact curve as a point. */
export function exactPoint(exact: ExactAbstainCurve, i: number): AbstainPoint {
  return { threshold: exact.thresholds[i], answered: exact.answered[i], coverage: exact.coverage[i], accuracy: exact.accuracy[i] };
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

function emptyExact(length: number): ExactAbstainCurve {
  return {
    thresholds: new Float64Array(length),
    answered: new Float64Array(length),
    coverage: new Float64Array(length),
    accuracy: new Float64Array(length),
  };
}

/**
 * Visit the distinct values of two ascending arrays from the largest down: the m-th visit gets
 * value c and how many entries of `right`, and of both arrays, are ≥ c. Returns the number of
 * distinct values. Values are ≥ 0, so −1 stands for an exhausted array.
 */
function walkDistinct(
  right: Float64Array,
  wrong: Float64Array,
  visit: (m: number, c: number, rightAnswered: number, answered: number) => void,
): number {
  let m = 0;
  let r = right.length;
  let w = wrong.length;
  while (r > 0 || w > 0) {
    const topRight = r > 0 ? right[r - 1] : -1;
    const topWrong = w > 0 ? wrong[w - 1] : -1;
    const c = topRight > topWrong ? topRight : topWrong;
    while (r > 0 && right[r - 1] === c) r--;
    while (w > 0 && wrong[w - 1] === c) w--;
    visit(m++, c, right.length - r, right.length - r + wrong.length - w);
  }
  return m;
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
 * length n); a confidence outside [0, 1] (or NaN) throws a RangeError. O(n log n): the
 * confidences of right and wrong answers are sorted separately.
 */
export function abstentionCurve(confidences: ArrayLike<number>, correct: ArrayLike<number>): AbstainCurve {
  const n = confidences.length;
  if (correct.length !== n) throw new RangeError(`${n} confidences but ${correct.length} correctness flags.`);
  let nRight = 0;
  for (let i = 0; i < n; i++) if (correct[i]) nRight++;
  const right = new Float64Array(nRight);
  const wrong = new Float64Array(n - nRight);
  for (let i = 0, r = 0, w = 0; i < n; i++) {
    const c = confidences[i];
    if (!(c >= 0 && c <= 1)) throw new RangeError(`Confidence ${i} is ${c}, not in [0, 1].`);
    if (correct[i]) right[r++] = c;
    else wrong[w++] = c;
  }
  right.sort();
  wrong.sort();

  const grid = ABSTAIN_GRID.map((t) => {
    const r = countAtLeast(right, t);
    return point(t, r + countAtLeast(wrong, t), r, n);
  });

  const exact = emptyExact(walkDistinct(right, wrong, () => {}));
  walkDistinct(right, wrong, (m, c, rightAnswered, answered) => {
    exact.thresholds[m] = c;
    exact.answered[m] = answered;
    exact.coverage[m] = answered / n;
    exact.accuracy[m] = rightAnswered / answered;
  });
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
  const { thresholds, accuracy } = curve.exact;
  const last = thresholds.length - 1;
  for (let i = last; i >= 0; i--) {
    if (accuracy[i] >= target) return i === last ? 0 : thresholds[i];
  }
  return null;
}
