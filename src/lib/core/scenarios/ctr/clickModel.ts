/**
 * The ground truth: the probability that a user clicks an item category in a feed slot, as a
 * logistic model the deployed model has to learn from logs.
 *
 *   logit = intercept + age + device + region + tenure + hour band − 0.08·(position − 1)
 *         + category + age×category + device×category + region×category + concept
 *
 * Younger users, mobile users, new users and LATAM click less (so the covariate shift lowers CTR
 * through base rates alone); LATAM's tastes differ (sports, music), which the first model has no
 * feature for. The concept change, at level L, moves one age × device segment off its favourite
 * category (−FROM_DROP·L on its logit) toward another (+TO_GAIN·L): the model trained before it
 * keeps showing the old favourite, so that segment's CTR falls.
 */
import { driftLevel, type CtrScenarioConfig } from './config';
import { ITEM_KEYS, USER_KEYS } from './keys';
import { AGE_BANDS, DAYS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITIONS, REGIONS, TENURE_BANDS, codeOf } from './vocabulary';

const INTERCEPT = -2.5;
const AGE = [-0.25, 0, 0.05, 0, -0.1];
const DEVICE = [-0.12, 0.08, 0];
const REGION = [0.1, 0, 0.05, -0.05, -0.25];
const TENURE = [-0.3, -0.05, 0.05, 0.15];
const HOUR_BAND = [-0.15, 0, 0, 0.1];
const POSITION_SLOPE = -0.08;
/** Per ITEM_CATEGORIES: news, sports, music, gaming, fashion, food, travel, tech. */
const CATEGORY = [0, 0, 0.05, -0.05, -0.1, 0, -0.1, 0];
const AGE_AFFINITY = [
  [-0.5, 0.1, 0.5, 0.9, 0.3, -0.1, -0.3, 0.2],
  [-0.1, 0.2, 0.2, 0.3, 0.3, 0.1, 0.3, 0.4],
  [0.3, 0.3, 0, -0.1, 0, 0.4, 0.3, 0.1],
  [0.5, 0.4, -0.2, -0.5, -0.1, 0.3, 0.3, 0],
  [0.7, 0.2, -0.3, -0.8, -0.2, 0.4, 0.3, -0.2],
];
const DEVICE_AFFINITY = [
  [-0.1, 0, 0.2, 0.2, 0.1, 0, -0.1, -0.1],
  [0.2, 0.1, -0.1, -0.1, -0.1, 0, 0.1, 0.3],
  [0, 0, 0, 0, 0, 0.2, 0.2, 0],
];
const REGION_AFFINITY = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0.1, 0, 0, 0.1, 0, 0, 0],
  [0, 0.1, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0.2, 0, 0, 0, 0.2],
  [-0.2, 0.6, 0.3, 0, 0, 0, -0.2, -0.2],
];
/** Logit change of the concept segment's old favourite and new favourite at full level. */
export const CONCEPT_FROM_DROP = 1.15;
export const CONCEPT_TO_GAIN = 0.9;

/** The week's click model as lookup tables (`keys.ts`): logit = userLogit[userKey] + itemLogit[itemKey]. */
export interface ClickTruth {
  userLogit: Float64Array;
  itemLogit: Float64Array;
}

export function clickTruth(config: CtrScenarioConfig, week: number): ClickTruth {
  const { concept } = config.drifts;
  const level = driftLevel(concept, week);
  const segmentAge = codeOf(AGE_BANDS, concept.ageBand, 'age band');
  const segmentDevice = codeOf(DEVICES, concept.device, 'device');
  const from = codeOf(ITEM_CATEGORIES, concept.fromCategory, 'category');
  const to = codeOf(ITEM_CATEGORIES, concept.toCategory, 'category');
  const userLogit = new Float64Array(USER_KEYS);
  const itemLogit = new Float64Array(ITEM_KEYS);
  let u = 0;
  let it = 0;
  // Loops in key order (keys.ts), so the tables fill front to back.
  for (let a = 0; a < AGE_BANDS.length; a++) {
    for (let d = 0; d < DEVICES.length; d++) {
      for (let r = 0; r < REGIONS.length; r++) {
        for (let t = 0; t < TENURE_BANDS.length; t++) {
          for (let h = 0; h < HOUR_BANDS.length; h++) {
            const base = INTERCEPT + AGE[a] + DEVICE[d] + REGION[r] + TENURE[t] + HOUR_BAND[h];
            for (let day = 0; day < DAYS.length; day++) {
              for (let p = 0; p < POSITIONS; p++) userLogit[u++] = base + POSITION_SLOPE * p;
            }
          }
          for (let c = 0; c < ITEM_CATEGORIES.length; c++) {
            let z = CATEGORY[c] + AGE_AFFINITY[a][c] + DEVICE_AFFINITY[d][c] + REGION_AFFINITY[r][c];
            if (a === segmentAge && d === segmentDevice) {
              if (c === from) z -= CONCEPT_FROM_DROP * level;
              if (c === to) z += CONCEPT_TO_GAIN * level;
            }
            itemLogit[it++] = z;
          }
        }
      }
    }
  }
  return { userLogit, itemLogit };
}
