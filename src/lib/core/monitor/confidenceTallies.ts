/**
 * Answers, labelled answers and right answers per confidence hundredth: what a minute bucket
 * keeps so the business figures can be read for ANY automatic-decision threshold 0.01 … 0.99
 * after the fact (the threshold is a setting that changes; the tallies do not depend on it).
 * Hundred bins [0, 0.01), …, [0.99, 1.0] (the last one closed), edges i / 100 (the same numbers
 * as the decimal literals), so "confidence ≥ 0.8" is exactly bins 80 … 99.
 *
 * Dense arrays, like the bucket's histograms: merging a week of minute buckets is then three
 * additions of 100 numbers per bucket. Measured on the 1M-prediction bench (10 080 buckets with
 * ~50 bins each): sparse objects keyed by bin cost ~150 ms per merge pass, dense ~5 ms. Snapshots
 * keep only the non-empty bins (snapshot/bucketEncoding.ts).
 */

export const TALLY_BIN_COUNT = 100;

export interface ConfidenceTallies {
  /** Served answers per bin; {@link TALLY_BIN_COUNT} counts. */
  answered: number[];
  /** Of those, answers with ground truth. */
  labelled: number[];
  /** Of those, answers whose label equals the ground truth. */
  correct: number[];
}

export function emptyTallies(): ConfidenceTallies {
  // Packed (not holey) arrays of small integers: the fastest arrays to add up.
  const zeros = () => Array.from({ length: TALLY_BIN_COUNT }, () => 0);
  return { answered: zeros(), labelled: zeros(), correct: zeros() };
}

/** The hundredth bin of a confidence in [0, 1]; throws a RangeError outside it (and for NaN). */
export function tallyBin(confidence: number): number {
  if (!(confidence >= 0 && confidence <= 1)) throw new RangeError(`Confidence ${confidence} is not in [0, 1].`);
  let i = Math.min(TALLY_BIN_COUNT - 1, Math.floor(confidence * TALLY_BIN_COUNT));
  if (confidence < i / TALLY_BIN_COUNT) i--;
  else if (i < TALLY_BIN_COUNT - 1 && confidence >= (i + 1) / TALLY_BIN_COUNT) i++;
  return i;
}

/** Count one answer (and its outcome, when known) in `tallies` (mutated). */
export function tallyAnswer(tallies: ConfidenceTallies, confidence: number, outcome: 'right' | 'wrong' | null): void {
  const i = tallyBin(confidence);
  tallies.answered[i]++;
  if (outcome !== null) {
    tallies.labelled[i]++;
    if (outcome === 'right') tallies.correct[i]++;
  }
}

/** Count an outcome that arrived after its answer was tallied (mutated). */
export function tallyOutcome(tallies: ConfidenceTallies, confidence: number, right: boolean): void {
  const i = tallyBin(confidence);
  tallies.labelled[i]++;
  if (right) tallies.correct[i]++;
}

/** Whether `t` has the layout of this file (three arrays of {@link TALLY_BIN_COUNT}). */
export function talliesFit(t: ConfidenceTallies): boolean {
  return t.answered.length === TALLY_BIN_COUNT && t.labelled.length === TALLY_BIN_COUNT && t.correct.length === TALLY_BIN_COUNT;
}

/** Add every tally of `source` into `target` (mutated). */
export function mergeTallies(target: ConfidenceTallies, source: ConfidenceTallies): void {
  const { answered, labelled, correct } = target;
  const from = source.answered;
  for (let i = 0; i < TALLY_BIN_COUNT; i++) {
    if (from[i] === 0) continue; // outcomes are counted in their answer's bucket: no answers, no outcomes
    answered[i] += from[i];
    labelled[i] += source.labelled[i];
    correct[i] += source.correct[i];
  }
}

/** [answers, labelled, right] of the non-empty bins, keyed by bin index: the snapshot's form. */
export type SparseTallies = Record<string, [number, number, number]>;

export function toSparseTallies(t: ConfidenceTallies): SparseTallies {
  const out: SparseTallies = {};
  for (let i = 0; i < TALLY_BIN_COUNT; i++) if (t.answered[i] || t.labelled[i]) out[String(i)] = [t.answered[i], t.labelled[i], t.correct[i]];
  return out;
}

export function fromSparseTallies(sparse: SparseTallies): ConfidenceTallies {
  const t = emptyTallies();
  for (const [key, [a, l, c]] of Object.entries(sparse)) {
    const i = Number(key);
    t.answered[i] = a;
    t.labelled[i] = l;
    t.correct[i] = c;
  }
  return t;
}
