/**
 * The top label of each row of a probability matrix: the predicted class (the arg-max) and its
 * probability, the "confidence" that calibration and abstention work from.
 */
import { checkClassCount, type ClassIndices, type ProbabilityMatrix } from './labels';

export interface TopLabels {
  /** Predicted class index per row; ties go to the lowest index (as numpy's argmax). */
  predictions: Int32Array;
  /** The predicted class's probability per row, in [0, 1], at the input's precision. */
  confidences: Float64Array;
}

/**
 * Arg-max and max of each row of the n×k matrix `probs` (n = probs.length / k). Throws a
 * RangeError when the length is not a multiple of k or a probability is outside [0, 1]
 * (NaN included): logits or a broken softmax would otherwise give silently wrong calibration.
 */
export function topLabel(probs: ProbabilityMatrix, k: number): TopLabels {
  checkClassCount(k);
  if (probs.length % k !== 0) {
    throw new RangeError(`${probs.length} probabilities do not form rows of ${k} classes.`);
  }
  const n = probs.length / k;
  const predictions = new Int32Array(n);
  const confidences = new Float64Array(n);
  for (let i = 0, at = 0; i < n; i++) {
    let best = 0;
    let bestP = -1;
    for (let c = 0; c < k; c++, at++) {
      const p = probs[at];
      if (!(p >= 0 && p <= 1)) throw new RangeError(`Probability of row ${i}, class ${c} is ${p}, not in [0, 1].`);
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    predictions[i] = best;
    confidences[i] = bestP;
  }
  return { predictions, confidences };
}

/** 1 where the prediction equals the true label, else 0; both arrays have the same length. */
export function correctness(yTrue: ClassIndices, predictions: Int32Array): Uint8Array {
  if (yTrue.length !== predictions.length) {
    throw new RangeError(`${yTrue.length} true labels but ${predictions.length} predictions.`);
  }
  const correct = new Uint8Array(predictions.length);
  for (let i = 0; i < correct.length; i++) correct[i] = yTrue[i] === predictions[i] ? 1 : 0;
  return correct;
}
