import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/lib/core/models/families';
import { predictProba } from '../../../src/lib/core/models/predict';
import { serializeModel, type SerializedModel } from '../../../src/lib/core/models/serialize';
import { trainModel } from '../../../src/lib/core/models/train';
import { generateTickets, TICKET_LABELS } from '../../../src/lib/core/scenarios/tickets';
import { createPredictor } from '../../../src/lib/core/serving/inference';
import { loadDenseNetwork, softmaxInPlace } from '../../../src/lib/core/serving/network';
import { TfidfVectorizer, type SerializedTfidf } from '../../../src/lib/core/text/tfidf';

const classes = [...TICKET_LABELS];
const tickets = generateTickets({ count: 400, seed: 'serving-tests' });
const trainTexts = tickets.slice(0, 300).map((t) => `${t.subject} ${t.body}`);
const trainY = Int32Array.from(tickets.slice(0, 300), (t) => classes.indexOf(t.label));
const testTexts = [
  ...tickets.slice(300).map((t) => `${t.subject} ${t.body}`),
  '', // no known word: the bias-only answer
  'I was charged twice on my invoice, please refund',
];

let vectorizerJson: SerializedTfidf;
const trained: Record<'softmax' | 'mlp', { model: tf.Sequential; serialized: SerializedModel }> = {} as never;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const vectorizer = new TfidfVectorizer({ sublinearTf: true });
  const x = vectorizer.fitTransform(trainTexts);
  vectorizerJson = JSON.parse(JSON.stringify(vectorizer.toJSON())) as SerializedTfidf;
  const families = {
    softmax: { family: 'softmax-regression', params: { epochs: 3, batchSize: 64 } },
    mlp: { family: 'mlp', params: { epochs: 3, batchSize: 64, hiddenUnits: [32, 16], dropout: 0.3 } },
  } as const;
  for (const [key, { family, params }] of Object.entries(families) as [keyof typeof families, (typeof families)[keyof typeof families]][]) {
    const built = buildModel(family, vectorizer.vocabularySize, classes.length, params, `serving:${key}`);
    await trainModel({ model: built.model, train: { x, y: trainY }, numClasses: classes.length, params: built.params, seed: `serving:${key}` });
    trained[key] = { model: built.model, serialized: structuredClone(await serializeModel(built.model)) };
  }
}, 60_000);

afterAll(() => Object.values(trained).forEach(({ model }) => model.dispose()));

describe('createPredictor', () => {
  it.each(['softmax', 'mlp'] as const)('%s: the same probabilities as TF.js (predictProba and model.predict) within 1e-5', (key) => {
    const { model, serialized } = trained[key];
    const predictor = createPredictor({ model: serialized, vectorizer: vectorizerJson, classes });
    const vectorizer = TfidfVectorizer.fromJSON(vectorizerJson);
    expect(predictor.inputDim).toBe(vectorizer.vocabularySize);
    expect(predictor.classes).toEqual(classes);

    const x = vectorizer.transform(testTexts);
    const reference = predictProba(model, x);
    const dense = tf.tidy(() => {
      const rows = new Float32Array(x.rows * x.cols);
      for (let i = 0; i < x.rows; i++) for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) rows[i * x.cols + x.indices[p]] = x.data[p];
      return (model.predict(tf.tensor2d(rows, [x.rows, x.cols])) as tf.Tensor2D).dataSync();
    });

    const predictions = predictor.predict(testTexts);
    expect(predictions).toHaveLength(testTexts.length);
    let maxDiff = 0;
    predictions.forEach((p, i) => {
      expect(p.probabilities).toHaveLength(classes.length);
      expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      p.probabilities.forEach((q, c) => {
        maxDiff = Math.max(maxDiff, Math.abs(q - reference[i * 3 + c]), Math.abs(q - dense[i * 3 + c]));
      });
      expect(p.classIndex).toBe(p.probabilities.indexOf(Math.max(...p.probabilities)));
      expect(p.label).toBe(classes[p.classIndex]);
      expect(p.confidence).toBe(p.probabilities[p.classIndex]);
    });
    expect(maxDiff).toBeLessThan(1e-5);
    // The models learned something, so the comparison is not between two flat outputs.
    expect(Math.max(...predictions.map((p) => p.confidence))).toBeGreaterThan(0.6);
  });

  it('ignores words the vectorizer has never seen', () => {
    const predictor = createPredictor({ model: trained.mlp.serialized, vectorizer: vectorizerJson, classes });
    const [known, withUnknown, onlyUnknown, empty] = predictor.predict([
      'refund my invoice',
      'refund zzzqx my invoice flibbertigibbet',
      'zzzqx flibbertigibbet',
      '',
    ]);
    expect(withUnknown.probabilities).toEqual(known.probabilities);
    expect(onlyUnknown.probabilities).toEqual(empty.probabilities);
    expect(onlyUnknown.probabilities).not.toEqual(known.probabilities);
  });

  it('checks that the model, the vectorizer and the classes fit together', () => {
    const { serialized } = trained.softmax;
    expect(() => createPredictor({ model: serialized, vectorizer: vectorizerJson, classes: ['a', 'b'] })).toThrow(/2 class names for 3 model outputs/);
    const smaller = { ...vectorizerJson, vocabulary: vectorizerJson.vocabulary.slice(1), idf: vectorizerJson.idf.slice(1) };
    expect(() => createPredictor({ model: serialized, vectorizer: smaller, classes })).toThrow(/the vectorizer has \d+ terms, the model takes \d+ inputs/);
    expect(() => createPredictor({ model: serialized, vectorizer: { kind: 'other' }, classes })).toThrow(/expected kind "tfidf"/);
  });
});

