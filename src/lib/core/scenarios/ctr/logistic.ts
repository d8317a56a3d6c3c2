/**
 * Binary logistic regression on one-hot rows, trained with per-coordinate AdaGrad SGD (the
 * classic online CTR learner) in plain JavaScript, float64, in a seeded row order.
 *
 * Why not `models/train.ts` (TF.js): (1) speed — training the deployed model on 80k logged
 * impressions takes ≈ 1.8 s there in Node (each 512-row step densifies the batch and pays TF.js's
 * per-op cost), which alone exceeds the scenario's budget for all 13 weeks, and every retrain in
 * a live demo would pay it again; this loop does 200k rows × 3 epochs in tens of milliseconds;
 * (2) determinism — the weights decide which item each user is shown, so they must be the same on
 * every machine; TF.js's WebGL and CPU backends round differently, plain float64 does not.
 *
 * Every CTR model version trained here is also a TF.js model: `tfjsExport.ts` writes it as a
 * layers model (one Dense unit, sigmoid, these weights as float32) that loads with
 * `tf.loadLayersModel` and predicts the same click probabilities to float32 precision.
 *
 * Rows are given as `k` active column indices each (value 1), row-major in one Int32Array.
 */
import { createRng, type Rng } from '../../random';

export interface LogisticWeights {
  /** One weight per column. */
  weights: Float64Array;
  bias: number;
}

export interface LogisticOptions {
  /** Passes over the rows; default 3. */
  epochs?: number;
  /** AdaGrad step size; default 0.1. */
  learningRate?: number;
  /** L2 penalty per update of an active weight; default 1e-4. */
  l2?: number;
  /** Seed of the row order of each epoch. */
  seed: string;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function permutation(rng: Rng, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Fits weights to `rows` rows of `k` active columns each (`active`), labels `y` (0/1). */
export function fitLogistic(active: Int32Array, k: number, y: Uint8Array, cols: number, options: LogisticOptions): LogisticWeights {
  const rows = y.length;
  if (active.length !== rows * k) throw new Error(`fitLogistic: ${active.length} indices for ${rows} rows of ${k}`);
  if (rows === 0) throw new Error('fitLogistic: no rows to train on');
  const { epochs = 3, learningRate = 0.1, l2 = 1e-4, seed } = options;
  const weights = new Float64Array(cols);
  const squares = new Float64Array(cols);
  let bias = 0;
  let biasSquares = 0;
  const eps = 1e-8;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(createRng(`${seed}:epoch:${epoch}`), rows);
    for (let r = 0; r < rows; r++) {
      const i = order[r];
      const at = i * k;
      let z = bias;
      for (let g = 0; g < k; g++) z += weights[active[at + g]];
      const error = sigmoid(z) - y[i];
      biasSquares += error * error;
      bias -= (learningRate * error) / Math.sqrt(biasSquares + eps);
      for (let g = 0; g < k; g++) {
        const j = active[at + g];
        const grad = error + l2 * weights[j];
        squares[j] += grad * grad;
        weights[j] -= (learningRate * grad) / Math.sqrt(squares[j] + eps);
      }
    }
  }
  return { weights, bias };
}
