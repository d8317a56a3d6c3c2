import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrFromRows } from '../../../src/lib/core/models/csr';
import { predictOne, predictProba } from '../../../src/lib/core/models/predict';
import { toyTest, trainedMlp, trainedSoftmaxRegression } from './fixtures';
import { TOY_CLASSES as K, TOY_COLS } from './toyData';

let models: tf.Sequential[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  models = [await trainedSoftmaxRegression(), await trainedMlp()];
});

afterAll(() => models.forEach((m) => m.dispose()));

function row(i: number) {
  const { indptr, indices, data } = toyTest.x;
  return { indices: indices.subarray(indptr[i], indptr[i + 1]), data: data.subarray(indptr[i], indptr[i + 1]) };
}

describe('predictProba / predictOne', () => {
  it('returns one probability row per document, the same whatever the batch size', () => {
    for (const model of models) {
      const probs = predictProba(model, toyTest.x, 256);
      expect(probs).toHaveLength(toyTest.x.rows * K);
      for (let i = 0; i < toyTest.x.rows; i++) {
        const sum = probs[i * K] + probs[i * K + 1] + probs[i * K + 2];
        expect(sum).toBeCloseTo(1, 5);
      }
      expect(Array.from(predictProba(model, toyTest.x, 7))).toEqual(Array.from(probs));
    }
  });

  it('predictOne matches predictProba and leaves its shared buffer clean', () => {
    for (const model of models) {
      const probs = predictProba(model, toyTest.x, 32);
      for (const i of [0, 1, 57, toyTest.x.rows - 1]) {
        const { indices, data } = row(i);
        expect(Array.from(predictOne(model, indices, data, TOY_COLS))).toEqual(Array.from(probs.subarray(i * K, i * K + K)));
      }
      // An empty document after a full one: only the bias speaks, nothing left over in the buffer.
      const empty = predictOne(model, [], [], TOY_COLS);
      expect(Array.from(empty)).toEqual(Array.from(predictProba(model, csrFromRows([{ indices: [], data: [] }], TOY_COLS))));
    }
  });

  it('agrees with the TF.js layers path (model.predict) to float precision', () => {
    for (const model of models) {
      const dense = new Float32Array(toyTest.x.rows * TOY_COLS);
      for (let i = 0; i < toyTest.x.rows; i++) {
        const { indices, data } = row(i);
        indices.forEach((j, p) => (dense[i * TOY_COLS + j] = data[p]));
      }
      const reference = tf.tidy(() => (model.predict(tf.tensor2d(dense, [toyTest.x.rows, TOY_COLS])) as tf.Tensor).dataSync());
      const probs = predictProba(model, toyTest.x);
      probs.forEach((p, i) => expect(p).toBeCloseTo(reference[i], 5));
    }
  });

  it('does not leak tensors and rejects mismatched input', () => {
    const before = tf.memory().numTensors;
    predictProba(models[1], toyTest.x, 16);
    predictOne(models[1], [0, 3], [0.5, 0.5], TOY_COLS);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => predictProba(models[0], { ...toyTest.x, cols: 10 })).toThrow(`model expects ${TOY_COLS} input features`);
    expect(() => predictOne(models[0], [TOY_COLS], [1], TOY_COLS)).toThrow(/column index .* outside/);
    expect(() => predictOne(models[0], [1], [1], 5)).toThrow(/got cols = 5/);
    expect(tf.memory().numTensors).toBe(before);
    expect(predictProba(models[0], csrFromRows([], TOY_COLS))).toHaveLength(0);
  });
});
