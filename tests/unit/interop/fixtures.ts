/** A small project for the MLflow export tests: two runs, two models, alias moves, one archived version. */
import type { MlflowExportInput, MlflowModelVersionInput, MlflowRunInput } from '$lib/core/interop/mlflow/input';
import type { SerializedModel } from '$lib/core/models/serialize';

export const PROJECT = {
  id: 'proj-1',
  name: 'Support tickets',
  description: 'Route tickets: billing, technical, general.',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-05T17:30:00.000Z',
};

export const RUN_1: MlflowRunInput = {
  id: 'run-one',
  number: 1,
  createdAt: '2026-03-02T10:00:05.000Z',
  status: 'completed',
  family: 'softmax-regression',
  params: { epochs: 3, learningRate: 0.05, l2: 1e-5, optimizer: 'adam', earlyStopping: true },
  seed: 'seed-1',
  backend: 'cpu',
  metrics: { 'test.accuracy': 0.9, 'test.macro_f1': 0.8833333333333333, 'validation.accuracy': 0.875 },
  curves: { loss: [1.1, 0.7, 0.5], valLoss: [1.2, 0.8, 0.65], accuracy: [], 'test.accuracy': [0.5, 0.8, 0.9] },
  timings: { totalMs: 5000, trainMs: 4200.5, epochs: 3 },
  appVersion: '0.1.0',
  datasetVersionId: 'dv-3',
  datasetVersionNumber: 3,
  classes: ['Billing', 'General Inquiry', 'Technical Issue'],
  warnings: ['The baseline is close.'],
  evaluation: { test: { accuracy: 0.9, ece: NaN, cellExamples: [[[{ key: 'T-1', text: 'private customer text', confidence: 0.9 }]]] } },
};

export const RUN_2: MlflowRunInput = {
  id: 'run-two',
  number: 2,
  createdAt: '2026-03-04T08:00:00.000Z',
  status: 'completed',
  family: 'mlp',
  params: { hiddenUnits: [64, 32], 'odd key: yes/../x': 'on', dropout: 0.2 },
  seed: 42,
  backend: 'webgl',
  fallbackReason: null,
  metrics: { 'test.accuracy': 0.93 },
  curves: { loss: [0.9, 0.4] },
  timings: {},
  appVersion: '0.1.0',
  datasetVersionId: 'dv-4',
  datasetVersionNumber: 4,
};

export const VERSIONS: MlflowModelVersionInput[] = [
  {
    id: 'mv-1', modelName: 'Ticket router', version: 1, runId: 'run-one', datasetVersionId: 'dv-3',
    createdAt: '2026-03-02T11:00:00.000Z', description: '', tags: { family: 'softmax-regression' },
    aliases: [], archived: true, appVersion: '0.1.0',
  },
  {
    id: 'mv-2', modelName: 'Ticket router', version: 2, runId: 'run-two', datasetVersionId: 'dv-4',
    createdAt: '2026-03-04T09:00:00.000Z', description: 'More data: the March import.', tags: { family: 'mlp', owner: 'support team' },
    aliases: ['champion', 'v1'], archived: false, appVersion: '0.1.0',
  },
  {
    id: 'mv-3', modelName: 'spam/filter%', version: 1, runId: 'run-one', datasetVersionId: 'dv-3',
    createdAt: '2026-03-03T12:00:00.000Z', description: 'yes', tags: {},
    aliases: ['challenger'], archived: false, appVersion: '0.1.0',
  },
];

export const ALIAS_EVENTS: MlflowExportInput['aliasEvents'] = [
  { modelName: 'Ticket router', alias: 'champion', fromVersionId: null, toVersionId: 'mv-1', at: '2026-03-02T12:00:00.000Z', by: 'Ana', reason: 'first model' },
  { modelName: 'Ticket router', alias: 'champion', fromVersionId: 'mv-1', toVersionId: 'mv-2', at: '2026-03-05T08:00:00.000Z', by: 'Ben', reason: 'better macro-F1' },
  { modelName: 'spam/filter%', alias: 'challenger', fromVersionId: null, toVersionId: 'mv-3', at: '2026-03-03T13:00:00.000Z', by: 'Ana', reason: 'try it' },
];

/** A tiny stand-in model: a topology, one weight of 2 floats. */
export function fakeModel(): SerializedModel {
  return {
    format: 'layers-model',
    modelTopology: { class_name: 'Sequential', keras_version: 'tfjs-layers 4.22.0', config: { name: 'm', layers: [] } },
    weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }],
    weightData: new Float32Array([0.25, -1.5]).buffer,
  };
}

export function sampleInput(overrides: Partial<MlflowExportInput> = {}): MlflowExportInput {
  return {
    project: PROJECT,
    runs: [RUN_2, RUN_1],
    modelVersions: VERSIONS,
    aliasEvents: ALIAS_EVENTS,
    artifacts: new Map([['run-one', { model: fakeModel(), vectorizer: { vocabulary: ['a', 'b'] } }]]),
    user: 'Ada',
    ...overrides,
  };
}
