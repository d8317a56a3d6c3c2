/**
 * A CTR model version as a downloadable `.zip` that loads with `tf.loadLayersModel` anywhere:
 *
 * | file            | what                                                                      |
 * | --------------- | ------------------------------------------------------------------------- |
 * | `model.json`    | TF.js layers model (`tfjsExport.ts`); `weightsManifest` → `weights.bin`    |
 * | `weights.bin`   | kernel then bias, float32 little-endian                                   |
 * | `features.json` | `{ kind, schemaVersion, data }`: the input columns in order, the version, |
 * |                 | its training window, rows and CTR                                         |
 * | `README.md`     | how to load it and build an input row                                     |
 *
 * Deterministic: the same model gives the same bytes (see `zipArchive.ts`).
 */
import { modelJson } from '../../registry/modelPackage';
import { writeZip } from '../../registry/zipArchive';
import type { CtrModel, WeekWindow } from './ctrModel';
import type { DeployReason } from './scenario';
import { CTR_INPUT_FIELDS, ctrFeatureColumns, ctrModelToLayers, type CtrColumnGroup } from './tfjsExport';

export const CTR_FEATURES_KIND = 'lifecycle-lab/ctr-model-features';
export const CTR_FEATURES_SCHEMA_VERSION = 1;

/** What the package says about the version besides the model itself. */
export interface CtrPackageMeta {
  version: number;
  deployedAtWeek: number;
  reason: DeployReason;
}

/** `features.json`'s data. */
export interface CtrFeaturesData {
  version: number;
  deployedAtWeek: number;
  reason: DeployReason;
  features: string[];
  trainedOn: WeekWindow;
  trainingRows: number;
  /** Null when the model was trained on no rows (NaN does not survive JSON). */
  trainingCtr: number | null;
  /** Length of an input row. */
  inputSize: number;
  /** Every input column in order, as `"<group>=<label>"`. */
  columns: string[];
  groups: CtrColumnGroup[];
  /** Labels of every field a group can read. */
  fields: Record<string, readonly string[]>;
}

export function ctrModelFileName(version: number): string {
  return `ctr-model-v${version}.zip`;
}

export function ctrFeaturesData(model: CtrModel, meta: CtrPackageMeta): CtrFeaturesData {
  const groups = ctrFeatureColumns(model);
  const columns = groups.flatMap((g) => g.labels.map((l) => `${g.name}=${l}`));
  return {
    version: meta.version,
    deployedAtWeek: meta.deployedAtWeek,
    reason: meta.reason,
    features: [...model.features],
    trainedOn: { fromWeek: model.trainedOn.fromWeek, toWeek: model.trainedOn.toWeek },
    trainingRows: model.trainingRows,
    trainingCtr: Number.isFinite(model.trainingCtr) ? model.trainingCtr : null,
    inputSize: columns.length,
    columns,
    groups,
    fields: CTR_INPUT_FIELDS,
  };
}

/** The `.zip` of one model version (see the file comment). */
export function ctrModelPackage(model: CtrModel, meta: CtrPackageMeta): Uint8Array {
  const layers = ctrModelToLayers(model);
  const data = ctrFeaturesData(model, meta);
  const encoder = new TextEncoder();
  const json = (value: unknown) => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
  return writeZip([
    { name: 'model.json', data: encoder.encode(JSON.stringify(modelJson(layers))), compress: true },
    { name: 'weights.bin', data: new Uint8Array(layers.weightData), compress: false },
    { name: 'features.json', data: json({ kind: CTR_FEATURES_KIND, schemaVersion: CTR_FEATURES_SCHEMA_VERSION, data }), compress: true },
    { name: 'README.md', data: encoder.encode(readme(data)), compress: true },
  ]);
}

function weeksText({ fromWeek, toWeek }: WeekWindow): string {
  const range = fromWeek === toWeek ? `week ${fromWeek}` : `weeks ${fromWeek} to ${toWeek}`;
  return toWeek < 0 ? `${range} (exploration traffic before the quarter)` : range;
}

function readme(d: CtrFeaturesData): string {
  const ctr = d.trainingCtr === null ? 'no clicks' : `CTR ${(d.trainingCtr * 100).toFixed(2)} %`;
  return `# CTR model v${d.version} (Lifecycle Lab drift lab)

Logistic regression predicting the probability that a user clicks the item shown in a feed slot,
as a TF.js layers model: one Dense layer, 1 unit, sigmoid. Trained on ${weeksText(d.trainedOn)}:
${d.trainingRows.toLocaleString('en-US')} logged impressions, ${ctr}. Serving from week ${d.deployedAtWeek} (${d.reason}).

## Load it

\`\`\`js
import * as tf from '@tensorflow/tfjs';
const model = await tf.loadLayersModel('https://example.org/ctr-model-v${d.version}/model.json');
// In a page from the unzipped files: tf.loadLayersModel(tf.io.browserFiles([modelJsonFile, weightsBinFile]))
\`\`\`

## Build an input row

A row is ${d.inputSize} float32 columns (\`features.json\` → \`data.columns\`, in order), one
group after another: ${d.features.join(', ')}. In each group exactly one column is 1. A group
\`a×b\` crosses fields: its label is the fields' labels joined with \`×\`, e.g. \`18-24×news\`.
Field labels are in \`data.fields\`; \`hourBand\` is night 0–5 h, morning 6–11 h, afternoon
12–17 h, evening 18–23 h; \`position\` is the feed slot, \`1\` = top.

\`\`\`js
const { data } = await (await fetch('features.json')).json();
const impression = { ageBand: '18-24', device: 'mobile', region: 'EU', tenureBand: '<30d',
  hourBand: 'evening', dayOfWeek: 'Sat', position: '1', itemCategory: 'news' };
const x = new Float32Array(data.inputSize);
for (const g of data.groups) x[g.offset + g.labels.indexOf(g.fields.map((f) => impression[f]).join('×'))] = 1;
const p = model.predict(tf.tensor2d(x, [1, data.inputSize])).dataSync()[0];
\`\`\`
`;
}
