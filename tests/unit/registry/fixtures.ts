/** A real model version to pack: a TF.js model on generated tickets, its vectorizer, evaluation and criteria. */
import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { toMeasuredMetrics } from '../../../src/lib/core/eval/evaluate';
import { DEFAULT_TICKET_CRITERIA, evaluateCriteria } from '../../../src/lib/core/lifecycle/criteria';
import { buildModel } from '../../../src/lib/core/models/families';
import type { RunEvaluation, SplitSummary } from '../../../src/lib/core/models/runReport';
import { serializeModel, type SerializedModel } from '../../../src/lib/core/models/serialize';
import { generateTickets, TICKET_LABELS } from '../../../src/lib/core/scenarios/tickets';
import { TfidfVectorizer } from '../../../src/lib/core/text/tfidf';
import type { ModelPackageInput } from '../../../src/lib/core/registry/modelPackage';

const tickets = generateTickets({ count: 120, seed: 'registry-fixture' });
export const texts = tickets.map((t) => `${t.subject} ${t.body}`);
export const classes = [...TICKET_LABELS];

function split(n: number, accuracy: number, perSlice: SplitSummary['perSlice'] = []): SplitSummary {
  return {
    n,
    accuracy,
    macroF1: accuracy - 0.02,
    microF1: accuracy,
    weightedF1: accuracy - 0.01,
    precisionMacro: accuracy - 0.015,
    recallMacro: accuracy - 0.025,
    ece: 0.031,
    perClass: classes.map((label, i) => ({ label, precision: 0.9 + i / 100, recall: 0.88 + i / 100, f1: 0.89 + i / 100, support: 20 + i })),
    confusion: [
      [19, 1, 0],
      [1, 18, 2],
      [0, 2, 20],
    ],
    cellExamples: [[[{ key: 'T-1', text: 'private customer text', confidence: 0.9 }]]],
    reliability: [{ lo: 0, hi: 1, count: n, confidence: 0.9, accuracy }],
    abstain: [{ threshold: 0.5, coverage: 1, accuracy }],
    perSlice,
  };
}

export const evaluation: RunEvaluation = {
  classes,
  validation: split(60, 0.915),
  test: split(63, 0.9365079365079365, [
    { sliceId: 's1', name: 'channel = chat', n: 14, accuracy: 0.8571428571428571, macroF1: 0.84 },
    { sliceId: 's2', name: 'tier = enterprise', n: 0, accuracy: NaN, macroF1: NaN },
  ]),
  baseline: { label: 'majority class', accuracy: 0.4, macroF1: 0.19, verdict: 'better', warning: null },
  latency: { p50: 1.25, p95: 2.5, p99: 3.75, mean: 1.4, samples: 300, batchPerSecond: 5210.4, backend: 'cpu' },
};

export const criteria = evaluateCriteria(
  DEFAULT_TICKET_CRITERIA,
  toMeasuredMetrics({ test: evaluation.test, validation: evaluation.validation ?? undefined }, evaluation.latency, { latencySplit: 'production' }),
);

/** A fitted vectorizer and an untrained (seeded) model of `family` on its vocabulary, serialized. */
export async function realModel(family: 'softmax-regression' | 'mlp' = 'softmax-regression') {
  await tf.setBackend('cpu');
  const vectorizer = new TfidfVectorizer({ minDf: 2, sublinearTf: true }).fit(texts);
  const rawParams = family === 'mlp' ? { hiddenUnits: [8], epochs: 5 } : { epochs: 5 };
  const { model, params } = buildModel(family, vectorizer.vocabularySize, classes.length, rawParams, 'registry-seed');
  const serialized = await serializeModel(model);
  return { model, params, vectorizer, serialized };
}

export function packageInput(serialized: SerializedModel, vectorizer: TfidfVectorizer, params: object, overrides: Partial<ModelPackageInput> = {}): ModelPackageInput {
  return {
    model: serialized,
    vectorizer: vectorizer.toJSON(),
    classes,
    name: 'ticket-router',
    version: 3,
    description: 'Routes incoming support tickets to the billing, technical or general queue.',
    family: 'softmax-regression',
    tags: { team: 'support', family: 'softmax-regression' },
    aliases: ['champion'],
    owner: 'Ada',
    createdAt: '2026-04-01T12:34:56.000Z',
    appVersion: '0.1.0',
    lineage: { projectId: 'p-1', modelVersionId: 'mv-3', runId: 'run-7', runNumber: 7, datasetVersionId: 'dv-2', datasetVersionNumber: 2 },
    params: params as ModelPackageInput['params'],
    seed: 'registry-seed',
    backend: 'cpu',
    trainExamples: 840,
    canvas: { valueProposition: 'Agents get tickets in the right queue without triage.', predictionTask: 'Ticket text to one of three queues.' },
    evaluation,
    criteria,
    ...overrides,
  };
}

/** The files of a zip, for tampering in tests. */
export function filesOf(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(zip);
}

/** A zip of `files` (in insertion order). */
export function rezip(files: Record<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = data;
  return zipSync(zippable);
}

export function readJson(files: Record<string, Uint8Array>, name: string): Record<string, unknown> {
  return JSON.parse(strFromU8(files[name])) as Record<string, unknown>;
}

export function withJson(files: Record<string, Uint8Array>, name: string, value: unknown): Record<string, Uint8Array> {
  return { ...files, [name]: strToU8(JSON.stringify(value)) };
}

/**
 * Rewrites, in the central directory, the declared uncompressed size of `name` (a lie a zip
 * bomb tells). Returns a patched copy.
 */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  let eocd = out.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  const count = view.getUint16(eocd + 10, true);
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const entryName = strFromU8(out.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      view.setUint32(at + 24, size, true);
      return out;
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no entry ${name}`);
}
