/**
 * Explanations for softmax regression, read straight from its weights.
 *
 * The kernel W is cols × classes: a document's score for class c is Σ_j x_j · W[j, c] + b_c.
 * Softmax ignores anything added to all classes' scores alike, so by default weights are
 * *centred* per term, W[j, c] − mean_k W[j, k]: what a term adds to class c relative to the
 * average class. (With an L2 penalty the trained weights are close to centred anyway; pass
 * `{ centered: false }` for the raw kernel.)
 */
import * as tf from '@tensorflow/tfjs';

/** The weights of a softmax-regression model as plain arrays. */
export interface SoftmaxWeights {
  cols: number;
  classes: number;
  /** Row-major cols × classes. */
  kernel: Float32Array;
  /** Length classes. */
  bias: Float32Array;
}

export interface ExplainOptions {
  /** Centre each term's weights across classes (default true). */
  centered?: boolean;
}

export interface TermWeight {
  featureIndex: number;
  term: string;
  weight: number;
}

export interface ClassTopTerms {
  classIndex: number;
  className: string;
  /** Highest weight first. */
  terms: TermWeight[];
}

export interface TermContribution {
  featureIndex: number;
  term: string;
  /** The document's feature value (e.g. its TF-IDF weight). */
  value: number;
  weight: number;
  /** value × weight: how far this term moved the class's score. */
  contribution: number;
}

/** Reads kernel and bias of a model with exactly one Dense layer (softmax regression). */
export function readSoftmaxWeights(model: tf.LayersModel): SoftmaxWeights {
  const dense = model.layers.filter((layer) => layer.getClassName() === 'Dense');
  if (dense.length !== 1) {
    throw new Error(`Weight-based explanations need a softmax-regression model (one Dense layer); this model has ${dense.length}.`);
  }
  const [kernelTensor, biasTensor] = dense[0].getWeights();
  const [cols, classes] = kernelTensor.shape;
  return {
    cols,
    classes,
    kernel: Float32Array.from(kernelTensor.dataSync()),
    bias: biasTensor ? Float32Array.from(biasTensor.dataSync()) : new Float32Array(classes),
  };
}

function weightsOf(source: tf.LayersModel | SoftmaxWeights): SoftmaxWeights {
  return source instanceof tf.LayersModel ? readSoftmaxWeights(source) : source;
}

/** W[j, c], centred across classes unless `centered` is false. */
function termWeight(w: SoftmaxWeights, j: number, c: number, centered: boolean): number {
  const row = j * w.classes;
  if (!centered) return w.kernel[row + c];
  let sum = 0;
  for (let k = 0; k < w.classes; k++) sum += w.kernel[row + k];
  return w.kernel[row + c] - sum / w.classes;
}

function checkNames(w: SoftmaxWeights, featureNames: readonly string[]): void {
  if (featureNames.length !== w.cols) throw new Error(`${featureNames.length} feature names for a model with ${w.cols} features`);
}

/** The `k` terms with the highest weight for each class, in class order. */
export function topTermsPerClass(
  source: tf.LayersModel | SoftmaxWeights,
  featureNames: readonly string[],
  classes: readonly string[],
  k: number,
  options: ExplainOptions = {},
): ClassTopTerms[] {
  const w = weightsOf(source);
  checkNames(w, featureNames);
  if (classes.length !== w.classes) throw new Error(`${classes.length} class names for a model with ${w.classes} classes`);
  const centered = options.centered ?? true;
  const weights = new Float32Array(w.cols);
  const order = new Int32Array(w.cols);
  return classes.map((className, c) => {
    for (let j = 0; j < w.cols; j++) {
      weights[j] = termWeight(w, j, c, centered);
      order[j] = j;
    }
    order.sort((a, b) => weights[b] - weights[a] || a - b);
    const terms = Array.from(order.subarray(0, Math.min(k, w.cols)), (j) => ({ featureIndex: j, term: featureNames[j], weight: weights[j] }));
    return { classIndex: c, className, terms };
  });
}

/**
 * The terms of one document that pushed it toward class `classIndex` the most: entries with a
 * positive value × weight, largest first, at most `k`.
 */
export function contributions(
  source: tf.LayersModel | SoftmaxWeights,
  x: { indices: ArrayLike<number>; data: ArrayLike<number> },
  featureNames: readonly string[],
  classIndex: number,
  k: number,
  options: ExplainOptions = {},
): TermContribution[] {
  const w = weightsOf(source);
  checkNames(w, featureNames);
  if (!(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < w.classes)) {
    throw new Error(`classIndex ${classIndex} outside [0, ${w.classes})`);
  }
  const centered = options.centered ?? true;
  const result: TermContribution[] = [];
  for (let p = 0; p < x.indices.length; p++) {
    const j = x.indices[p];
    if (!(j >= 0 && j < w.cols)) throw new Error(`feature index ${j} outside [0, ${w.cols})`);
    const value = x.data[p];
    const weight = termWeight(w, j, classIndex, centered);
    const contribution = value * weight;
    if (contribution > 0) result.push({ featureIndex: j, term: featureNames[j], value, weight, contribution });
  }
  result.sort((a, b) => b.contribution - a.contribution || a.featureIndex - b.featureIndex);
  return result.slice(0, Math.max(0, k));
}
