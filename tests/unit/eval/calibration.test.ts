import { describe, it, expect } from 'vitest';
import {
  binIndex,
  expectedCalibrationError,
  reliabilityDiagram,
  reliabilityFromConfidences,
} from '$lib/core/eval/calibration';

/** The largest double below x (x > 0). */
function below(x: number): number {
  const bits = new BigInt64Array(Float64Array.of(x).buffer);
  bits[0] -= 1n;
  return new Float64Array(bits.buffer)[0];
}

describe('binIndex (10 equal-width bins, closed on the left, last bin closed)', () => {
  it('puts inner edges in the bin above and 1 in the last bin', () => {
    expect(binIndex(0, 10)).toBe(0);
    expect(binIndex(0.05, 10)).toBe(0);
    expect(binIndex(0.1, 10)).toBe(1);
    expect(binIndex(0.5, 10)).toBe(5);
    expect(binIndex(0.95, 10)).toBe(9);
    expect(binIndex(1, 10)).toBe(9);
  });

  it('settles values next to an edge against the edge, not the rounded product', () => {
    for (let b = 1; b < 10; b++) {
      expect(binIndex(b / 10, 10), `edge ${b / 10}`).toBe(b);
      // below(0.9) · 10 rounds to 9.0, yet the value is below the edge.
      expect(binIndex(below(b / 10), 10), `just below ${b / 10}`).toBe(b - 1);
    }
  });

  it('uses the stored value: a Float32 0.7 is 0.69999999 and falls in [0.6, 0.7)', () => {
    expect(binIndex(Math.fround(0.7), 10)).toBe(6);
    expect(binIndex(0.7, 10)).toBe(7);
  });
});

describe('reliabilityDiagram and expectedCalibrationError', () => {
  // Two classes, four rows (values exact in binary):
  //   row 0 [0.75, 0.25]  true 0 → predicts 0, conf 0.75,  right  → bin 7
  //   row 1 [0.75, 0.25]  true 1 → predicts 0, conf 0.75,  wrong  → bin 7
  //   row 2 [0.125, 0.875] true 1 → predicts 1, conf 0.875, right → bin 8
  //   row 3 [0.5, 0.5]    true 1 → tie → predicts 0, conf 0.5, wrong → bin 5
  const probs = Float32Array.from([0.75, 0.25, 0.75, 0.25, 0.125, 0.875, 0.5, 0.5]);
  const yTrue = Int32Array.from([0, 1, 1, 1]);
  const diagram = reliabilityDiagram(probs, yTrue, 2);

  it('bins top-label confidence and reports count, mean confidence and accuracy', () => {
    expect(diagram.n).toBe(4);
    expect(diagram.bins).toHaveLength(10);
    expect(diagram.bins[7]).toMatchObject({ lower: 0.7, upper: 0.8, count: 2, correct: 1, meanConfidence: 0.75, accuracy: 0.5 });
    expect(diagram.bins[8]).toMatchObject({ count: 1, correct: 1, meanConfidence: 0.875, accuracy: 1 });
    expect(diagram.bins[5]).toMatchObject({ count: 1, correct: 0, meanConfidence: 0.5, accuracy: 0 });
    expect(diagram.bins[9]).toMatchObject({ lower: 0.9, upper: 1, count: 0 });
    expect(diagram.bins[0].meanConfidence).toBeNaN();
    expect(diagram.bins[0].accuracy).toBeNaN();
  });

  it('computes ECE = Σ (n_b / N)·|acc_b − conf_b|', () => {
    // bin 7: 2/4 · |0.5 − 0.75|  = 0.125
    // bin 8: 1/4 · |1 − 0.875|   = 0.03125
    // bin 5: 1/4 · |0 − 0.5|     = 0.125
    // total                       = 0.28125
    expect(expectedCalibrationError(diagram)).toBe(0.28125);
  });

  it('is 0 for perfectly calibrated bins and depends on the bin count', () => {
    // Confidence 0.75, 3 of 4 right → one bin, gap 0.
    const perfect = reliabilityFromConfidences([0.75, 0.75, 0.75, 0.75], [1, 1, 1, 0]);
    expect(expectedCalibrationError(perfect)).toBe(0);
    // One bin for everything: |mean acc 2/4 − mean conf (0.75+0.75+0.875+0.5)/4 = 0.71875| = 0.21875.
    expect(expectedCalibrationError(reliabilityDiagram(probs, yTrue, 2, 1))).toBe(0.21875);
  });

  it('counts confidence 1 in the last bin', () => {
    const d = reliabilityFromConfidences([1, 1], [1, 0]);
    expect(d.bins[9]).toMatchObject({ count: 2, accuracy: 0.5, meanConfidence: 1 });
    expect(expectedCalibrationError(d)).toBe(0.5);
  });

  it('is NaN for no examples and rejects mismatched input', () => {
    expect(expectedCalibrationError(reliabilityFromConfidences([], []))).toBeNaN();
    expect(() => reliabilityFromConfidences([0.5], [])).toThrow(RangeError);
    expect(() => reliabilityFromConfidences([0.5], [1], 0)).toThrow(RangeError);
    expect(() => reliabilityFromConfidences([0.5, 1.25], [1, 1])).toThrow(/Confidence 1 is 1.25/);
    expect(() => reliabilityDiagram(probs, Int32Array.from([0, 1, 1]), 2)).toThrow(RangeError);
    expect(() => reliabilityDiagram(probs, Int32Array.from([0, 1, 1, 2]), 2)).toThrow(/yTrue\[3\]/);
  });
});
