/**
 * A stored model's forward pass in plain TypeScript, for the prediction endpoint: the service
 * worker cannot afford to load and start TF.js, and the models it serves are small.
 *
 * `loadDenseNetwork` reads the TF.js layers format as stored (`SerializedModel`: a Keras
 * `Sequential` topology, weight specs, one little-endian ArrayBuffer) and accepts only what it can
 * compute exactly:
 * - `Dense` with activation `linear`, `relu` or `softmax`, with or without bias;
 * - `Dropout` (the identity at inference, as in TF.js `predict`);
 * - an `InputLayer` (Python Keras writes one; it only gives the input width).
 * Anything else (another layer class or activation, a non-float32 or quantized weight, a
 * multi-dimensional input) is rejected with an error that names the layer. The last Dense layer
 * must be a softmax: the endpoint reports probabilities.
 *
 * Weights are looked up by name (`<layer>/kernel`, `<layer>/bias`, as TF.js writes them; a
 * `:0` suffix or a scope prefix is tolerated); a kernel is `[in, out]`, row-major.
 *
 * Arithmetic: weights stay float32 (a view on the stored buffer when it is aligned), sums are
 * float64, so the result is at least as exact as TF.js's float32 CPU kernels — they agree to
 * ~1e-7 (tests/unit/serving/inference.test.ts). The input is sparse (a TF-IDF row has a few dozen
 * non-zeros out of thousands of columns), so the first layer costs nnz × units, not in × units.
 */
import type { WeightSpec } from '../models/serialize';

export type DenseActivation = 'linear' | 'relu' | 'softmax';

/** One Dense layer ready to compute: `y = act(x·kernel + bias)`. */
export interface DenseLayerWeights {
  name: string;
  inputs: number;
  units: number;
  /** `[inputs, units]`, row-major: row i holds the weights from input i. */
  kernel: Float32Array;
  /** `[units]`, or null without bias. */
  bias: Float32Array | null;
  activation: DenseActivation;
}

/** A model's weights and topology in the stored TF.js layers format (loose: from IndexedDB or a message). */
export interface StoredModelParts {
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer | ArrayBufferView;
}

export interface DenseNetwork {
  /** Width of the input (the vectorizer's vocabulary size). */
  readonly inputDim: number;
  /** Number of classes. */
  readonly outputDim: number;
  /** The Dense layers, input side first (Dropout and InputLayer dropped). */
  readonly layers: readonly DenseLayerWeights[];
  /**
   * Class probabilities of one input given by its non-zero entries (column `indices[p]` has value
   * `data[p]`; repeated columns add up), written into `out` (length `outputDim`, returned).
   * Not re-entrant with respect to itself (shares scratch buffers), which JavaScript's single
   * thread makes safe.
   */
  forwardSparse(indices: ArrayLike<number>, data: ArrayLike<number>, out?: Float64Array): Float64Array;
}

const fail = (why: string): never => {
  throw new Error(`Cannot serve this model: ${why}`);
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The layer list of a Sequential topology (TF.js / Keras 2 `config.layers`, old Keras `config` = list, `model_config` wrapper). */
function sequentialLayers(topology: unknown): Json[] {
  if (!isObject(topology)) return fail('modelTopology must be an object');
  const model = isObject(topology.model_config) ? topology.model_config : topology;
  if (model.class_name !== 'Sequential') {
    return fail(`only Sequential models are supported (got ${JSON.stringify(model.class_name)})`);
  }
  const config = model.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || layers.length === 0) return fail('the Sequential model has no layers');
  return layers.map((layer, i) => (isObject(layer) && isObject(layer.config) ? layer : fail(`layer ${i} is not a {class_name, config} object`)));
}

/** The declared input width of the first layer, if any (`batch_input_shape`, Keras 3 `batch_shape`). */
function declaredInputDim(config: Json, layerName: string): number | null {
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (shape === undefined || shape === null) return null;
  if (!Array.isArray(shape) || shape.length !== 2 || !Number.isInteger(shape[1]) || (shape[1] as number) < 1) {
    return fail(`layer "${layerName}" has input shape ${JSON.stringify(shape)}; only [batch, features] inputs are supported`);
  }
  return shape[1] as number;
}

