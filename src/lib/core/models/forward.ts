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
 * On the 'cpu' backend the first layer's product x·W skips the zeros of x (a TF-IDF batch is
 * > 99 % zeros): a `tf.customGrad` op computes x·W and dL/dW in JavaScript straight from the
 * backend's arrays (`dataSync` costs nothing there). With TF.js's dense CPU matmul the first
 * layer was the largest cost of a step (≈ 400 ms of an MLP step at 20k features × 64 units,
 * batch 32, measured with `tf.profile`). Other backends (WebGL) use `tf.matMul`. Results agree to
 * float rounding (tests/unit/models/forward.test.ts).
 */
import * as tf from '@tensorflow/tfjs';

export interface ForwardPlan {
  /** Number of Dropout layers: how many seeds each training step needs. */
  dropoutLayers: number;
  /**
   * Logits `[batch, classes]` for input `[batch, cols]`. `dropoutSeeds` (one per Dropout layer)
   * turns on training mode; `null` is inference (dropout is the identity). Call inside `tf.tidy`.
   */
  logits(x: tf.Tensor2D, dropoutSeeds: readonly number[] | null): tf.Tensor2D;
}

/**
 * x·W computed from the non-zero entries of x (found by one scan of the dense batch), with
 * dL/dW = xᵀ·dy from the same entries. x is closed over rather than passed as an op input: it is
 * always the model's input, so no gradient is computed for it.
 */
function sparseInputMatMul(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  const units = w.shape[1];
  const xv = x.dataSync() as Float32Array;
  const nonZeroRows: number[] = [];
  const nonZeroCols: number[] = [];
  const nonZeroValues: number[] = [];
  for (let r = 0; r < rows; r++) {
    const rowStart = r * cols;
    for (let j = 0; j < cols; j++) {
      const v = xv[rowStart + j];
      if (v !== 0) {
        nonZeroRows.push(r);
        nonZeroCols.push(j);
        nonZeroValues.push(v);
      }
    }
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const kernel = args[0] as tf.Tensor2D;
    const wv = kernel.dataSync() as Float32Array;
    const out = new Float32Array(rows * units);
    for (let p = 0; p < nonZeroValues.length; p++) {
      const v = nonZeroValues[p];
      const outStart = nonZeroRows[p] * units;
      const wStart = nonZeroCols[p] * units;
      for (let u = 0; u < units; u++) out[outStart + u] += v * wv[wStart + u];
    }
    return {
      value: tf.tensor2d(out, [rows, units]),
      gradFunc: (dy: tf.Tensor) => {
        const dyv = dy.dataSync() as Float32Array;
        const dw = new Float32Array(cols * units);
        for (let p = 0; p < nonZeroValues.length; p++) {
          const v = nonZeroValues[p];
          const dyStart = nonZeroRows[p] * units;
          const wStart = nonZeroCols[p] * units;
          for (let u = 0; u < units; u++) dw[wStart + u] += v * dyv[dyStart + u];
        }
        return tf.tensor2d(dw, [cols, units]);
      },
    };
  }) as (kernel: tf.Tensor2D) => tf.Tensor2D;
  return op(w);
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

function affine(h: tf.Tensor2D, parts: DenseParts, sparseInput: boolean): tf.Tensor2D {
  const kernel = parts.kernel.read() as tf.Tensor2D;
  const z: tf.Tensor2D = sparseInput ? sparseInputMatMul(h, kernel) : tf.matMul(h, kernel);
  return parts.bias ? (tf.add(z, parts.bias.read()) as tf.Tensor2D) : z;
}

export interface PlanOptions {
  /**
   * 'auto' (default): the zero-skipping first layer on the 'cpu' backend, `tf.matMul` elsewhere;
   * 'tfjs': always `tf.matMul` (what WebGL runs; for tests and benchmarks on the CPU backend).
   */
  kernels?: 'auto' | 'tfjs';
}

/** Plans the forward pass of `model`; throws if it is not a Sequential ending in a softmax Dense. */
export function planForward(model: tf.LayersModel, options: PlanOptions = {}): ForwardPlan {
  const kernels = options.kernels ?? 'auto';
  if (!(model instanceof tf.Sequential)) throw new Error('Expected a tf.Sequential model (as built by a model family).');
  const layers = model.layers;
  const output = layers.length > 0 ? denseParts(layers[layers.length - 1]) : null;
  if (!output || output.activation !== 'softmax') {
    throw new Error('The last layer of the model must be a Dense layer with a softmax activation.');
  }
  const body = layers.slice(0, -1).map((layer) => ({
    layer,
    dense: denseParts(layer),
    dropoutRate: layer.getClassName() === 'Dropout' ? Number(layer.getConfig().rate) : null,
  }));
  return {
    dropoutLayers: body.filter((b) => b.dropoutRate !== null).length,
    logits(x, dropoutSeeds) {
      let h: tf.Tensor2D = x;
      let seedIndex = 0;
      let sparseInput = kernels === 'auto' && tf.getBackend() === 'cpu';
      for (const { layer, dense, dropoutRate } of body) {
        if (dropoutRate !== null) {
          const seed = dropoutSeeds?.[seedIndex++];
          if (seed !== undefined && dropoutRate > 0) h = tf.dropout(h, dropoutRate, undefined, seed) as tf.Tensor2D;
        } else if (dense && dense.activation !== 'softmax') {
          const z = affine(h, dense, sparseInput);
          h = dense.activation === 'relu' ? tf.relu(z) : z;
        } else {
          h = layer.apply(h) as tf.Tensor2D;
        }
        sparseInput = false;
      }
      return affine(h, output, sparseInput);
    },
  };
}

const plans = new WeakMap<tf.LayersModel, ForwardPlan | null>();

/**
 * Class probabilities `[batch, classes]` in inference mode: through the plan when the model has
 * one (the same arithmetic as training), otherwise `model.apply`. Call inside `tf.tidy`.
 */
export function probabilities(model: tf.LayersModel, x: tf.Tensor2D): tf.Tensor2D {
  let plan = plans.get(model);
  if (plan === undefined) {
    try {
      plan = planForward(model);
    } catch {
      plan = null;
    }
    plans.set(model, plan);
  }
  return plan ? tf.softmax(plan.logits(x, null)) : (model.apply(x, { training: false }) as tf.Tensor2D);
}
