import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlp, softmaxRegression } from '../../../src/lib/core/models/families';
import { planForward } from '../../../src/lib/core/models/forward';
import { DenseBatch } from '../../../src/lib/core/models/csr';
import { toyTrain } from './fixtures';
import { TOY_CLASSES as K, TOY_COLS } from './toyData';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('planForward', () => {
  it('computes the same logits and gradients with the zero-skipping input layer as with tf.matMul', () => {
    const model = mlp.build(TOY_COLS, K, { ...mlp.defaults, hiddenUnits: [8] }, 'forward');
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const batch = new DenseBatch(16, TOY_COLS);
    batch.fill(toyTrain.x, Array.from({ length: 16 }, (_, i) => i), 0);
    const before = tf.memory().numTensors;
    const results = (['auto', 'tfjs'] as const).map((kernels) => {
      const plan = planForward(model, { kernels });
      return tf.tidy(() => {
        const x = tf.tensor2d(batch.values, [16, TOY_COLS]);
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(plan.logits(x, [42]))), variables);
        return { loss: value.dataSync()[0], grads: variables.map((v) => Array.from(grads[v.name].dataSync())) };
      });
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(results[0].loss).toBeCloseTo(results[1].loss, 4);
    results[0].grads.forEach((g, v) => g.forEach((x, i) => expect(x).toBeCloseTo(results[1].grads[v][i], 4)));
    model.dispose();
  });

  it('draws dropout masks from the given seeds and skips dropout at inference', () => {
    const model = mlp.build(TOY_COLS, K, { ...mlp.defaults, hiddenUnits: [32], dropout: 0.5 }, 'forward');
    const plan = planForward(model);
    expect(plan.dropoutLayers).toBe(1);
    const x = tf.ones([4, TOY_COLS]) as tf.Tensor2D;
    const logits = (seeds: number[] | null) => tf.tidy(() => Array.from(plan.logits(x, seeds).dataSync()));
    expect(logits([7])).toEqual(logits([7]));
    expect(logits([7])).not.toEqual(logits([8]));
    const inference = tf.tidy(() => Array.from((model.apply(x) as tf.Tensor).log().dataSync()));
    const mine = tf.tidy(() => Array.from(tf.logSoftmax(plan.logits(x, null)).dataSync()));
    mine.forEach((v, i) => expect(v).toBeCloseTo(inference[i], 4));
    x.dispose();
    model.dispose();
  });

  it('rejects models it cannot plan', () => {
    const input = tf.input({ shape: [3] });
    const functional = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, activation: 'softmax' }).apply(input) as tf.SymbolicTensor });
    expect(() => planForward(functional)).toThrow(/tf.Sequential/);
    const linear = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(() => planForward(linear)).toThrow(/softmax activation/);
    const lr = softmaxRegression.build(3, 2, softmaxRegression.defaults, 1);
    expect(() => planForward(lr)).not.toThrow();
    for (const m of [functional, linear, lr]) m.dispose();
  });
});
