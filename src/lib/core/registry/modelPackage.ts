/**
 * A registered model version as one portable `.zip`:
 *
 * | file                 | what                                                                  |
 * | -------------------- | --------------------------------------------------------------------- |
 * | `lifecycle-lab.json` | `{ kind: 'lifecycle-lab/model-version', schemaVersion, data }`         |
 * | `MODEL_CARD.md`      | the model card (Model Card Toolkit sections), for people              |
 * | `model.json`         | standard TF.js layers-format model; `weightsManifest` → `weights.bin`  |
 * | `weights.bin`        | all weights, little-endian, in manifest order (stored uncompressed)   |
 * | `vectorizer.json`    | the fitted TF-IDF vectorizer (`TfidfVectorizer.toJSON()`)             |
 *
 * `model.json` + `weights.bin` load as is with `tf.loadLayersModel` anywhere; the class names (in
 * output order) are `data.classes` of `lifecycle-lab.json`. Packing is deterministic: the same
 * input gives the same bytes (fixed file order, times and compression; sorted tags and params).
 *
 * `unpackModel` trusts nothing: it checks the archive against size limits before decompressing,
 * then every file, and returns either the complete model or every problem it found. It accepts
 * the files inside one top-level folder too (what "compress folder" tools make), and ignores
 * other files. Pure TypeScript: no TF.js, so importing a file costs nothing until it is used.
 */
import type { SerializedModel, WeightDtype, WeightSpec } from '../models/serialize';
import { TfidfVectorizer, type SerializedTfidf } from '../text/tfidf';
import { modelCardMarkdown } from './modelCard';
import type { ModelCardEdits } from './modelCardEdits';
import {
  modelVersionData, modelVersionDocument, readModelVersionDocument, type ModelVersionData, type ModelVersionFacts,
} from './modelVersionDocument';
import { extractZipEntry, listZipEntries, writeZip, type ZipEntry, type ZipLimits } from './zipArchive';

export const MODEL_PACKAGE_FILES = {
  metadata: 'lifecycle-lab.json',
  card: 'MODEL_CARD.md',
  model: 'model.json',
  weights: 'weights.bin',
  vectorizer: 'vectorizer.json',
} as const;

/** Default limits for `unpackModel`: 200 MB decompressed in at most 64 files. */
export const DEFAULT_UNPACK_LIMITS: Readonly<ZipLimits> = Object.freeze({ maxEntries: 64, maxTotalBytes: 200 * 1024 * 1024 });

export interface ModelPackageInput extends ModelVersionFacts {
  model: SerializedModel;
  vectorizer: SerializedTfidf;
  /** What the owner wrote into the model card. */
  cardEdits?: ModelCardEdits;
}

export interface UnpackedModel {
  /** Rebuilt from model.json + its weight files; `weightData` is a fresh buffer. */
  model: SerializedModel;
  /** Checked by `TfidfVectorizer.fromJSON` and re-serialised (options with defaults filled). */
  vectorizer: SerializedTfidf;
  classes: string[];
  /** `lifecycle-lab.json`'s data, migrated to the current schema version and normalised. */
  metadata: ModelVersionData;
  /** The packaged card as written, or null when the archive has none. */
  modelCard: string | null;
}

export type UnpackResult = { ok: true; value: UnpackedModel } | { ok: false; errors: string[] };

const BYTES_PER_ELEMENT: Record<WeightDtype, number> = { float32: 4, int32: 4, bool: 1 };
const encoder = new TextEncoder();

/** The `model.json` object (what `toModelJson(s, 'weights.bin')` writes, without importing TF.js). */
export function modelJson(model: SerializedModel): Record<string, unknown> {
  const keras = model.modelTopology.keras_version;
  const match = typeof keras === 'string' ? /^tfjs-layers (\S+)$/.exec(keras) : null;
  return {
    format: 'layers-model',
    generatedBy: match ? `TensorFlow.js tfjs-layers v${match[1]}` : 'TensorFlow.js tfjs-layers',
    convertedBy: null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: [MODEL_PACKAGE_FILES.weights], weights: model.weightSpecs }],
  };
}

/**
 * The `.zip` of a model version. Throws when the input is inconsistent (invalid facts, weights
 * that do not match their specs, a vectorizer or class list that does not fit the model).
 */
