/**
 * The plain-array inputs every evaluation function shares, and their checks. Nothing here
 * knows about TF.js or the DOM: a worker, a page, the benchmark and a test pass the same arrays.
 */

/** One class index per example, each an integer in 0…k−1 (the position in the class list). */
export type ClassIndices = Int32Array | readonly number[];

/**
 * Predicted class probabilities, n×k row-major: row i holds example i's k probabilities in
 * class-list order. A Float32Array straight from TF.js is the usual case; a Float64Array or a
 * number[] works too and is read at its own precision.
 */
export type ProbabilityMatrix = Float32Array | Float64Array | readonly number[];

/** Throws a RangeError unless k is a whole number ≥ 1. */
export function checkClassCount(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`The number of classes must be a whole number ≥ 1, got ${k}.`);
}

/** Throws a RangeError naming the first entry of `labels` that is not an integer in 0…k−1. */
export function checkClassIndices(labels: ClassIndices, k: number, what: string): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new RangeError(`${what}[${i}] = ${c} is not a class index in 0…${k - 1}.`);
    }
  }
}
