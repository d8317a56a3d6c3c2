import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictProba } from '../../../src/lib/core/models/predict';
import { deserializeModel, parseSerializedModel, serializeModel, toModelJson } from '../../../src/lib/core/models/serialize';
import { toyTest, trainedMlp, trainedSoftmaxRegression } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('serializeModel / deserializeModel', () => {
  it.each([
    ['softmax-regression', trainedSoftmaxRegression],
    ['mlp', trainedMlp],
  ] as const)('%s: a reloaded model predicts exactly the same probabilities', async (_, train) => {
    const baseline = tf.memory().numTensors;
    const model = await train();
    const serialized = await serializeModel(model);
    expect(serialized.format).toBe('layers-model');
    expect(serialized.modelTopology.class_name).toBe('Sequential');
    const bytes = serialized.weightSpecs.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    expect(serialized.weightData.byteLength).toBe(bytes);
    expect(serialized.weightSpecs.every((w) => Object.keys(w).sort().join() === 'dtype,name,shape')).toBe(true);

    // Plain data: survives structured cloning (IndexedDB, postMessage).
    const reloaded = await deserializeModel(structuredClone(serialized));
    expect(Array.from(predictProba(reloaded, toyTest.x))).toEqual(Array.from(predictProba(model, toyTest.x)));
    expect(reloaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    model.dispose();
    reloaded.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('writes a standard model.json and rejects malformed data', async () => {
    const model = await trainedSoftmaxRegression();
    const serialized = await serializeModel(model);
    model.dispose();
    const json = toModelJson(serialized, 'ticket-model.weights.bin');
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: ['ticket-model.weights.bin'], weights: serialized.weightSpecs }]);
    expect(JSON.parse(JSON.stringify(json)).modelTopology).toEqual(serialized.modelTopology);

    expect(() => parseSerializedModel(null)).toThrow(/expected an object/);
    expect(() => parseSerializedModel({ ...serialized, format: 'graph-model' })).toThrow(/format must be "layers-model"/);
    expect(() => parseSerializedModel({ ...serialized, weightData: serialized.weightData.slice(4) })).toThrow(/bytes, the specs describe/);
    expect(() => parseSerializedModel({ ...serialized, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float64' }] })).toThrow(/dtype must be/);
    await expect(deserializeModel({ ...serialized, weightData: new ArrayBuffer(0) })).rejects.toThrow(/Not a serialized model/);
  });
});
