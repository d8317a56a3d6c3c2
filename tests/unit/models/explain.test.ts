import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contributions, readSoftmaxWeights, topTermsPerClass } from '../../../src/lib/core/models/explain';
import { toyTest, toyTrain, trainedMlp, trainedSoftmaxRegression } from './fixtures';
import { TOY_CLASSES, TOY_INDICATORS } from './toyData';

let model: tf.Sequential;

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await trainedSoftmaxRegression();
});

afterAll(() => model.dispose());

const { featureNames, classNames } = toyTrain;

describe('topTermsPerClass', () => {
  it("puts each class's indicator features on top", () => {
    const top = topTermsPerClass(model, featureNames, classNames, TOY_INDICATORS);
    expect(top.map((c) => c.className)).toEqual(classNames);
    top.forEach(({ classIndex, terms }) => {
      expect(terms).toHaveLength(TOY_INDICATORS);
      expect(terms.every((t) => t.term.startsWith(`c${classIndex}_`))).toBe(true);
      expect(terms.every((t, i) => i === 0 || t.weight <= terms[i - 1].weight)).toBe(true);
      expect(terms.every((t) => t.weight > 0 && featureNames[t.featureIndex] === t.term)).toBe(true);
    });
  });

  it('centres weights across classes unless asked for the raw kernel', () => {
    const weights = readSoftmaxWeights(model);
    const raw = topTermsPerClass(weights, featureNames, classNames, 3, { centered: false });
    const j = raw[0].terms[0].featureIndex;
    expect(raw[0].terms[0].weight).toBe(weights.kernel[j * TOY_CLASSES]);
    const centred = topTermsPerClass(weights, featureNames, classNames, featureNames.length);
    for (let f = 0; f < featureNames.length; f += 7) {
      const sum = centred.reduce((s, c) => s + (c.terms.find((t) => t.featureIndex === f)?.weight ?? 0), 0);
      expect(sum).toBeCloseTo(0, 5);
    }
  });
});

describe('contributions', () => {
  it("lists a document's own indicator terms as what pushed it toward its class", () => {
    const { indptr, indices, data } = toyTest.x;
    for (const i of [0, 1, 2, 3]) {
      const doc = { indices: indices.subarray(indptr[i], indptr[i + 1]), data: data.subarray(indptr[i], indptr[i + 1]) };
      const label = toyTest.y[i];
      const terms = contributions(model, doc, featureNames, label, 10);
      expect(terms.length).toBeGreaterThanOrEqual(2);
      expect(terms.slice(0, 2).every((t) => t.term.startsWith(`c${label}_`))).toBe(true);
      expect(terms.every((t, k) => t.contribution > 0 && (k === 0 || t.contribution <= terms[k - 1].contribution))).toBe(true);
      expect(terms.every((t) => Math.abs(t.contribution - t.value * t.weight) < 1e-12)).toBe(true);
      expect(contributions(model, doc, featureNames, label, 1)).toEqual(terms.slice(0, 1));
    }
  });

  it('explains softmax regression only, and checks its inputs', async () => {
    const net = await trainedMlp();
    expect(() => topTermsPerClass(net, featureNames, classNames, 3)).toThrow(/softmax-regression model \(one Dense layer\); this model has 3/);
    net.dispose();
    expect(() => topTermsPerClass(model, featureNames.slice(1), classNames, 3)).toThrow(/feature names/);
    expect(() => contributions(model, { indices: [0], data: [1] }, featureNames, 3, 3)).toThrow(/classIndex 3 outside/);
  });
});
