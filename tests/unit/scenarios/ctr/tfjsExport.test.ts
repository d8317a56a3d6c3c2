/** Every CTR model version as a TF.js layers model: same predictions as the scenario, and its `.zip`. */
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeModel } from '../../../../src/lib/core/models/serialize';
import { describeLayers, topologyShape } from '../../../../src/lib/core/registry/modelPackage';
import {
  changeFeatures, createScenario, FEATURE_NAMES, impressionAt, predictLogged, servingModel, stepWeek,
  type CtrModel, type CtrScenarioState, type ImpressionWeek, type ModelVersion,
} from '../../../../src/lib/core/scenarios/ctr';
import { emptyRow, readRow } from '../../../../src/lib/core/scenarios/ctr/ctrModel';
import { CTR_FEATURES_KIND, ctrModelFileName, ctrModelPackage } from '../../../../src/lib/core/scenarios/ctr/ctrModelPackage';
import { encodeRow, featureLayout } from '../../../../src/lib/core/scenarios/ctr/features';
import { CTR_LAYER_NAME, ctrFeatureColumns, ctrModelToLayers, oneHotRow } from '../../../../src/lib/core/scenarios/ctr/tfjsExport';

/** float32 weights and arithmetic against the scenario's float64 (stored as float32). */
const TOLERANCE = 1e-6;
const ROWS = 400;

let state: CtrScenarioState;
let v1: ModelVersion;
let wide: ModelVersion;
let log: ImpressionWeek;

beforeAll(async () => {
  await tf.setBackend('cpu');
  state = createScenario({ impressionsPerWeek: 3000 });
  v1 = servingModel(state);
  stepWeek(state);
  stepWeek(state);
  log = state.logs[1];
  // A version with every feature group, so every group's column order is checked.
  wide = changeFeatures(state, { add: [...FEATURE_NAMES] });
});

/** Rows of the first `ROWS` impressions that were served (not errors). */
function servedRows(): number[] {
  const rows: number[] = [];
  for (let i = 0; i < log.count && rows.length < ROWS; i++) if (log.status[i] === 0) rows.push(i);
  return rows;
}

async function tfPredict(model: CtrModel, rows: number[]): Promise<Float32Array> {
  const s = ctrModelToLayers(model);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: s.modelTopology, weightSpecs: s.weightSpecs, weightData: s.weightData }));
  const columns = ctrFeatureColumns(model);
  const cols = featureLayout(model.features).cols;
  const x = new Float32Array(rows.length * cols);
  rows.forEach((i, r) => x.set(oneHotRow(model, impressionAt(log, i), columns), r * cols));
  const out = tf.tidy(() => loaded.predict(tf.tensor2d(x, [rows.length, cols])) as tf.Tensor);
  const values = (await out.data()) as Float32Array;
  out.dispose();
  loaded.dispose();
  return values;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('ctrModelToLayers', () => {
  it('writes the topology and weight specs TF.js itself saves for the same model', async () => {
    const cols = featureLayout(v1.features).cols;
    const exported = ctrModelToLayers(v1);
    const reference = tf.sequential({ name: 'ctr_model', layers: [tf.layers.dense({ inputShape: [cols], units: 1, activation: 'sigmoid', name: CTR_LAYER_NAME })] });
    const saved = await serializeModel(reference);
    reference.dispose();
    expect(exported.modelTopology).toEqual(saved.modelTopology);
    expect(exported.weightSpecs).toEqual(saved.weightSpecs);
    expect(exported.weightData.byteLength).toBe(saved.weightData.byteLength);
    expect(topologyShape(exported.modelTopology)).toEqual({ inputDim: cols, outputUnits: 1 });
    expect(describeLayers(exported.modelTopology)).toEqual([`${CTR_LAYER_NAME}: Dense, 1 units, sigmoid`]);
  });

  it('the deployed model, reloaded by TF.js, predicts the CTR the scenario logged', async () => {
    const rows = servedRows();
    expect(rows.length).toBe(ROWS);
    expect(rows.every((i) => log.modelVersion[i] === v1.version)).toBe(true);
    const logged = rows.map((i) => log.predictedCtr[i]);
    expect(maxDiff(await tfPredict(v1, rows), logged)).toBeLessThan(TOLERANCE);
  });

  it('a model with every feature group predicts what the scenario scores', async () => {
    const rows = servedRows();
    const scored = predictLogged(wide, log);
    expect(maxDiff(await tfPredict(wide, rows), rows.map((i) => scored[i]))).toBeLessThan(TOLERANCE);
    // And the label-built row has its 1s exactly at the columns the trainer encodes.
    const layout = featureLayout(wide.features);
    const active = new Int32Array(layout.groups.length);
    const row = emptyRow();
    for (const i of rows) {
      encodeRow(layout, readRow(log, i, row), active);
      const x = oneHotRow(wide, impressionAt(log, i));
      expect(x.reduce((ones, v, j) => (v === 1 ? [...ones, j] : ones), [] as number[])).toEqual(Array.from(active));
    }
  });

  it('labels crosses with the last field fastest, and refuses what it cannot encode', () => {
    const groups = ctrFeatureColumns(wide);
    const cross = groups.find((g) => g.name === 'ageBand×device×itemCategory')!;
    expect(cross.fields).toEqual(['ageBand', 'device', 'itemCategory']);
    expect(cross.labels.slice(0, 2)).toEqual(['18-24×mobile×news', '18-24×mobile×sports']);
    expect(groups.find((g) => g.name === 'position')!.labels[0]).toBe('1');
    expect(() => oneHotRow(wide, { ...impressionAt(log, 0), region: 'Mars' })).toThrow(/no column "Mars"/);
    expect(() => ctrModelToLayers({ ...v1, weights: v1.weights.subarray(1) })).toThrow(/weights for/);
  });
});

