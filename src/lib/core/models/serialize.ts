/**
 * Trained models as plain data and back: the TF.js layers format split into a JSON-able topology,
 * weight specs and one ArrayBuffer — structured-cloneable for IndexedDB and `postMessage`, and
 * one step from the standard `model.json` + `weights.bin` export (`toModelJson`).
 *
 * A reloaded model computes exactly the same probabilities (same weights, bit for bit). The
 * document wrapper (`{ kind, schemaVersion, data }`, vectorizer, lineage) belongs to the registry.
 */
import * as tf from '@tensorflow/tfjs';

export type WeightDtype = 'float32' | 'int32' | 'bool';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: WeightDtype;
}

export interface SerializedModel {
  format: 'layers-model';
  /** Keras-style topology, exactly as `model.json`'s `modelTopology`. */
  modelTopology: Record<string, unknown>;
  /** One entry per weight, in the order of `weightData`. */
  weightSpecs: WeightSpec[];
  /** All weights, concatenated little-endian, as TF.js writes `weights.bin`. */
  weightData: ArrayBuffer;
}

const BYTES_PER_ELEMENT: Record<WeightDtype, number> = { float32: 4, int32: 4, bool: 1 };

/** Topology, weight specs and weights of `model` (reads the weights from the backend). */
export async function serializeModel(model: tf.LayersModel): Promise<SerializedModel> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      // Nothing reads the info (so no clock either): TF.js's own sizes it by stringifying the topology into a Blob.
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: false },
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || artifacts.modelTopology instanceof ArrayBuffer || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error('serializeModel: TF.js returned incomplete artifacts');
  }
  const weightSpecs = artifacts.weightSpecs.map((spec) => {
    if (spec.quantization) throw new Error(`serializeModel: quantized weight ${spec.name} is not supported`);
    if (!(spec.dtype in BYTES_PER_ELEMENT)) throw new Error(`serializeModel: weight ${spec.name} has unsupported dtype ${spec.dtype}`);
    return { name: spec.name, shape: [...spec.shape], dtype: spec.dtype as WeightDtype };
  });
  return {
    format: 'layers-model',
    modelTopology: JSON.parse(JSON.stringify(artifacts.modelTopology)) as Record<string, unknown>,
    weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  };
}

/** Checks a loosely typed value (from storage, a message or a file) and returns it typed. */
export function parseSerializedModel(value: unknown): SerializedModel {
  const fail = (why: string): never => {
    throw new Error(`Not a serialized model: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('expected an object');
  const v = value as Record<string, unknown>;
  if (v.format !== 'layers-model') fail(`format must be "layers-model" (got ${JSON.stringify(v.format)})`);
  if (typeof v.modelTopology !== 'object' || v.modelTopology === null || Array.isArray(v.modelTopology)) fail('modelTopology must be an object');
  if (!(v.weightData instanceof ArrayBuffer)) fail('weightData must be an ArrayBuffer');
  if (!Array.isArray(v.weightSpecs)) return fail('weightSpecs must be an array');
  let bytes = 0;
  const weightSpecs = v.weightSpecs.map((raw: unknown, i: number): WeightSpec => {
    const spec = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { name, shape, dtype } = spec;
    if (typeof name !== 'string') fail(`weightSpecs[${i}].name must be a string`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`weightSpecs[${i}].shape must be a list of sizes`);
    if (typeof dtype !== 'string' || !(dtype in BYTES_PER_ELEMENT)) fail(`weightSpecs[${i}].dtype must be float32, int32 or bool`);
    const typed = { name: name as string, shape: [...(shape as number[])], dtype: dtype as WeightDtype };
    bytes += typed.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[typed.dtype];
    return typed;
  });
  const weightData = v.weightData as ArrayBuffer;
  if (weightData.byteLength !== bytes) fail(`weightData has ${weightData.byteLength} bytes, the specs describe ${bytes}`);
  return { format: 'layers-model', modelTopology: v.modelTopology as Record<string, unknown>, weightSpecs, weightData };
}

/** A live model from serialized data (validated first). The caller owns and disposes it. */
export async function deserializeModel(value: SerializedModel | unknown): Promise<tf.LayersModel> {
  const s = parseSerializedModel(value);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: s.modelTopology, weightSpecs: s.weightSpecs, weightData: s.weightData }));
}

/** The standard `model.json` for an export whose weights are saved as `weightsPath`. */
export function toModelJson(s: SerializedModel, weightsPath = 'weights.bin'): tf.io.ModelJSON {
  return {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: s.modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: s.weightSpecs }],
  };
}
