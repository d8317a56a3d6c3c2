import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, getModelFamily, mlp, MODEL_FAMILIES, softmaxRegression } from '../../../src/lib/core/models/families';
import { familyNoun, isLinearFamily } from '../../../src/lib/core/models/catalog';
import { specApplies, type ParamSpec } from '../../../src/lib/core/models/params';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model family catalogue', () => {
  it('lists both families, each with valid defaults', () => {
    expect(MODEL_FAMILIES.map((f) => f.id)).toEqual(['softmax-regression', 'mlp']);
    for (const family of MODEL_FAMILIES) {
      expect(family.validate({})).toEqual({ ok: true, params: family.defaults });
      expect(family.paramSpecs.map((s) => s.key).sort()).toEqual(Object.keys(family.defaults).sort());
    }
    expect(() => getModelFamily('svm')).toThrow(/Unknown model family "svm"/);
  });

  it('says which families are linear (explained by their weights), and no unknown one is', () => {
    expect(MODEL_FAMILIES.filter((f) => f.linear).map((f) => f.id)).toEqual(['softmax-regression']);
    expect(['softmax-regression', 'mlp', 'svm'].map(isLinearFamily)).toEqual([true, false, false]);
    expect(['softmax-regression', 'mlp', 'svm'].map(familyNoun)).toEqual(['logistic regression', 'small neural network', 'svm']);
  });

  it('fills defaults and reports every invalid or unknown parameter clearly', () => {
    const ok = mlp.validate({ learningRate: 0.05, hiddenUnits: [32, 16] });
    expect(ok.ok && ok.params.hiddenUnits).toEqual([32, 16]);
    expect(ok.ok && ok.params.dropout).toBe(mlp.defaults.dropout);

    const bad = mlp.validate({ learningRate: 0, epochs: 2.5, optimizer: 'rmsprop', hiddenUnits: [], dropout: 1, batchsize: 8 });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toContain('learningRate (Learning rate) must be a number greater than 0 and at most 10; got 0.');
    expect(errors).toContain('epochs (Epochs) must be a whole number from 1 to 1000; got 2.5.');
    expect(errors).toContain('optimizer (Optimizer) must be one of "adam", "sgd"; got "rmsprop".');
    expect(errors.some((e) => e.startsWith('hiddenUnits (Hidden units) must be a list of 1 to 3 whole numbers'))).toBe(true);
    expect(errors.some((e) => e.startsWith('dropout (Dropout) must be a number at least 0 and at most 0.95'))).toBe(true);
    expect(errors.some((e) => e.startsWith('Unknown parameter "batchsize"'))).toBe(true);
    expect(softmaxRegression.validate('fast')).toEqual({ ok: false, errors: ['Parameters must be an object; got "fast".'] });
    expect(() => buildModel('mlp', 10, 3, { dropout: -1 }, 1)).toThrow(/Invalid model parameters: dropout/);
  });

  it('makes L-BFGS the default of softmax regression only, and says which parameters each optimizer uses', () => {
    expect(softmaxRegression.defaults).toMatchObject({ optimizer: 'lbfgs', C: 1, maxIterations: 100 });
    const optimizerOf = (f: { paramSpecs: readonly ParamSpec[] }) => f.paramSpecs.find((s) => s.key === 'optimizer');
    expect(optimizerOf(softmaxRegression)).toMatchObject({ options: ['lbfgs', 'adam', 'sgd'] });
    expect(optimizerOf(mlp)).toMatchObject({ options: ['adam', 'sgd'] });
    expect(mlp.validate({ optimizer: 'lbfgs' }).ok).toBe(false);
    const shown = (values: Record<string, unknown>) => softmaxRegression.paramSpecs.filter((s) => specApplies(s, values)).map((s) => s.key);
    expect(shown({ optimizer: 'lbfgs' })).toEqual(['optimizer', 'C', 'maxIterations']);
    expect(shown({ optimizer: 'adam' })).toEqual(['optimizer', 'learningRate', 'epochs', 'batchSize', 'patience', 'l2']);
    expect(shown({ optimizer: 'sgd' })).toEqual(['optimizer', 'learningRate', 'momentum', 'epochs', 'batchSize', 'patience', 'l2']);
  });

  it('still validates the parameters of a run stored before L-BFGS, which keep meaning Adam with their L2 penalty', () => {
    // A softmax-regression run as stored by the previous version (its validated, complete parameters).
    const stored = { optimizer: 'adam', learningRate: 0.05, momentum: 0.9, epochs: 50, batchSize: 128, patience: 3, l2: 1e-5 };
    const checked = softmaxRegression.validate(stored);
    expect(checked).toEqual({ ok: true, params: { ...stored, C: 1, maxIterations: 100 } });
    const model = softmaxRegression.build(5, 3, checked.ok ? checked.params : softmaxRegression.defaults, 1);
    expect(model.layers[0].getConfig().kernelRegularizer).toMatchObject({ config: { l2: 1e-5 } });
    model.dispose();
  });

  it('builds the documented architectures', () => {
    const before = tf.memory().numTensors;
    const lr = softmaxRegression.build(20, 3, softmaxRegression.defaults, 'run-1');
    expect(lr.layers.map((l) => l.name)).toEqual(['output']);
    expect(lr.outputs[0].shape).toEqual([null, 3]);
    const net = mlp.build(20, 4, { ...mlp.defaults, hiddenUnits: [16, 8], dropout: 0.2 }, 'run-1');
    expect(net.layers.map((l) => `${l.getClassName()}:${l.name}`)).toEqual([
      'Dense:hidden_1',
      'Dropout:dropout_1',
      'Dense:hidden_2',
      'Dropout:dropout_2',
      'Dense:output',
    ]);
    expect(net.getWeights().map((w) => w.shape)).toEqual([[20, 16], [16], [16, 8], [8], [8, 4], [4]]);
    expect(net.layers[0].getConfig().kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: mlp.defaults.l2 } });
    const noDropout = mlp.build(20, 4, { ...mlp.defaults, dropout: 0 }, 1);
    expect(noDropout.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
    for (const m of [lr, net, noDropout]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('initialises glorot-uniform kernels from the run seed and zero biases', () => {
    const weights = (seed: string | number) => {
      const model = mlp.build(50, 3, mlp.defaults, seed);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    const a = weights('seed-a');
    expect(weights('seed-a')).toEqual(a);
    expect(weights('seed-b')[0]).not.toEqual(a[0]);
    const [kernel, bias, outKernel] = a;
    const limit = Math.sqrt(6 / (50 + 64));
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(bias.every((b) => b === 0)).toBe(true);
    expect(outKernel).not.toEqual(kernel.slice(0, outKernel.length)); // per-layer seeds differ
  });
});