describe('ctrModelPackage', () => {
  const meta = () => ({ version: wide.version, deployedAtWeek: wide.deployedAtWeek, reason: wide.reason });

  it('zips model.json, weights.bin, features.json and a README that reload as the same model', async () => {
    const zip = ctrModelPackage(wide, meta());
    expect(ctrModelPackage(wide, meta())).toEqual(zip);
    expect(ctrModelFileName(2)).toBe('ctr-model-v2.zip');
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['model.json', 'weights.bin', 'features.json', 'README.md']);

    const modelJson = JSON.parse(strFromU8(files['model.json'])) as tf.io.ModelJSON;
    const layers = ctrModelToLayers(wide);
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.generatedBy).toBe(`TensorFlow.js tfjs-layers v${tf.version_layers}`);
    expect(modelJson.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: layers.weightSpecs }]);
    expect(files['weights.bin']).toEqual(new Uint8Array(layers.weightData));

    const features = JSON.parse(strFromU8(files['features.json'])) as { kind: string; schemaVersion: number; data: Record<string, unknown> };
    const cols = featureLayout(wide.features).cols;
    expect(features).toMatchObject({
      kind: CTR_FEATURES_KIND,
      schemaVersion: 1,
      data: { version: 2, deployedAtWeek: 2, reason: 'changeFeatures', trainedOn: wide.trainedOn, trainingRows: wide.trainingRows, trainingCtr: wide.trainingCtr, inputSize: cols },
    });
    const columns = features.data.columns as string[];
    expect(columns).toHaveLength(cols);
    expect(columns[0]).toBe('ageBand=18-24');
    expect(columns.at(-1)).toBe('ageBand×device×itemCategory=55+×tablet×tech');
    expect(features.data.groups).toEqual(ctrFeatureColumns(wide));
    const readme = strFromU8(files['README.md']);
    expect(readme).toContain('# CTR model v2');
    expect(readme).toContain('tf.loadLayersModel');

    // Loaded the way the README says, from the package's own files.
    const reloaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files['weights.bin'].slice().buffer }),
    );
    const x = oneHotRow(wide, impressionAt(log, 0));
    const p = tf.tidy(() => (reloaded.predict(tf.tensor2d(x, [1, cols])) as tf.Tensor).dataSync()[0]);
    reloaded.dispose();
    expect(Math.abs(p - predictLogged(wide, log)[0])).toBeLessThan(TOLERANCE);
  });
});
