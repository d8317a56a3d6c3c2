/**
 * The model families with their `build`: the catalogue (catalog.ts: names, parameter tables,
 * defaults, validation; no TF.js) plus how each one is made of TF.js layers. Adding a family is
 * one catalogue entry and one `build` here.
 *
 * Every family builds a `tf.Sequential` of standard Keras layers (so the model exports in the
 * plain TF.js layers format) ending in a softmax over the classes. Initialisation is seeded
 * through TF.js's own initializers: each kernel is glorot-uniform with
 * `seed = deriveSeed(runSeed, 'init:<layer name>')` (TF.js draws the values in JavaScript with
 * seedrandom's alea, so they are the same on every backend); biases start at zero. Layer names are
 * fixed (`hidden_1`, `dropout_1`, `output`) so topologies and weight names are reproducible too.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamsResult } from './params';
import { MLP_INFO, SOFTMAX_REGRESSION_INFO, type FamilyInfo, type MlpParams, type ModelParams, type SoftmaxRegressionParams, type TrainingParams } from './catalog';
import { deriveSeed } from './seeds';

export type { OptimizerName, TrainingParams, SoftmaxRegressionParams, MlpParams, ModelParams, ModelFamilyId } from './catalog';

/** A family of the catalogue with its `build`: what a worker needs to train it. */
export interface ModelFamily<P extends TrainingParams = ModelParams> extends FamilyInfo<P> {
  /**
   * A fresh, untrained model: input `[batch, inputDim]` → softmax `[batch, numClasses]`.
   * Throws on invalid parameters.
   */
  build(inputDim: number, numClasses: number, params: P, seed: string | number): tf.Sequential;
}

function assertShape(inputDim: number, numClasses: number): void {
  if (!Number.isInteger(inputDim) || inputDim < 1) throw new Error(`inputDim must be a positive integer (got ${inputDim})`);
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new Error(`numClasses must be an integer ≥ 2 (got ${numClasses})`);
}

function checked<P extends object>(result: ParamsResult<P>): P {
  if (!result.ok) throw new Error(`Invalid model parameters: ${result.errors.join(' ')}`);
  return result.params;
}

function denseLayer(name: string, units: number, activation: 'relu' | 'softmax', l2: number, seed: string | number, inputDim?: number) {
  return tf.layers.dense({
    name,
    units,
    activation,
    ...(inputDim === undefined ? {} : { inputShape: [inputDim] }),
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, `init:${name}`) }),
    biasInitializer: 'zeros',
    ...(l2 > 0 ? { kernelRegularizer: tf.regularizers.l2({ l2 }) } : {}),
  });
}

export const softmaxRegression: ModelFamily<SoftmaxRegressionParams> = {
  ...SOFTMAX_REGRESSION_INFO,
  build(inputDim, numClasses, params, seed) {
    assertShape(inputDim, numClasses);
    const p = checked(this.validate(params));
    // L-BFGS penalizes through C in its objective (fullBatch.ts): no Keras regularizer then.
    const l2 = p.optimizer === 'lbfgs' ? 0 : p.l2;
    return tf.sequential({ name: 'softmax_regression', layers: [denseLayer('output', numClasses, 'softmax', l2, seed, inputDim)] });
  },
};

export const mlp: ModelFamily<MlpParams> = {
  ...MLP_INFO,
  build(inputDim, numClasses, params, seed) {
    assertShape(inputDim, numClasses);
    const p = checked(this.validate(params));
    const layers: tf.layers.Layer[] = [];
    p.hiddenUnits.forEach((units, i) => {
      layers.push(denseLayer(`hidden_${i + 1}`, units, 'relu', p.l2, seed, i === 0 ? inputDim : undefined));
      if (p.dropout > 0) layers.push(tf.layers.dropout({ name: `dropout_${i + 1}`, rate: p.dropout }));
    });
    layers.push(denseLayer('output', numClasses, 'softmax', p.l2, seed));
    return tf.sequential({ name: 'mlp', layers });
  },
};

/** All families, in the order the UI lists them. */
export const MODEL_FAMILIES = [softmaxRegression, mlp] as const;

/** The family with this id; throws on an unknown id. */
export function getModelFamily(id: string): ModelFamily<SoftmaxRegressionParams> | ModelFamily<MlpParams> {
  const family = MODEL_FAMILIES.find((f) => f.id === id);
  if (!family) throw new Error(`Unknown model family "${id}"; known: ${MODEL_FAMILIES.map((f) => f.id).join(', ')}`);
  return family;
}

/**
 * Validates loose parameters for family `familyId` and builds the model: the one entry point for
 * a worker that receives `{ familyId, params }` as plain data.
 */
export function buildModel(
  familyId: string,
  inputDim: number,
  numClasses: number,
  rawParams: unknown,
  seed: string | number,
): { model: tf.Sequential; params: ModelParams } {
  const family = getModelFamily(familyId);
  if (family.id === 'mlp') {
    const params = checked(mlp.validate(rawParams));
    return { model: mlp.build(inputDim, numClasses, params, seed), params };
  }
  const params = checked(softmaxRegression.validate(rawParams));
  return { model: softmaxRegression.build(inputDim, numClasses, params, seed), params };
}
