/**
 * Binary L2-regularised logistic regression on CSR features, in plain JavaScript — scikit-learn's
 * `LogisticRegression(C=c)` objective, minimised by L-BFGS:
 *   ½‖w‖² + C · Σᵢ log(1 + exp(−sᵢ (xᵢ·w + b))),   sᵢ = ±1, intercept b not penalised.
 * Each evaluation is one pass over the non-zeros (sparse X·w and Xᵀ·d), so thousands of TF-IDF
 * rows fit in tens of milliseconds. Deterministic: no sampling, start at w = 0.
 *
 * Not the TF.js training loop (`models/train.ts`): that trains multi-class softmax on dense
 * fixed-shape batches for the GPU and is asynchronous; a drift check needs one small, exact,
 * synchronous binary fit inside a worker.
 */
import type { CsrMatrix } from '../../text/sparse';

export interface LogisticOptions {
  /** Inverse regularisation strength (sklearn's C); default 1. */
  c?: number;
  /** Default 200. */
  maxIterations?: number;
  /** Stop when the largest gradient component is below this; default 1e-5. */
  tolerance?: number;
}

export interface LogisticModel {
  /** One weight per column; positive weights push towards class 1. */
  weights: Float64Array;
  bias: number;
  iterations: number;
  converged: boolean;
}

const MEMORY = 10;

/** log(1 + e^t) without overflow. */
const softplus = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/** Margins X·w + b for every row. */
export function decisionFunction(x: CsrMatrix, weights: ArrayLike<number>, bias: number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let z = bias;
    for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) z += x.data[p] * weights[x.indices[p]];
    out[r] = z;
  }
  return out;
}

/** Fits the model; `y[i]` is 0 or 1. */
export function fitLogisticRegression(x: CsrMatrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const c = options.c ?? 1;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-5;
  if (y.length !== x.rows) throw new RangeError(`logistic regression: ${y.length} labels for ${x.rows} rows`);
  const dim = x.cols + 1; // weights, then the bias
  const signs = Float64Array.from({ length: x.rows }, (_, i) => (y[i] === 1 ? 1 : -1));

  /** Objective at `theta`; writes its gradient into `grad`. */
  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    const bias = theta[dim - 1];
    let loss = 0;
    grad.fill(0);
    let biasGrad = 0;
    for (let r = 0; r < x.rows; r++) {
      let z = bias;
      for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) z += x.data[p] * theta[x.indices[p]];
      const m = signs[r] * z;
      loss += softplus(-m);
      // d/dz log(1 + e^(−s z)) = −s σ(−s z)
      const d = (-signs[r] / (1 + Math.exp(m))) * c;
      for (let p = x.indptr[r]; p < x.indptr[r + 1]; p++) grad[x.indices[p]] += x.data[p] * d;
      biasGrad += d;
    }
    let penalty = 0;
    for (let j = 0; j < dim - 1; j++) {
      penalty += theta[j] * theta[j];
      grad[j] += theta[j];
    }
    grad[dim - 1] = biasGrad;
    return 0.5 * penalty + c * loss;
  };

  const theta = new Float64Array(dim);
  let grad = new Float64Array(dim);
  let value = evaluate(theta, grad);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(dim);
  const alpha = new Float64Array(MEMORY);
  const trial = new Float64Array(dim);
  let trialGrad = new Float64Array(dim);
  let iterations = 0;
  let converged = maxAbs(grad) <= tolerance;

  while (!converged && iterations < maxIterations) {
    // Two-loop recursion: direction = −H·grad.
    direction.set(grad);
    for (let k = sHistory.length - 1; k >= 0; k--) {
      alpha[k] = rhoHistory[k] * dot(sHistory[k], direction);
      axpy(-alpha[k], yHistory[k], direction);
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      scale(direction, dot(sHistory[last], yHistory[last]) / dot(yHistory[last], yHistory[last]));
    } else {
      scale(direction, 1 / Math.max(1, Math.sqrt(dot(grad, grad))));
    }
    for (let k = 0; k < sHistory.length; k++) axpy(alpha[k] - rhoHistory[k] * dot(yHistory[k], direction), sHistory[k], direction);
    scale(direction, -1);
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature lost): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      direction.set(grad);
      scale(direction, -1 / Math.max(1, Math.sqrt(dot(grad, grad))));
      slope = dot(grad, direction);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    let trialValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < dim; j++) trial[j] = theta[j] + step * direction[j];
      trialValue = evaluate(trial, trialGrad);
      if (trialValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(trialValue < value)) break; // no progress possible at double precision
    const s = new Float64Array(dim);
    const yk = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      s[j] = trial[j] - theta[j];
      yk[j] = trialGrad[j] - grad[j];
    }
    const sy = dot(s, yk);
    if (sy > 1e-12) {
      if (sHistory.length === MEMORY) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(yk);
      rhoHistory.push(1 / sy);
    }
    theta.set(trial);
    [grad, trialGrad] = [trialGrad, grad];
    const previous = value;
    value = trialValue;
    iterations++;
    converged = maxAbs(grad) <= tolerance || previous - value <= 1e-12 * Math.max(1, Math.abs(value));
  }
  return { weights: theta.slice(0, dim - 1), bias: theta[dim - 1], iterations, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}