/** Float32 views of every weight, by name, checked against the buffer's size. */
function weightsByName(specs: unknown, data: ArrayBuffer | ArrayBufferView): Map<string, { spec: WeightSpec; values: Float32Array }> {
  if (!Array.isArray(specs)) return fail('weightSpecs must be an array');
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const aligned = bytes.byteOffset % 4 === 0;
  const byName = new Map<string, { spec: WeightSpec; values: Float32Array }>();
  let offset = 0;
  specs.forEach((raw: unknown, i) => {
    const spec = (isObject(raw) ? raw : {}) as Partial<WeightSpec> & { quantization?: unknown };
    const name = typeof spec.name === 'string' ? spec.name : fail(`weightSpecs[${i}] has no name`);
    if (spec.dtype !== 'float32') fail(`weight "${name}" is ${String(spec.dtype)}; only float32 weights are supported`);
    if (spec.quantization !== undefined) fail(`weight "${name}" is quantized; only plain float32 weights are supported`);
    if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`weight "${name}" has an invalid shape`);
    const shape = spec.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const end = offset + size * 4;
    if (end > bytes.byteLength) fail(`the weight data has ${bytes.byteLength} bytes, the specs need more (at "${name}")`);
    const values = aligned
      ? new Float32Array(bytes.buffer, bytes.byteOffset + offset, size)
      : new Float32Array(bytes.slice(offset, end).buffer);
    byName.set(name.replace(/:\d+$/, ''), { spec: { name, shape, dtype: 'float32' }, values });
    offset = end;
  });
  if (offset !== bytes.byteLength) fail(`the weight data has ${bytes.byteLength} bytes, the specs describe ${offset}`);
  return byName;
}

function findWeight(weights: ReturnType<typeof weightsByName>, layer: string, kind: 'kernel' | 'bias') {
  const exact = weights.get(`${layer}/${kind}`);
  if (exact) return exact;
  const suffix = `/${layer}/${kind}`;
  const scoped = [...weights.keys()].filter((name) => name.endsWith(suffix));
  return scoped.length === 1 ? weights.get(scoped[0]) : undefined;
}

function denseLayer(config: Json, index: number, weights: ReturnType<typeof weightsByName>): DenseLayerWeights {
  const name = typeof config.name === 'string' ? config.name : `layer ${index}`;
  const activation = config.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu' && activation !== 'softmax') {
    return fail(`Dense layer "${name}" has activation ${JSON.stringify(activation)}; supported: linear, relu, softmax`);
  }
  if (config.dtype !== undefined && config.dtype !== 'float32') fail(`Dense layer "${name}" has dtype ${JSON.stringify(config.dtype)}`);
  const kernel = findWeight(weights, name, 'kernel') ?? fail(`no weight "${name}/kernel" in the weight specs`);
  if (kernel.spec.shape.length !== 2) fail(`"${kernel.spec.name}" has shape [${kernel.spec.shape}], expected [inputs, units]`);
  const [inputs, units] = kernel.spec.shape;
  if (Number.isInteger(config.units) && config.units !== units) fail(`Dense layer "${name}" declares ${String(config.units)} units, its kernel has ${units}`);
  let bias: Float32Array | null = null;
  if (config.use_bias !== false) {
    const b = findWeight(weights, name, 'bias') ?? fail(`no weight "${name}/bias" in the weight specs`);
    if (b.spec.shape.length !== 1 || b.spec.shape[0] !== units) fail(`"${b.spec.name}" has shape [${b.spec.shape}], expected [${units}]`);
    bias = b.values;
  }
  return { name, inputs, units, kernel: kernel.values, bias, activation };
}

/** Softmax of `z[0 .. n)` in place, shifted by the maximum so exp never overflows. */
export function softmaxInPlace(z: Float64Array, n = z.length): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i] > max) max = z[i];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(z[i] - max);
    z[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) z[i] /= sum;
}

