import { describe, it, expect } from 'vitest';
import { correctness, topLabel } from '$lib/core/eval/topLabel';

describe('topLabel', () => {
  it('returns the arg-max and its probability per row, ties to the lowest index', () => {
    const probs = Float32Array.from([0.25, 0.75, 0, /**/ 0.5, 0.5, 0, /**/ 0.125, 0.375, 0.5]);
    const { predictions, confidences } = topLabel(probs, 3);
    expect(Array.from(predictions)).toEqual([1, 0, 2]);
    expect(Array.from(confidences)).toEqual([0.75, 0.5, 0.5]);
  });

  it('keeps the precision of Float64 input (0.7 stays the double 0.7)', () => {
    expect(topLabel([0.7, 0.3], 2).confidences[0]).toBe(0.7);
    expect(topLabel(Float32Array.from([0.7, 0.3]), 2).confidences[0]).toBe(Math.fround(0.7));
  });

  it('rejects ragged input and values that are not probabilities', () => {
    expect(() => topLabel([0.5, 0.5, 1], 2)).toThrow(/rows of 2 classes/);
    expect(() => topLabel([1.5, -0.5], 2)).toThrow(/row 0, class 0 is 1.5/);
    expect(() => topLabel([0.5, NaN], 2)).toThrow(RangeError);
  });

  it('gives empty arrays for no rows', () => {
    expect(topLabel(new Float32Array(0), 3).predictions.length).toBe(0);
  });
});

describe('correctness', () => {
  it('flags rows whose prediction equals the label', () => {
    expect(Array.from(correctness([0, 1, 2], Int32Array.from([0, 2, 2])))).toEqual([1, 0, 1]);
    expect(() => correctness([0], Int32Array.from([0, 1]))).toThrow(RangeError);
  });
});
