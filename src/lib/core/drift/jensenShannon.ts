/**
 * Jensen–Shannon distance, `scipy.spatial.distance.jensenshannon(p, q, base)`: p and q are
 * normalised to sum 1, m = (p + q)/2, and
 *   JS = √((KL(p‖m) + KL(q‖m)) / 2)   (natural log; divided by ln(base) inside the root if given).
 * Evidently's test (`jensenshannon.py`) calls it on the binned shares of `binning.ts` without
 * zero filling and with base None (natural log) in current versions (base 2 in early ones); drift
 * when the distance ≥ threshold (default 0.1).
 */

/** x·ln(x/y) with scipy's `rel_entr` conventions (0 for x = 0, ∞ for y = 0 < x). */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** Jensen–Shannon distance between two non-negative weight vectors of equal length. */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannon: vectors of length ${p.length} and ${q.length}`);
  let pSum = 0;
  let qSum = 0;
  for (let i = 0; i < p.length; i++) {
    pSum += p[i];
    qSum += q[i];
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / pSum;
    const qi = q[i] / qSum;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(js / 2);
}