function activate(z: Float64Array, activation: DenseActivation): void {
  if (activation === 'relu') {
    for (let i = 0; i < z.length; i++) if (z[i] < 0) z[i] = 0;
  } else if (activation === 'softmax') {
    softmaxInPlace(z);
  }
}

/** Parses and checks a stored model; throws `Cannot serve this model: …` on anything unsupported. */
export function loadDenseNetwork(model: StoredModelParts): DenseNetwork {
  if (!isObject(model)) return fail('expected { modelTopology, weightSpecs, weightData }');
  const data = model.weightData;
  if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) return fail('weightData must be an ArrayBuffer');
  const layerConfigs = sequentialLayers(model.modelTopology);
  const weights = weightsByName(model.weightSpecs, data);
  const layers: DenseLayerWeights[] = [];
  let inputDim: number | null = null;
  layerConfigs.forEach((layer, i) => {
    const config = layer.config as Json;
    const name = typeof config.name === 'string' ? config.name : `layer ${i}`;
    if (i === 0 || (i === 1 && layerConfigs[0].class_name === 'InputLayer')) inputDim ??= declaredInputDim(config, name);
    switch (layer.class_name) {
      case 'InputLayer':
        if (i !== 0) fail(`InputLayer "${name}" must come first`);
        break;
      case 'Dropout':
        break;
      case 'Dense':
        layers.push(denseLayer(config, i, weights));
        break;
      default:
        fail(`layer "${name}" is a ${JSON.stringify(layer.class_name)}; supported: Dense (linear, relu, softmax) and Dropout`);
    }
  });
  if (layers.length === 0) return fail('the model has no Dense layer');
  const last = layers[layers.length - 1];
  if (last.activation !== 'softmax') fail(`the last Dense layer ("${last.name}") must have a softmax activation`);
  if (inputDim !== null && inputDim !== layers[0].inputs) fail(`the model declares ${inputDim} inputs, "${layers[0].name}/kernel" has ${layers[0].inputs} rows`);
  for (let l = 1; l < layers.length; l++) {
    if (layers[l].inputs !== layers[l - 1].units) {
      fail(`"${layers[l].name}" takes ${layers[l].inputs} inputs but "${layers[l - 1].name}" has ${layers[l - 1].units} units`);
    }
  }
  return createNetwork(layers);
}

function createNetwork(layers: DenseLayerWeights[]): DenseNetwork {
  const inputDim = layers[0].inputs;
  const outputDim = layers[layers.length - 1].units;
  const scratch = layers.map((layer) => new Float64Array(layer.units));

  return {
    inputDim,
    outputDim,
    layers,
    forwardSparse(indices, data, out = new Float64Array(outputDim)) {
      if (indices.length !== data.length) throw new Error(`forwardSparse: ${indices.length} indices but ${data.length} values`);
      if (out.length !== outputDim) throw new Error(`forwardSparse: out has length ${out.length}, expected ${outputDim}`);
      // First layer: bias plus the kernel rows of the non-zero inputs.
      const first = layers[0];
      let h = scratch[0];
      const units = first.units;
      if (first.bias) for (let u = 0; u < units; u++) h[u] = first.bias[u];
      else h.fill(0);
      for (let p = 0; p < indices.length; p++) {
        const j = indices[p];
        if (!(Number.isInteger(j) && j >= 0 && j < inputDim)) throw new Error(`forwardSparse: column index ${j} outside [0, ${inputDim})`);
        const v = data[p];
        if (v === 0) continue;
        const row = j * units;
        for (let u = 0; u < units; u++) h[u] += v * first.kernel[row + u];
      }
      activate(h, first.activation);
      // Other layers: dense products.
      for (let l = 1; l < layers.length; l++) {
        const { kernel, bias, units: n, inputs, activation } = layers[l];
        const z = scratch[l];
        if (bias) for (let u = 0; u < n; u++) z[u] = bias[u];
        else z.fill(0);
        for (let i = 0; i < inputs; i++) {
          const v = h[i];
          if (v === 0) continue;
          const row = i * n;
          for (let u = 0; u < n; u++) z[u] += v * kernel[row + u];
        }
        activate(z, activation);
        h = z;
      }
      out.set(h);
      return out;
    },
  };
}
