import { describe, it, expect } from 'vitest';
import { classificationReport, confusionMatrix } from '$lib/core/eval/confusion';

const ABC = ['A', 'B', 'C'];

/**
 * Three classes, 12 examples:
 *            pred A  B  C   support
 *   true A        4  1  0     5
 *   true B        1  2  1     4
 *   true C        1  0  2     3
 *   predicted     6  3  3    12
 */
const Y_TRUE = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
const Y_PRED = [0, 0, 0, 0, 1, 0, 1, 1, 2, 0, 2, 2];

describe('confusionMatrix', () => {
  it('counts rows = true class, columns = predicted class', () => {
    expect(confusionMatrix(Y_TRUE, Y_PRED, 3)).toEqual([
      [4, 1, 0],
      [1, 2, 1],
      [1, 0, 2],
    ]);
  });

  it('accepts Int32Array input and gives all-zero counts for no examples', () => {
    expect(confusionMatrix(Int32Array.from([1, 1]), Int32Array.from([1, 0]), 2)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(confusionMatrix([], [], 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('rejects labels outside 0…k−1, non-integers and length mismatches', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/yTrue\[1\] = 3/);
    expect(() => confusionMatrix([0, 1], [0, -1], 3)).toThrow(/yPred\[1\] = -1/);
    expect(() => confusionMatrix([0.5], [0], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1], [0], 3)).toThrow(/2 true labels but 1 predictions/);
    expect(() => confusionMatrix([], [], 0)).toThrow(RangeError);
  });
});

describe('classificationReport (scikit-learn definitions, zero_division=0)', () => {
  const report = classificationReport(confusionMatrix(Y_TRUE, Y_PRED, 3), ABC);

  it('gives per-class precision, recall, F1, support', () => {
    // precision = TP / column sum: A 4/6, B 2/3, C 2/3
    // recall    = TP / row sum:    A 4/5, B 2/4, C 2/3
    // F1 = 2TP / (support + predicted): A 8/11, B 4/7, C 4/6
    const expected = [
      { className: 'A', precision: 4 / 6, recall: 4 / 5, f1: 8 / 11, support: 5, predicted: 6 },
      { className: 'B', precision: 2 / 3, recall: 2 / 4, f1: 4 / 7, support: 4, predicted: 3 },
      { className: 'C', precision: 2 / 3, recall: 2 / 3, f1: 4 / 6, support: 3, predicted: 3 },
    ];
    report.perClass.forEach((s, c) => {
      expect(s.className).toBe(expected[c].className);
      expect(s.precision).toBeCloseTo(expected[c].precision, 14);
      expect(s.recall).toBeCloseTo(expected[c].recall, 14);
      expect(s.f1).toBeCloseTo(expected[c].f1, 14);
      expect(s.support).toBe(expected[c].support);
      expect(s.predicted).toBe(expected[c].predicted);
      expect(s.present).toBe(true);
    });
  });

  it('gives accuracy and the micro averages (= accuracy for single-label data)', () => {
    // trace 4 + 2 + 2 = 8 of 12
    expect(report.accuracy).toBe(8 / 12);
    expect(report.n).toBe(12);
    expect(report.micro).toEqual({ precision: 8 / 12, recall: 8 / 12, f1: 8 / 12, support: 12 });
  });

  it('gives the macro averages: unweighted means of the per-class values', () => {
    // P: (2/3 + 2/3 + 2/3) / 3 = 2/3
    // R: (4/5 + 1/2 + 2/3) / 3 = (24 + 15 + 20) / 30 / 3 = 59/90 ≈ 0.655556
    // F1: (8/11 + 4/7 + 2/3) / 3 = (168 + 132 + 154) / 231 / 3 = 454/693 ≈ 0.655123
    expect(report.macro.precision).toBeCloseTo(2 / 3, 14);
    expect(report.macro.recall).toBeCloseTo(59 / 90, 14);
    expect(report.macro.f1).toBeCloseTo(454 / 693, 14);
    expect(report.macro.f1).toBeCloseTo(0.655123, 6);
    // Not the F1 of macro P and macro R: 2·(2/3)(59/90) / (2/3 + 59/90) = (236/270) / (119/90) ≈ 0.661064.
    expect(report.macro.f1).not.toBeCloseTo(236 / 270 / (119 / 90), 4);
  });

  it('gives the support-weighted averages', () => {
    // P: (5·2/3 + 4·2/3 + 3·2/3) / 12 = 2/3
    // R: (5·4/5 + 4·1/2 + 3·2/3) / 12 = (4 + 2 + 2) / 12 = 2/3 (weighted recall = accuracy)
    // F1: (5·8/11 + 4·4/7 + 3·2/3) / 12 = (280 + 176 + 154) / 77 / 12 = 610/924 = 305/462 ≈ 0.660173
    expect(report.weighted.precision).toBeCloseTo(2 / 3, 14);
    expect(report.weighted.recall).toBeCloseTo(2 / 3, 14);
    expect(report.weighted.f1).toBeCloseTo(305 / 462, 14);
    expect(report.weighted.support).toBe(12);
  });

  it('scores 0 where a denominator is 0, and averages over present classes only', () => {
    // y_true = [A, A, B, B], y_pred = [A, C, B, A]; D never occurs.
    //          pred A B C D   support
    //   true A      1 0 1 0    2
    //   true B      1 1 0 0    2
    //   predicted   2 1 1 0
    const r = classificationReport(confusionMatrix([0, 0, 1, 1], [0, 2, 1, 0], 4), ['A', 'B', 'C', 'D']);
    const [a, b, c, d] = r.perClass;
    expect([a.precision, a.recall, a.f1]).toEqual([1 / 2, 1 / 2, 1 / 2]); // F1 = 2·1 / (2 + 2)
    expect([b.precision, b.recall, b.f1]).toEqual([1, 1 / 2, 2 / 3]); // F1 = 2·1 / (2 + 1)
    // C: predicted once, never true → precision 0/1, recall 0/0 → 0, F1 0/(0 + 1) = 0; still present.
    expect([c.precision, c.recall, c.f1, c.present]).toEqual([0, 0, 0, true]);
    // D: neither true nor predicted → zeros, not present.
    expect([d.precision, d.recall, d.f1, d.present]).toEqual([0, 0, 0, false]);
    // macro over A, B, C: P (1/2 + 1 + 0)/3 = 1/2, R (1/2 + 1/2 + 0)/3 = 1/3, F1 (1/2 + 2/3 + 0)/3 = 7/18
    // (sklearn: f1_score([0,0,1,1], [0,2,1,0], average='macro') = 0.388889)
    expect(r.macro.precision).toBeCloseTo(1 / 2, 14);
    expect(r.macro.recall).toBeCloseTo(1 / 3, 14);
    expect(r.macro.f1).toBeCloseTo(7 / 18, 14);
    // weighted by support 2, 2, 0: P (2·1/2 + 2·1)/4 = 3/4, R (1 + 1)/4 = 1/2, F1 (1 + 4/3)/4 = 7/12
    expect(r.weighted.precision).toBeCloseTo(3 / 4, 14);
    expect(r.weighted.recall).toBeCloseTo(1 / 2, 14);
    expect(r.weighted.f1).toBeCloseTo(7 / 12, 14);
    expect(r.accuracy).toBe(1 / 2);
  });

  it('gives precision 0 to a class that is never predicted', () => {
    // y_true = [A, B], y_pred = [A, A]: B has support 1 and no predictions → P 0/0 → 0, R 0, F1 0.
    // A: P 1/2, R 1, F1 2/(1 + 2) = 2/3. Macro-F1 (2/3 + 0)/2 = 1/3.
    const r = classificationReport(confusionMatrix([0, 1], [0, 0], 2), ['A', 'B']);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0, present: true });
    expect(r.perClass[0].f1).toBeCloseTo(2 / 3, 14);
    expect(r.macro.f1).toBeCloseTo(1 / 3, 14);
  });

  it('reports aggregates over zero examples as NaN (unmeasured), per-class values as 0', () => {
    const r = classificationReport(confusionMatrix([], [], 2), ['A', 'B']);
    expect(r.n).toBe(0);
    expect(r.accuracy).toBeNaN();
    expect(r.macro.f1).toBeNaN();
    expect(r.micro.f1).toBeNaN();
    expect(r.weighted.f1).toBeNaN();
    expect(r.perClass[0]).toMatchObject({ precision: 0, recall: 0, f1: 0, present: false });
  });

  it('rejects a matrix whose shape does not match the class list', () => {
    expect(() => classificationReport([[1, 0], [0, 1]], ABC)).toThrow(/3×3/);
    expect(() => classificationReport([[1, 0, 0], [0, 1], [0, 0, 1]], ABC)).toThrow(RangeError);
  });
});
