/**
 * The forward pass used for training, evaluation and prediction: the layers of a `tf.Sequential`
 * applied one by one, ending in the logits of the final softmax Dense layer (so the loss is
 * computed with `logSoftmax`, exact, without the clipping that stalls gradients of very wrong
 * predictions; `probabilities` adds the softmax).
 *
 * Dropout layers are replaced by `tf.dropout` with an explicit seed per step: a Keras `Dropout`
 * layer either draws from `Math.random` (no seed) or, with a seed, reuses the *same* mask on every
 * call, and neither is what a reproducible run needs.
 *
 * The input is sparse (TF-IDF rows, > 99 % zeros) and never densified: the first Dense layer's
 * product is `csrMatMul` (sparseKernels.ts, a TF.js kernel on every backend that registers it),
 * whose gradient is the same kernel on the transpose. Later layers are dense `tf.matMul`.
 */
import * as tf from '@tensorflow/tfjs';
import { addRowVector } from './biasKernels';
import { csrMatMul, type CsrTensors } from './sparseKernels';

export interface ForwardPlan {
  /** Number of Dropout layers: how many seeds each training step needs. */
  dropoutLayers: number;
  /**
   * Logits `[batch, classes]` for the sparse input rows `x` (built with their transpose when
   * gradients are taken). `dropoutSeeds` (one per Dropout layer) turns on training mode; `null`
   * is inference (dropout is the identity). Call inside `tf.tidy`.
   */
  logits(x: CsrTensors, dropoutSeeds: readonly number[] | null): tf.Tensor2D;
}

type Activation = 'linear' | 'relu' | 'softmax';

/** A Dense layer's pieces, for computing it by hand. */
interface DenseParts {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  activation: Activation;
}

function denseParts(layer: tf.layers.Layer): DenseParts | null {
  if (layer.getClassName() !== 'Dense') return null;
  const config = layer.getConfig();
  const activation = config.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu' && activation !== 'softmax') return null;
  const [kernel, bias] = layer.trainableWeights;
  return { kernel, bias: config.useBias === false ? null : bias, activation };
}

/**
 * A column [rows, 1] repeated `units` times as [rows, units], by a product: TF.js's CPU backend
 * computes a broadcasting op element by element with several allocations each.
 */
export function spreadColumn(c: tf.Tensor2D, units: number): tf.Tensor2D {
  return tf.matMul(c, tf.ones([1, units]));
}

function affine(h: tf.Tensor2D | CsrTensors, parts: DenseParts): tf.Tensor2D {
  const kernel = parts.kernel.read() as tf.Tensor2D;
  const z: tf.Tensor2D = h instanceof tf.Tensor ? tf.matMul(h, kernel) : csrMatMul(h, kernel);
  return parts.bias ? addRowVector(z, parts.bias.read()) : z;
}

/**
 * Plans the forward pass of `model`; throws if it is not a Sequential whose first layer is a
 * Dense (it takes the sparse input) and whose last is a softmax Dense.
 */
export function planForward(model: tf.LayersModel): ForwardPlan {
  if (!(model instanceof tf.Sequential)) throw new Error('Expected a tf.Sequential model (as built by a model family).');
  const layers = model.layers;
  const output = layers.length > 0 ? denseParts(layers[layers.length - 1]) : null;
  if (!output || output.activation !== 'softmax') {
    throw new Error('The last layer of the model must be a Dense layer with a softmax activation.');
  }
  if (!denseParts(layers[0])) throw new Error('The first layer of the model must be a Dense layer (it multiplies the sparse input).');
  const body = layers.slice(0, -1).map((layer) => ({
    layer,
    dense: denseParts(layer),
    dropoutRate: layer.getClassName() === 'Dropout' ? Number(layer.getConfig().rate) : null,
  }));
  return {
    dropoutLayers: body.filter((b) => b.dropoutRate !== null).length,
    logits(x, dropoutSeeds) {
      let h: tf.Tensor2D | CsrTensors = x;
      let seedIndex = 0;
      for (const { layer, dense, dropoutRate } of body) {
        if (dropoutRate !== null) {
          const seed = dropoutSeeds?.[seedIndex++];
          if (seed !== undefined && dropoutRate > 0) h = tf.dropout(h as tf.Tensor2D, dropoutRate, undefined, seed) as tf.Tensor2D;
        } else if (dense && dense.activation !== 'softmax') {
          const z = affine(h, dense);
          h = dense.activation === 'relu' ? tf.relu(z) : z;
        } else {
          h = layer.apply(h as tf.Tensor2D) as tf.Tensor2D;
        }
      }
      return affine(h, output);
    },
  };
}

const plans = new WeakMap<tf.LayersModel, ForwardPlan>();

/**
 * The softmax of each row of `z`. On the CPU backend the ops of its Softmax kernel (max, subtract,
 * exp, sum, divide: the same bits) with the row max and sum spread by `spreadColumn`: the kernel
 * subtracts and divides by broadcasting, element by element, most of scoring a 10k run's splits.
 */
export function rowSoftmax(z: tf.Tensor2D): tf.Tensor2D {
  if (tf.getBackend() !== 'cpu') return tf.softmax(z);
  return tf.tidy(() => {
    const units = z.shape[1];
    const e = tf.exp(tf.sub(z, spreadColumn(tf.max(z, 1, true), units)));
    return tf.div(e, spreadColumn(tf.sum(e, 1, true), units));
  });
}

/**
 * Class probabilities `[batch, classes]` of sparse rows in inference mode, through the model's
 * plan (the same arithmetic as training). Call inside `tf.tidy`.
 */
export function probabilities(model: tf.LayersModel, x: CsrTensors): tf.Tensor2D {
  let plan = plans.get(model);
  if (!plan) {
    plan = planForward(model);
    plans.set(model, plan);
  }
  return rowSoftmax(plan.logits(x, null));
}