/** The serialized MLP with its topology edited by `edit`. */
function withTopology(edit: (layers: Record<string, unknown>[]) => void): SerializedModel {
  const s = structuredClone(trained.mlp.serialized);
  edit((s.modelTopology.config as { layers: Record<string, unknown>[] }).layers);
  return s;
}

describe('loadDenseNetwork', () => {
  it('reads the TF.js topology: Dense layers in order, Dropout dropped', () => {
    const network = loadDenseNetwork(trained.mlp.serialized);
    expect(network.layers.map((l) => [l.name, l.inputs, l.units, l.activation])).toEqual([
      ['hidden_1', network.inputDim, 32, 'relu'],
      ['hidden_2', 32, 16, 'relu'],
      ['output', 16, 3, 'softmax'],
    ]);
    expect(network.outputDim).toBe(3);
    // Weight data handed over as an unaligned view is copied, not misread.
    const bytes = new Uint8Array(trained.mlp.serialized.weightData.byteLength + 1);
    bytes.set(new Uint8Array(trained.mlp.serialized.weightData), 1);
    const shifted = loadDenseNetwork({ ...trained.mlp.serialized, weightData: bytes.subarray(1) });
    expect(shifted.forwardSparse([0, 5], [0.5, 0.25])).toEqual(network.forwardSparse([0, 5], [0.5, 0.25]));
  });

  it('rejects layers, activations and weights it cannot compute, naming them', () => {
    const unsupportedLayer = withTopology((layers) => {
      layers[1] = { class_name: 'BatchNormalization', config: { name: 'batch_norm_1' } };
    });
    expect(() => loadDenseNetwork(unsupportedLayer)).toThrow(/layer "batch_norm_1" is a "BatchNormalization"; supported: Dense \(linear, relu, softmax\) and Dropout/);
    const tanh = withTopology((layers) => {
      (layers[0].config as Record<string, unknown>).activation = 'tanh';
    });
    expect(() => loadDenseNetwork(tanh)).toThrow(/Dense layer "hidden_1" has activation "tanh"/);
    const noSoftmax = withTopology((layers) => {
      (layers[layers.length - 1].config as Record<string, unknown>).activation = 'linear';
    });
    expect(() => loadDenseNetwork(noSoftmax)).toThrow(/last Dense layer \("output"\) must have a softmax/);
    const functional = structuredClone(trained.mlp.serialized);
    functional.modelTopology.class_name = 'Model';
    expect(() => loadDenseNetwork(functional)).toThrow(/only Sequential models are supported \(got "Model"\)/);

    const s = trained.softmax.serialized;
    expect(() => loadDenseNetwork({ ...s, weightSpecs: s.weightSpecs.map((w) => ({ ...w, dtype: 'int32' })) })).toThrow(/only float32 weights/);
    expect(() => loadDenseNetwork({ ...s, weightData: s.weightData.slice(8) })).toThrow(/the weight data has \d+ bytes/);
    expect(() => loadDenseNetwork({ ...s, weightSpecs: s.weightSpecs.map((w) => ({ ...w, name: w.name.replace('output', 'other') })) })).toThrow(/no weight "output\/kernel"/);
    expect(() => loadDenseNetwork({ ...s, modelTopology: 'nope' })).toThrow(/modelTopology must be an object/);
  });

  it('softmax is stable for large logits', () => {
    const z = Float64Array.from([1000, 1001, 999]);
    softmaxInPlace(z);
    const e = [Math.exp(-1), 1, Math.exp(-2)];
    const sum = e[0] + e[1] + e[2];
    e.forEach((v, i) => expect(z[i]).toBeCloseTo(v / sum, 15));
  });

  it('checks sparse inputs', () => {
    const network = loadDenseNetwork(trained.softmax.serialized);
    expect(() => network.forwardSparse([network.inputDim], [1])).toThrow(/outside \[0, \d+\)/);
    expect(() => network.forwardSparse([1, 2], [1])).toThrow(/2 indices but 1 values/);
    // Repeated columns add up, like a dense row would.
    const twice = network.forwardSparse([3, 3], [0.25, 0.25]);
    expect(Array.from(twice)).toEqual(Array.from(network.forwardSparse([3], [0.5])));
  });
});
