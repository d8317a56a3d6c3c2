/**
 * Text in, labelled probabilities out: the served model's whole pipeline (TF-IDF vectorizer, then
 * the network of `network.ts`) without TF.js, so the service worker answers in well under a
 * millisecond from a cold start.
 *
 * A predictor is built once per deployed version (parsing the vectorizer and viewing the weights
 * costs a few ms for a 20k vocabulary) and then called per request. Words the vectorizer has not
 * seen are ignored, exactly as in training; a text with no known word gets the model's bias-only
 * answer.
 */
import { TfidfVectorizer } from '../text/tfidf';
import { loadDenseNetwork, type StoredModelParts } from './network';

/** What computes a served prediction, as latency reports name it (TF.js reports 'webgl' or 'cpu'). */
export const INFERENCE_BACKEND = 'js';

export interface PredictorInput {
  /** The stored model: a `SerializedModel` or the same three fields from an artifact record. */
  model: StoredModelParts;
  /** The fitted vectorizer's JSON (`SerializedTfidf`, as `TfidfVectorizer.toJSON()` writes it). */
  vectorizer: unknown;
  /** Class names in output-column order. */
  classes: readonly string[];
}

export interface Prediction {
  /** `classes[classIndex]`. */
  label: string;
  /** Index of the most probable class (the first one on a tie, as `argMax` does). */
  classIndex: number;
  /** One probability per class, in `classes` order; they sum to 1. */
  probabilities: number[];
  /** `probabilities[classIndex]`. */
  confidence: number;
}

export interface Predictor {
  predict(texts: readonly string[]): Prediction[];
  readonly classes: readonly string[];
  /** Number of input features (the vocabulary size). */
  readonly inputDim: number;
}

/** Builds the predictor; throws a clear error if the model, the vectorizer or the classes do not fit together. */
export function createPredictor(input: PredictorInput): Predictor {
  const network = loadDenseNetwork(input.model);
  const vectorizer = TfidfVectorizer.fromJSON(input.vectorizer);
  const classes = [...input.classes];
  if (!classes.every((c) => typeof c === 'string')) throw new Error('Cannot serve this model: classes must be strings');
  if (vectorizer.vocabularySize !== network.inputDim) {
    throw new Error(`Cannot serve this model: the vectorizer has ${vectorizer.vocabularySize} terms, the model takes ${network.inputDim} inputs`);
  }
  if (classes.length !== network.outputDim) {
    throw new Error(`Cannot serve this model: ${classes.length} class names for ${network.outputDim} model outputs`);
  }
  const out = new Float64Array(network.outputDim);
  return {
    classes,
    inputDim: network.inputDim,
    predict(texts) {
      return texts.map((text) => {
        const { indices, data } = vectorizer.transformOne(text);
        network.forwardSparse(indices, data, out);
        let classIndex = 0;
        for (let c = 1; c < out.length; c++) if (out[c] > out[classIndex]) classIndex = c;
        return { label: classes[classIndex], classIndex, probabilities: Array.from(out), confidence: out[classIndex] };
      });
    },
  };
}
