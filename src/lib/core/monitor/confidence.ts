/**
 * The confidence histogram of a monitoring bucket: 10 bins [0, 0.1), [0.1, 0.2), …, [0.9, 1.0]
 * (the last one closed). Bin edges are the decimal literals 0.1 … 0.9, and a confidence goes in
 * bin i exactly when CONFIDENCE_EDGES[i] ≤ confidence < CONFIDENCE_EDGES[i + 1], so "confidence
 * < 0.5" reads off the histogram with no rounding surprise: bins 0…4.
 */

export const CONFIDENCE_BIN_COUNT = 10;

/** Bin edges 0, 0.1, …, 1 as written in decimal (not i / 10 computed). */
export const CONFIDENCE_EDGES: readonly number[] = Object.freeze([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);

/** The bin of a confidence in [0, 1]; throws a RangeError outside it (and for NaN). */
export function confidenceBin(confidence: number): number {
  if (!(confidence >= 0 && confidence <= 1)) throw new RangeError(`Confidence ${confidence} is not in [0, 1].`);
  let i = Math.min(CONFIDENCE_BIN_COUNT - 1, Math.floor(confidence * 10));
  if (confidence < CONFIDENCE_EDGES[i]) i--;
  else if (i < CONFIDENCE_BIN_COUNT - 1 && confidence >= CONFIDENCE_EDGES[i + 1]) i++;
  return i;
}

/**
 * How many bins lie below a low-confidence threshold: thresholds are the inner edges 0.1 … 0.9
 * (`0.1 * 3` is accepted as 0.3). Throws a RangeError for anything else: the histogram cannot
 * answer "below 0.55", nor "below 1.0" (the last bin holds 1.0 itself).
 */
export function binsBelow(threshold: number): number {
  const k = Math.round(threshold * 10);
  if (!(k >= 1 && k < CONFIDENCE_BIN_COUNT && Math.abs(threshold * 10 - k) < 1e-9)) {
    throw new RangeError(`Low-confidence threshold must be one of 0.1, 0.2, …, 0.9; got ${threshold}.`);
  }
  return k;
}
