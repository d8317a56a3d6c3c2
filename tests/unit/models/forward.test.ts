import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlp, softmaxRegression } from '../../../src/lib/core/models/families';
import { planForward, rowSoftmax } from '../../../src/lib/core/models/forward';
import { createRng } from '../../../src/lib/core/random';
import { csrFromRows, type CsrMatrix } from '../../../src/lib/core/models/csr';
import { csrTensors } from '../../../src/lib/core/models/sparseKernels';
import { toyTrain } from './fixtures';
import { TOY_CLASSES as K, TOY_COLS } from './toyData';

/** The first `rows` rows of `x` as a dense row-major array (the reference computation only). */
function dense(x: CsrMatrix, rows: number): Float32Array {
  const out = new Float32Array(rows * x.cols);
  for (let r = 0; r < rows; r++) for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) out[r * x.cols + x.indices[p]] = x.data[p];
  return out;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('planForward', () => {
  it('computes the same logits and gradients from sparse rows as a dense tf.matMul forward pass', () => {
    const model = mlp.build(TOY_COLS, K, { ...mlp.defaults, hiddenUnits: [8], dropout: 0 }, 'forward');
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const [w1, b1, w2, b2] = variables;
    const before = tf.memory().numTensors;
    const sparse = csrTensors(toyTrain.x, 0, 16);
    const plan = planForward(model);
    const mine = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(plan.logits(sparse, null))), variables);
      return { loss: value.dataSync()[0], grads: variables.map((v) => Array.from(grads[v.name].dataSync())) };
    });
    const reference = tf.tidy(() => {
      const x = tf.tensor2d(dense(toyTrain.x, 16), [16, TOY_COLS]);
      const logits = () => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(logits())), variables);
      return { loss: value.dataSync()[0], grads: variables.map((v) => Array.from(grads[v.name].dataSync())) };
    });
    sparse.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(mine.loss).toBeCloseTo(reference.loss, 4);
    mine.grads.forEach((g, v) => g.forEach((x, i) => expect(x).toBeCloseTo(reference.grads[v][i], 4)));
    model.dispose();
  });

  it('draws dropout masks from the given seeds and skips dropout at inference', () => {
    const model = mlp.build(TOY_COLS, K, { ...mlp.defaults, hiddenUnits: [32], dropout: 0.5 }, 'forward');
    const plan = planForward(model);
    expect(plan.dropoutLayers).toBe(1);
    const x = tf.ones([4, TOY_COLS]) as tf.Tensor2D;
    const ones = csrTensors(csrFromRows(Array.from({ length: 4 }, () => ({ indices: Array.from({ length: TOY_COLS }, (_, j) => j), data: Array(TOY_COLS).fill(1) })), TOY_COLS), 0, 4, false);
    const logits = (seeds: number[] | null) => tf.tidy(() => Array.from(plan.logits(ones, seeds).dataSync()));
    expect(logits([7])).toEqual(logits([7]));
    expect(logits([7])).not.toEqual(logits([8]));
    const inference = tf.tidy(() => Array.from((model.apply(x) as tf.Tensor).log().dataSync()));
    const mine = tf.tidy(() => Array.from(tf.logSoftmax(plan.logits(ones, null)).dataSync()));
    mine.forEach((v, i) => expect(v).toBeCloseTo(inference[i], 4));
    x.dispose();
    ones.dispose();
    model.dispose();
  });

  it('rejects models it cannot plan', () => {
    const input = tf.input({ shape: [3] });
    const functional = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, activation: 'softmax' }).apply(input) as tf.SymbolicTensor });
    expect(() => planForward(functional)).toThrow(/tf.Sequential/);
    const linear = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(() => planForward(linear)).toThrow(/softmax activation/);
    const dropoutFirst = tf.sequential({ layers: [tf.layers.dropout({ rate: 0.5, inputShape: [3] }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    expect(() => planForward(dropoutFirst)).toThrow(/first layer of the model must be a Dense layer/);
    dropoutFirst.dispose();
    const lr = softmaxRegression.build(3, 2, softmaxRegression.defaults, 1);
    expect(() => planForward(lr)).not.toThrow();
    for (const m of [functional, linear, lr]) m.dispose();
  });
});

describe('rowSoftmax', () => {
  it('is tf.softmax to the last bit on the CPU, large logits and ties included, and leaves no tensor behind', () => {
    const rng = createRng('row-softmax');
    for (const units of [2, 3, 7]) {
      const values = Float32Array.from({ length: 257 * units }, () => (rng() - 0.5) * 60);
      values.fill(1e4, 0, units); // a row of ties, far from zero
      const z = tf.tensor2d(values, [257, units]);
      const before = tf.memory().numTensors;
      const ours = rowSoftmax(z);
      expect(tf.memory().numTensors).toBe(before + 1);
      const reference = tf.softmax(z);
      expect(Array.from(ours.dataSync())).toEqual(Array.from(reference.dataSync()));
      tf.dispose([z, ours, reference]);
    }
  });
});
