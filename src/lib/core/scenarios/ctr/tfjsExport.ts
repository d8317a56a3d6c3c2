/**
 * Every CTR model version as a real TF.js layers model: a Sequential model whose single Dense
 * layer (1 unit, sigmoid) holds the logistic regression's weights (kernel, as float32) and bias.
 *
 * Input: one float32 row of `featureLayout(model.features).cols` one-hot columns, group after
 * group in the model's feature order; within a group, column i is `labels[i]` of
 * `ctrFeatureColumns(model)` (exactly one 1 per group). A group named `a×b` crosses fields a and
 * b: its labels are `"<a label>×<b label>"` with the last field varying fastest, the order
 * `features.ts` indexes them in.
 *
 * The topology is written by hand, exactly as tfjs-layers serialises the same model (the test
 * checks this), so the lab worker can export without loading TF.js.
 */
import type { SerializedModel } from '../../models/serialize';
import type { CtrModel } from './ctrModel';
import { featureLayout, type FeatureName } from './features';
import type { Impression } from './impressions';
import { AGE_BANDS, DAYS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITION_LABELS, REGIONS, TENURE_BANDS, hourBandOf } from './vocabulary';

/** The tfjs-layers release whose format the topology follows (its `keras_version`). */
export const TFJS_LAYERS_VERSION = '4.22.0';
/** Name of the Dense layer; its weights are `<name>/kernel` and `<name>/bias`. */
export const CTR_LAYER_NAME = 'click_probability';

/** The fields a feature group reads, each with its labels in code order. */
export const CTR_INPUT_FIELDS = {
  ageBand: AGE_BANDS,
  device: DEVICES,
  region: REGIONS,
  tenureBand: TENURE_BANDS,
  /** night 0–5 h, morning 6–11 h, afternoon 12–17 h, evening 18–23 h. */
  hourBand: HOUR_BANDS,
  dayOfWeek: DAYS,
  /** Feed slot, 1 = top. */
  position: POSITION_LABELS,
  itemCategory: ITEM_CATEGORIES,
} as const satisfies Record<string, readonly string[]>;

export type CtrInputField = keyof typeof CTR_INPUT_FIELDS;

/** One feature group's columns of the model input. */
export interface CtrColumnGroup {
  name: FeatureName;
  /** The fields it crosses, in label order. */
  fields: CtrInputField[];
  /** Its first column in the input row. */
  offset: number;
  /** Column `offset + i` is 1 when the impression's value is `labels[i]`. */
  labels: string[];
}

/** Every label combination of `fields`, the last field varying fastest. */
function crossLabels(fields: readonly CtrInputField[]): string[] {
  return fields.reduce<string[]>((acc, f) => acc.flatMap((prefix) => CTR_INPUT_FIELDS[f].map((l) => (prefix ? `${prefix}×${l}` : l))), ['']);
}

function isInputField(name: string): name is CtrInputField {
  return Object.hasOwn(CTR_INPUT_FIELDS, name);
}

/** The model's input columns, group by group; throws if the labels disagree with `features.ts`. */
export function ctrFeatureColumns(model: Pick<CtrModel, 'features'>): CtrColumnGroup[] {
  const layout = featureLayout(model.features);
  return layout.groups.map((g, i) => {
    const fields = g.name.split('×');
    if (!fields.every(isInputField)) throw new Error(`ctrFeatureColumns: group ${g.name} crosses an unknown field`);
    const labels = crossLabels(fields);
    if (labels.length !== g.size) throw new Error(`ctrFeatureColumns: group ${g.name} has ${g.size} columns but ${labels.length} labels`);
    return { name: g.name, fields, offset: layout.offsets[i], labels };
  });
}

/** One impression's model inputs as logged: labels, `hour` 0–23 and `position` 1–10. */
export type CtrInputValues = Pick<Impression, 'userAgeBand' | 'device' | 'region' | 'tenureBand' | 'hour' | 'day' | 'position' | 'itemCategory'>;

/** The exported model's input row for one impression (length = number of columns). */
export function oneHotRow(model: Pick<CtrModel, 'features'>, values: CtrInputValues, columns = ctrFeatureColumns(model)): Float32Array {
  const byField: Record<CtrInputField, string> = {
    ageBand: values.userAgeBand,
    device: values.device,
    region: values.region,
    tenureBand: values.tenureBand,
    hourBand: HOUR_BANDS[hourBandOf(values.hour)] ?? `hour ${values.hour}`,
    dayOfWeek: values.day,
    position: String(values.position),
    itemCategory: values.itemCategory,
  };
  const last = columns[columns.length - 1];
  const row = new Float32Array(last.offset + last.labels.length);
  for (const group of columns) {
    const label = group.fields.map((f) => byField[f]).join('×');
    const at = group.labels.indexOf(label);
    if (at < 0) throw new Error(`oneHotRow: no column "${label}" in group ${group.name}`);
    row[group.offset + at] = 1;
  }
  return row;
}

/** The model as a TF.js layers model (topology, weight specs, float32 weights little-endian). */
export function ctrModelToLayers(model: CtrModel): SerializedModel {
  const { cols } = featureLayout(model.features);
  if (model.weights.length !== cols) throw new Error(`ctrModelToLayers: ${model.weights.length} weights for ${cols} columns`);
  const weightData = new ArrayBuffer((cols + 1) * 4);
  const view = new DataView(weightData);
  for (let j = 0; j < cols; j++) view.setFloat32(j * 4, model.weights[j], true);
  view.setFloat32(cols * 4, model.bias, true);
  return {
    format: 'layers-model',
    modelTopology: sequentialDense(cols),
    weightSpecs: [
      { name: `${CTR_LAYER_NAME}/kernel`, shape: [cols, 1], dtype: 'float32' },
      { name: `${CTR_LAYER_NAME}/bias`, shape: [1], dtype: 'float32' },
    ],
    weightData,
  };
}

/** What `tf.sequential({ name: 'ctr_model', layers: [tf.layers.dense({ inputShape: [cols], units: 1, activation: 'sigmoid' })] })` saves. */
function sequentialDense(cols: number): Record<string, unknown> {
  return {
    class_name: 'Sequential',
    config: {
      name: 'ctr_model',
      layers: [
        {
          class_name: 'Dense',
          config: {
            units: 1,
            activation: 'sigmoid',
            use_bias: true,
            // Initialisers are irrelevant to a trained model; kept so the topology is what TF.js writes.
            kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
            bias_initializer: { class_name: 'Zeros', config: {} },
            kernel_regularizer: null,
            bias_regularizer: null,
            activity_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
            name: CTR_LAYER_NAME,
            trainable: true,
            batch_input_shape: [null, cols],
            dtype: 'float32',
          },
        },
      ],
    },
    keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
    backend: 'tensor_flow.js',
  };
}
