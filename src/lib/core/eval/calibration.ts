/**
 * Calibration of the top label: does "80 % sure" mean right 80 % of the time? A reliability
 * diagram bins examples by the predicted class's probability (the confidence) and compares each
 * bin's mean confidence with its accuracy; the expected calibration error (ECE) is the
 * example-weighted mean gap (Guo et al., "On Calibration of Modern Neural Networks", 2017).
 *
 * Bins are equal-width and closed on the left: with 10 bins, [0, 0.1), [0.1, 0.2), …, [0.8, 0.9)
 * and a last bin [0.9, 1.0] that also takes confidence exactly 1. A confidence equal to an inner
 * edge goes to the bin above it (0.5 is in [0.5, 0.6)). Edges are the doubles b / bins, and the
 * comparison uses the stored confidence: a Float32 "0.7" is 0.699999988… and lands in
 * [0.6, 0.7). (Guo et al. close bins on the right instead; only values exactly on an edge differ.)
 */
import { checkClassIndices, type ClassIndices, type ProbabilityMatrix } from './labels';
import { correctness, topLabel } from './topLabel';

export interface ReliabilityBin {
  /** Lower edge (inclusive), a confidence in [0, 1]. */
  lower: number;
  /** Upper edge (exclusive, except 1 for the last bin). */
  upper: number;
  /** Examples whose confidence falls in the bin. */
  count: number;
  /** Of those, how many were predicted correctly. */
  correct: number;
  /** Mean confidence in the bin, in [0, 1]; NaN when the bin is empty. */
  meanConfidence: number;
  /** correct / count, in [0, 1]; NaN when the bin is empty. */
  accuracy: number;
}

export interface ReliabilityDiagram {
  /** Number of examples over all bins. */
  n: number;
  bins: ReliabilityBin[];
}

/** Index of the bin holding `confidence` (see the file comment for edges). */
export function binIndex(confidence: number, bins: number): number {
  if (!(confidence > 0)) return 0;
  if (confidence >= 1) return bins - 1;
  let b = Math.floor(confidence * bins);
  // The product may round across an edge; settle against the edges themselves.
  if (b > 0 && confidence < b / bins) b--;
  else if (b + 1 < bins && confidence >= (b + 1) / bins) b++;
  return Math.min(b, bins - 1);
}

function checkBinCount(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`The number of bins must be a whole number ≥ 1, got ${bins}.`);
}

/**
 * Reliability diagram from per-example confidences (in [0, 1]; anything else, NaN included,
 * throws a RangeError) and correctness flags (1 = the top label was right), both of length n.
 */
export function reliabilityFromConfidences(
  confidences: ArrayLike<number>,
  correct: ArrayLike<number>,
  bins = 10,
): ReliabilityDiagram {
  checkBinCount(bins);
  if (confidences.length !== correct.length) {
    throw new RangeError(`${confidences.length} confidences but ${correct.length} correctness flags.`);
  }
  const counts = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const sums = new Float64Array(bins);
  for (let i = 0; i < confidences.length; i++) {
    const c = confidences[i];
    if (!(c >= 0 && c <= 1)) throw new RangeError(`Confidence ${i} is ${c}, not in [0, 1].`);
    const b = binIndex(c, bins);
    counts[b]++;
    hits[b] += correct[i] ? 1 : 0;
    sums[b] += c;
  }
  return {
    n: confidences.length,
    bins: Array.from({ length: bins }, (_, b) => ({
      lower: b / bins,
      upper: (b + 1) / bins,
      count: counts[b],
      correct: hits[b],
      meanConfidence: counts[b] === 0 ? NaN : sums[b] / counts[b],
      accuracy: counts[b] === 0 ? NaN : hits[b] / counts[b],
    })),
  };
}

/**
 * Reliability diagram of the top label of `probs` (n×k row-major) against the true class
 * indices `yTrue` (length n), in `bins` equal-width bins.
 */
export function reliabilityDiagram(probs: ProbabilityMatrix, yTrue: ClassIndices, k: number, bins = 10): ReliabilityDiagram {
  const { predictions, confidences } = topLabel(probs, k);
  checkClassIndices(yTrue, k, 'yTrue');
  return reliabilityFromConfidences(confidences, correctness(yTrue, predictions), bins);
}

/**
 * ECE = Σ_b (n_b / N) · |acc_b − conf_b| over non-empty bins, a ratio in [0, 1] (lower is
 * better); NaN for a diagram of zero examples. It depends on the number of bins: compare ECEs
 * only at the same bin count.
 */
export function expectedCalibrationError(diagram: ReliabilityDiagram): number {
  if (diagram.n === 0) return NaN;
  let ece = 0;
  for (const bin of diagram.bins) {
    if (bin.count > 0) ece += (bin.count / diagram.n) * Math.abs(bin.accuracy - bin.meanConfidence);
  }
  return ece;
}