export function packModel(input: ModelPackageInput): Uint8Array {
  const data = modelVersionData(input);
  const checked = checkModel(input.model, input.vectorizer, data.classes);
  if (!checked.ok) throw new Error(`Cannot pack this model: ${checked.problems.join(' ')}`);
  const { vectorizer } = checked;
  const json = (value: unknown, pretty = false) => encoder.encode(pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value));
  const card = cardOf(input, data, vectorizer);
  return writeZip([
    { name: MODEL_PACKAGE_FILES.metadata, data: json(modelVersionDocument(data), true), compress: true },
    { name: MODEL_PACKAGE_FILES.card, data: encoder.encode(card), compress: true },
    { name: MODEL_PACKAGE_FILES.model, data: json(modelJson(input.model)), compress: true },
    { name: MODEL_PACKAGE_FILES.weights, data: new Uint8Array(input.model.weightData), compress: false },
    { name: MODEL_PACKAGE_FILES.vectorizer, data: json(vectorizer.toJSON()), compress: true },
  ]);
}

function cardOf(input: ModelPackageInput, data: ModelVersionData, vectorizer: TfidfVectorizer): string {
  return modelCardMarkdown({
    data,
    vectorizer: { options: vectorizer.options, vocabularySize: vectorizer.vocabularySize },
    layers: describeLayers(input.model.modelTopology),
    ...(input.cardEdits ? { edits: input.cardEdits } : {}),
  });
}

/** The model card the package of `input` carries (MODEL_CARD.md), without packing the rest. */
export function packageModelCard(input: ModelPackageInput): string {
  return cardOf(input, modelVersionData(input), TfidfVectorizer.fromJSON(input.vectorizer));
}

