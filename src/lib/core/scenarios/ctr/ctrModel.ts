/**
 * The recommendation engine's CTR model: logistic regression over the one-hot feature groups of
 * `features.ts`, trained on logged impressions (shown item + click) by `logistic.ts`.
 *
 * A model is plain data (feature list, weights, the window it was trained on), so it can be kept
 * in a scenario state, compared, and re-created bit for bit by replaying the same training spec.
 * For scoring, a model is turned into two lookup tables (`keys.ts`): its user/slot part and its
 * item part. Each version is also a TF.js layers model (Dense, 1 unit, sigmoid, the same weights
 * as float32), exported by `tfjsExport.ts` and packaged as a `.zip` by `ctrModelPackage.ts`.
 */
import { encodeRow, featureLayout, normalizeFeatures, type FeatureLayout, type FeatureName, type RowCodes } from './features';
import type { ImpressionWeek } from './impressions';
import { fitLogistic, sigmoid } from './logistic';
import { ITEM_KEYS, ITEM_KEY_FIELDS, USER_KEYS, USER_KEY_FIELDS, itemKey, userKey } from './keys';
import { hourBandOf } from './vocabulary';

/** Weeks `fromWeek` … `toWeek`, inclusive. Negative weeks are the history before the quarter. */
export interface WeekWindow {
  fromWeek: number;
  toWeek: number;
}

export interface CtrModel {
  features: FeatureName[];
  /** One weight per column of `featureLayout(features)`. */
  weights: Float64Array;
  bias: number;
  trainedOn: WeekWindow;
  /** Logged impressions it was trained on (errors excluded). */
  trainingRows: number;
  /** Click rate of those impressions. */
  trainingCtr: number;
}

/** AdaGrad settings for every model of the scenario (tuned: held-out log loss is flat from 1 to 10 epochs). */
const TRAINING = { epochs: 2, learningRate: 0.1, l2: 1e-4 } as const;

/** Fills `row` with the codes of impression `i` of `log` (position 0-based). */
export function readRow(log: ImpressionWeek, i: number, row: RowCodes): RowCodes {
  row.ageBand = log.ageBand[i];
  row.device = log.device[i];
  row.region = log.region[i];
  row.tenureBand = log.tenureBand[i];
  row.hourBand = hourBandOf(log.hour[i]);
  row.day = log.day[i];
  row.position = log.position[i] - 1;
  row.category = log.category[i];
  return row;
}

export function emptyRow(): RowCodes {
  return { ageBand: 0, device: 0, region: 0, tenureBand: 0, hourBand: 0, day: 0, position: 0, category: 0 };
}

/** Trains a model on the non-error impressions of `logs`; `seed` fixes the row order. */
export function trainCtrModel(logs: readonly ImpressionWeek[], features: readonly string[], trainedOn: WeekWindow, seed: string): CtrModel {
  const chosen = normalizeFeatures(features);
  const layout = featureLayout(chosen);
  const k = layout.groups.length;
  let rows = 0;
  for (const log of logs) for (let i = 0; i < log.count; i++) if (log.status[i] === 0) rows++;
  const active = new Int32Array(rows * k);
  const y = new Uint8Array(rows);
  const row = emptyRow();
  let r = 0;
  let clicks = 0;
  for (const log of logs) {
    for (let i = 0; i < log.count; i++) {
      if (log.status[i] !== 0) continue;
      encodeRow(layout, readRow(log, i, row), active, r * k);
      y[r] = log.clicked[i];
      clicks += y[r];
      r++;
    }
  }
  const { weights, bias } = fitLogistic(active, k, y, layout.cols, { ...TRAINING, seed });
  return { features: chosen, weights, bias, trainedOn: { ...trainedOn }, trainingRows: rows, trainingCtr: rows === 0 ? NaN : clicks / rows };
}

/** A model as lookup tables: its logit is `userLogit[userKey(…)] + itemLogit[itemKey(…)]` (≈ 700 kB). */
export interface ModelScorer {
  /** Bias plus the user/slot groups' weights, at `userKey(…)`. */
  userLogit: Float64Array;
  /** Item groups' weights, at `itemKey(…)`. */
  itemLogit: Float64Array;
}

/** Calls `visit` with `row` set to every combination of the given fields' codes. */
function forEachCombination(row: RowCodes, fields: readonly (readonly [keyof RowCodes, number])[], visit: () => void, depth = 0): void {
  if (depth === fields.length) {
    visit();
    return;
  }
  const [field, size] = fields[depth];
  for (let code = 0; code < size; code++) {
    row[field] = code;
    forEachCombination(row, fields, visit, depth + 1);
  }
}

export function modelScorer(model: CtrModel): ModelScorer {
  const layout: FeatureLayout = featureLayout(model.features);
  const { weights } = model;
  const groups = layout.groups.map((g, i) => ({ g, offset: layout.offsets[i] }));
  const userGroups = groups.filter(({ g }) => !g.usesItem);
  const itemGroups = groups.filter(({ g }) => g.usesItem);
  const row = emptyRow();
  const userLogit = new Float64Array(USER_KEYS);
  forEachCombination(row, USER_KEY_FIELDS, () => {
    let z = model.bias;
    for (const { g, offset } of userGroups) z += weights[offset + g.index(row)];
    userLogit[userKey(row.ageBand, row.device, row.region, row.tenureBand, row.hourBand, row.day, row.position)] = z;
  });
  row.hourBand = row.day = row.position = 0;
  const itemLogit = new Float64Array(ITEM_KEYS);
  forEachCombination(row, ITEM_KEY_FIELDS, () => {
    let z = 0;
    for (const { g, offset } of itemGroups) z += weights[offset + g.index(row)];
    itemLogit[itemKey(row.ageBand, row.device, row.region, row.tenureBand, row.category)] = z;
  });
  return { userLogit, itemLogit };
}

/** The model's click probability for the shown item of every impression in `log`. */
export function predictLogged(model: CtrModel, log: ImpressionWeek, scorer: ModelScorer = modelScorer(model)): Float64Array {
  const out = new Float64Array(log.count);
  const row = emptyRow();
  for (let i = 0; i < log.count; i++) {
    readRow(log, i, row);
    const user = scorer.userLogit[userKey(row.ageBand, row.device, row.region, row.tenureBand, row.hourBand, row.day, row.position)];
    out[i] = sigmoid(user + scorer.itemLogit[itemKey(row.ageBand, row.device, row.region, row.tenureBand, row.category)]);
  }
  return out;
}
