import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStepOptimizer } from '../../../src/lib/core/models/optimizers';
import { createRng } from '../../../src/lib/core/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs `steps` updates with seeded gradients; returns the final values of two variables. */
function run(kernels: 'auto' | 'tfjs', params: { optimizer: 'adam' | 'sgd'; learningRate: number; momentum: number }, steps = 20) {
  const rng = createRng('optimizer-test');
  const values = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
  // tf.variable of an untidied tensor leaks that tensor: create both inside tf.tidy.
  const variables = tf.tidy(() => [tf.variable(tf.tensor2d(values(12), [4, 3])), tf.variable(tf.tensor1d(values(3)))]);
  const optimizer = createStepOptimizer(params, kernels);
  for (let s = 0; s < steps; s++) {
    const grads = [values(12), values(3)];
    tf.tidy(() => optimizer.apply(variables, [tf.tensor2d(grads[0], [4, 3]), tf.tensor1d(grads[1])], [0.02, 0]));
  }
  optimizer.dispose();
  const result = variables.map((v) => Array.from(v.dataSync()));
  variables.forEach((v) => v.dispose());
  return result;
}

describe('createStepOptimizer', () => {
  it.each([
    ['adam', { optimizer: 'adam', learningRate: 0.01, momentum: 0 }],
    ['momentum', { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 }],
    ['sgd', { optimizer: 'sgd', learningRate: 0.1, momentum: 0 }],
  ] as const)('%s: the CPU loop matches tf.train (with the L2 gradient) and nothing leaks', (_, params) => {
    const before = tf.memory().numTensors;
    const fast = run('auto', params);
    const reference = run('tfjs', params);
    fast.forEach((values, v) => values.forEach((x, i) => expect(x).toBeCloseTo(reference[v][i], 5)));
    expect(fast[0]).not.toEqual(run('auto', params, 19)[0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