/** The vectorizer restored, or the problems of a model, vectorizer and class list that must travel together. */
function checkModel(
  model: SerializedModel,
  vectorizerJson: unknown,
  classes: readonly string[],
): { ok: true; vectorizer: TfidfVectorizer } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const bytes = model.weightSpecs.reduce((sum, s) => sum + specBytes(s), 0);
  if (model.weightData.byteLength !== bytes) problems.push(`The weights have ${model.weightData.byteLength} bytes; the weight specs describe ${bytes}.`);
  const { inputDim, outputUnits } = topologyShape(model.modelTopology);
  if (outputUnits === null) problems.push("Cannot tell the model's number of outputs from its topology.");
  else if (outputUnits !== classes.length) problems.push(`The model has ${outputUnits} outputs but ${classes.length} class names are given.`);
  if (inputDim === null) problems.push("Cannot tell the model's input size from its topology.");
  let vectorizer: TfidfVectorizer | null = null;
  try {
    vectorizer = TfidfVectorizer.fromJSON(vectorizerJson);
  } catch (error) {
    problems.push(`The vectorizer is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (vectorizer && inputDim !== null && vectorizer.vocabularySize !== inputDim) {
    problems.push(`The vectorizer has ${vectorizer.vocabularySize} terms but the model expects ${inputDim} input features.`);
  }
  return vectorizer && problems.length === 0 ? { ok: true, vectorizer } : { ok: false, problems };
}

function specBytes(spec: WeightSpec): number {
  return spec.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[spec.dtype];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Input features and output units of a Keras topology (Sequential or functional), or null when
 * they cannot be read: the first layer's `batch_input_shape`, the output layer's `units`.
 */
export function topologyShape(topology: Record<string, unknown>): { inputDim: number | null; outputUnits: number | null } {
  const config = topology.config;
  const layers = (Array.isArray(config) ? config : isRecord(config) ? config.layers : null) as unknown;
  if (!Array.isArray(layers) || layers.length === 0) return { inputDim: null, outputUnits: null };
  const configOf = (layer: unknown): Record<string, unknown> => (isRecord(layer) && isRecord(layer.config) ? layer.config : {});
  const inputLayer = layers.map(configOf).find((c) => Array.isArray(c.batch_input_shape));
  const shape = inputLayer?.batch_input_shape as unknown[] | undefined;
  const inputDim = shape && shape.length === 2 && Number.isInteger(shape[1]) ? (shape[1] as number) : null;
  // Functional models name their output; a Sequential model's output is its last layer with units.
  const outputs = isRecord(config) && Array.isArray(config.output_layers) ? config.output_layers : null;
  let outputConfig: Record<string, unknown> | undefined;
  if (outputs) {
    if (outputs.length !== 1 || !Array.isArray(outputs[0])) return { inputDim, outputUnits: null };
    const outputName: unknown = outputs[0][0];
    outputConfig = configOf(layers.find((l) => isRecord(l) && (l.name === outputName || configOf(l).name === outputName)));
  } else {
    outputConfig = layers.map(configOf).reverse().find((c) => c.units !== undefined);
  }
  const units = outputConfig?.units;
  return { inputDim, outputUnits: Number.isInteger(units) ? (units as number) : null };
}

/** One line per layer of a Keras topology: "output: Dense, 3 units, softmax". */
export function describeLayers(topology: Record<string, unknown>): string[] {
  const config = topology.config;
  const layers = (Array.isArray(config) ? config : isRecord(config) ? config.layers : null) as unknown;
  if (!Array.isArray(layers)) return [];
  return layers.filter(isRecord).map((layer) => {
    const c = isRecord(layer.config) ? layer.config : {};
    const parts = [String(layer.class_name ?? 'Layer')];
    if (Number.isInteger(c.units)) parts.push(`${String(c.units)} units`);
    if (typeof c.activation === 'string' && c.activation !== 'linear') parts.push(c.activation);
    if (typeof c.rate === 'number') parts.push(`rate ${c.rate}`);
    return typeof c.name === 'string' ? `${c.name}: ${parts.join(', ')}` : parts.join(', ');
  });
}

/** Safe relative path inside the archive: no absolute paths, no `..`, no backslashes. */
function safePath(path: unknown): path is string {
  return typeof path === 'string' && path !== '' && !path.startsWith('/') && !path.includes('\\') && !path.split('/').some((p) => p === '..' || p === '');
}

interface ModelJsonParts {
  modelTopology: Record<string, unknown>;
  weightSpecs: WeightSpec[];
  /** Weight files in order; their bytes concatenated are the weights in `weightSpecs` order. */
  paths: string[];
}

/** The parts of a parsed model.json, or problems (each prefixed with the file name). */
function readModelJson(value: unknown): ModelJsonParts | string[] {
  const name = MODEL_PACKAGE_FILES.model;
  if (!isRecord(value)) return [`${name} must be a JSON object.`];
  if (value.format !== undefined && value.format !== 'layers-model') {
    return [`${name}: format must be "layers-model" (TF.js layers model), got ${JSON.stringify(value.format)}.`];
  }
  const problems: string[] = [];
  if (!isRecord(value.modelTopology)) problems.push(`${name}: modelTopology must be an object.`);
  if (!Array.isArray(value.weightsManifest) || value.weightsManifest.length === 0) {
    return [...problems, `${name}: weightsManifest must be a non-empty list of weight groups.`];
  }
  const weightSpecs: WeightSpec[] = [];
  const paths: string[] = [];
  value.weightsManifest.forEach((group: unknown, g: number) => {
    const where = `${name}: weightsManifest[${g}]`;
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      problems.push(`${where} must have "paths" and "weights" lists.`);
      return;
    }
    for (const path of group.paths) {
      if (safePath(path)) paths.push(path);
      else problems.push(`${where}: ${JSON.stringify(path)} is not a safe relative file path.`);
    }
    group.weights.forEach((raw: unknown, i: number) => {
      const spec = readWeightSpec(raw, `${where}.weights[${i}]`);
      if (typeof spec === 'string') problems.push(spec);
      else weightSpecs.push(spec);
    });
  });
  if (problems.length > 0) return problems;
  return { modelTopology: value.modelTopology as Record<string, unknown>, weightSpecs, paths };
}

function readWeightSpec(raw: unknown, at: string): WeightSpec | string {
  const spec = isRecord(raw) ? raw : {};
  if (spec.quantization !== undefined && spec.quantization !== null) return `${at}: quantized weights are not supported.`;
  if (typeof spec.name !== 'string') return `${at}.name must be a string.`;
  if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0)) return `${at}.shape must be a list of sizes.`;
  if (typeof spec.dtype !== 'string' || !(spec.dtype in BYTES_PER_ELEMENT)) return `${at}.dtype must be float32, int32 or bool.`;
  return { name: spec.name, shape: [...(spec.shape as number[])], dtype: spec.dtype as WeightDtype };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonFile(name: string, bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, error: `${name} is not valid UTF-8 text.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The entries by name, relative to the folder holding `lifecycle-lab.json` (top level or one folder). */
function packageFiles(entries: readonly ZipEntry[]): Map<string, ZipEntry> | string {
  const marker = MODEL_PACKAGE_FILES.metadata;
  const roots = entries
    .filter((e) => (e.name === marker || e.name.endsWith(`/${marker}`)) && !e.name.startsWith('__MACOSX/'))
    .map((e) => e.name.slice(0, e.name.length - marker.length));
  const root = roots.includes('') ? '' : roots.length === 1 && roots[0].split('/').length === 2 ? roots[0] : null;
  if (root === null) {
    return roots.length > 1
      ? `The archive holds ${roots.length} model packages (${marker} in several folders); export one model per file.`
      : `Missing ${marker}: this is not a Lifecycle Lab model package.`;
  }
  const files = new Map<string, ZipEntry>();
  for (const e of entries) if (e.name.startsWith(root) && !e.name.endsWith('/')) files.set(e.name.slice(root.length), e);
  return files;
}

/** Reads a model package; every check passes before anything is returned (see the file comment). */
export function unpackModel(bytes: Uint8Array, limits: ZipLimits = DEFAULT_UNPACK_LIMITS): UnpackResult {
  const fail = (errors: string[]): UnpackResult => ({ ok: false, errors });
  const listing = listZipEntries(bytes, limits);
  if (!listing.ok) return fail(listing.errors);
  const files = packageFiles(listing.entries);
  if (typeof files === 'string') return fail([files]);

  const errors: string[] = [];
  const read = (name: string): Uint8Array | null => {
    const entry = files.get(name);
    if (!entry) {
      errors.push(`Missing ${name} in the package.`);
      return null;
    }
    try {
      return extractZipEntry(bytes, entry);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      return null;
    }
  };
  const json = (name: string): unknown => {
    const raw = read(name);
    if (raw === null) return undefined;
    const parsed = parseJsonFile(name, raw);
    if (parsed.ok) return parsed.value;
    errors.push(parsed.error);
    return undefined;
  };

  const metadataJson = json(MODEL_PACKAGE_FILES.metadata);
  const modelJsonValue = json(MODEL_PACKAGE_FILES.model);
  const vectorizerJson = json(MODEL_PACKAGE_FILES.vectorizer);
  const cardBytes = files.has(MODEL_PACKAGE_FILES.card) ? read(MODEL_PACKAGE_FILES.card) : null;

  let metadata: ModelVersionData | null = null;
  if (metadataJson !== undefined) {
    const doc = readModelVersionDocument(metadataJson);
    if (doc.ok) metadata = doc.value;
    else errors.push(...doc.errors.map((e) => `${MODEL_PACKAGE_FILES.metadata}: ${e}`));
  }

  let model: SerializedModel | null = null;
  if (modelJsonValue !== undefined) {
    const parts = readModelJson(modelJsonValue);
    if (Array.isArray(parts)) errors.push(...parts);
    else model = assembleWeights(parts, read, errors);
  }

  let vectorizer: SerializedTfidf | null = null;
  if (vectorizerJson !== undefined) {
    try {
      vectorizer = TfidfVectorizer.fromJSON(vectorizerJson).toJSON();
    } catch (error) {
      errors.push(`${MODEL_PACKAGE_FILES.vectorizer}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  if (model && metadata && vectorizer) {
    const { inputDim, outputUnits } = topologyShape(model.modelTopology);
    if (outputUnits === null) errors.push(`${MODEL_PACKAGE_FILES.model}: cannot tell the number of outputs from the topology.`);
    else if (outputUnits !== metadata.classes.length) {
      errors.push(`${MODEL_PACKAGE_FILES.metadata} names ${metadata.classes.length} classes but the model has ${outputUnits} outputs.`);
    }
    if (inputDim === null) errors.push(`${MODEL_PACKAGE_FILES.model}: cannot tell the input size from the topology.`);
    else if (vectorizer.vocabulary.length !== inputDim) {
      errors.push(`${MODEL_PACKAGE_FILES.vectorizer} has ${vectorizer.vocabulary.length} terms but the model expects ${inputDim} input features.`);
    }
  }
  if (errors.length > 0 || !model || !metadata || !vectorizer) return fail(errors);
  const modelCard = cardBytes ? new TextDecoder('utf-8').decode(cardBytes) : null;
  return { ok: true, value: { model, vectorizer, classes: [...metadata.classes], metadata, modelCard } };
}

/** The weight files of `parts` concatenated and checked against the specs. */
function assembleWeights(parts: ModelJsonParts, read: (name: string) => Uint8Array | null, errors: string[]): SerializedModel | null {
  const expected = parts.weightSpecs.reduce((sum, s) => sum + specBytes(s), 0);
  const shards: Uint8Array[] = [];
  for (const path of parts.paths) {
    const shard = read(path);
    if (shard === null) return null;
    shards.push(shard);
  }
  const actual = shards.reduce((sum, s) => sum + s.length, 0);
  if (actual !== expected) {
    const files = parts.paths.join(' + ');
    errors.push(`${files} ${parts.paths.length === 1 ? 'has' : 'have'} ${actual} bytes; model.json's weightsManifest describes ${expected}.`);
    return null;
  }
  const weightData = new Uint8Array(actual);
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.length;
  }
  return { format: 'layers-model', modelTopology: parts.modelTopology, weightSpecs: parts.weightSpecs, weightData: weightData.buffer };
}
