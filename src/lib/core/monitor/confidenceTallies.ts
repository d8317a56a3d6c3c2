/**
 * Answers, labelled answers and right answers per confidence hundredth: what a minute bucket
 * keeps so the business figures can be read for ANY automatic-decision threshold 0.01 … 0.99
 * after the fact (the threshold is a setting that changes; the tallies do not depend on it).
 * Hundred bins [0, 0.01), …, [0.99, 1.0] (the last one closed), edges i / 100 (the same numbers
 * as the decimal literals), so "confidence ≥ 0.8" is exactly bins 80 … 99. Stored sparse: only
 * bins with answers, keyed by bin index, so a quiet minute stays small.
 */
import { setOwn } from './counts';

export const TALLY_BIN_COUNT = 100;

/** [answers, labelled answers, labelled answers that were right]; all non-negative integers. */
export type ConfidenceTally = [answered: number, labelled: number, correct: number];

/** Bin index ("0" … "99") → tally. */
export type ConfidenceTallies = Record<string, ConfidenceTally>;

/** The hundredth bin of a confidence in [0, 1]; throws a RangeError outside it (and for NaN). */
export function tallyBin(confidence: number): number {
  if (!(confidence >= 0 && confidence <= 1)) throw new RangeError(`Confidence ${confidence} is not in [0, 1].`);
  let i = Math.min(TALLY_BIN_COUNT - 1, Math.floor(confidence * TALLY_BIN_COUNT));
  if (confidence < i / TALLY_BIN_COUNT) i--;
  else if (i < TALLY_BIN_COUNT - 1 && confidence >= (i + 1) / TALLY_BIN_COUNT) i++;
  return i;
}

function tallyAt(tallies: ConfidenceTallies, bin: number): ConfidenceTally {
  const key = String(bin);
  if (!Object.hasOwn(tallies, key)) setOwn(tallies, key, [0, 0, 0]);
  return tallies[key];
}

/** Count one answer (and its outcome, when known) in `tallies` (mutated). */
export function tallyAnswer(tallies: ConfidenceTallies, confidence: number, outcome: 'right' | 'wrong' | null): void {
  const t = tallyAt(tallies, tallyBin(confidence));
  t[0]++;
  if (outcome !== null) {
    t[1]++;
    if (outcome === 'right') t[2]++;
  }
}

/** Count an outcome that arrived after its answer was tallied (mutated). */
export function tallyOutcome(tallies: ConfidenceTallies, confidence: number, right: boolean): void {
  const t = tallyAt(tallies, tallyBin(confidence));
  t[1]++;
  if (right) t[2]++;
}

/** Add every tally of `source` into `target` (mutated). */
export function mergeTallies(target: ConfidenceTallies, source: ConfidenceTallies): void {
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const s = source[key];
    if (Object.hasOwn(target, key)) {
      const t = target[key];
      t[0] += s[0];
      t[1] += s[1];
      t[2] += s[2];
    } else setOwn(target, key, [s[0], s[1], s[2]]);
  }
}
