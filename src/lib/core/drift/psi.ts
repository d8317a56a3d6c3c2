/**
 * Population Stability Index as Evidently computes it (`psi.py`): on the binned shares of
 * `binning.ts` with zero shares filled,
 *   PSI = Σᵢ (refᵢ − curᵢ) · ln(refᵢ / curᵢ).
 * Drift when PSI ≥ threshold (default 0.1).
 */

/** PSI of two share vectors of equal length, all shares > 0. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  if (reference.length !== current.length) throw new RangeError(`psi: ${reference.length} reference bins but ${current.length} current bins`);
  let total = 0;
  for (let i = 0; i < reference.length; i++) total += (reference[i] - current[i]) * Math.log(reference[i] / current[i]);
  return total;
}
