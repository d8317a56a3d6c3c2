/**
 * Flat indices of the lookup tables that score impressions: a logit is
 * `userTable[userKey(…)] + itemTable[itemKey(…)]`, for the deployed model and the ground truth
 * alike. Table lookups instead of per-feature function calls keep a simulated week of 50k
 * impressions × 5 candidates cheap. All codes are 0-based (`position` too).
 */
import { AGE_BANDS, DAYS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITIONS, REGIONS, TENURE_BANDS } from './vocabulary';

const A = AGE_BANDS.length;
const D = DEVICES.length;
const R = REGIONS.length;
const T = TENURE_BANDS.length;
const H = HOUR_BANDS.length;
const W = DAYS.length;
const C = ITEM_CATEGORIES.length;

/** Length of a user/slot table (84,000 contexts). */
export const USER_KEYS = A * D * R * T * H * W * POSITIONS;
/** Length of an item table (2,400 user × category cells). */
export const ITEM_KEYS = A * D * R * T * C;

export function userKey(ageBand: number, device: number, region: number, tenureBand: number, hourBand: number, day: number, position: number): number {
  return (((((ageBand * D + device) * R + region) * T + tenureBand) * H + hourBand) * W + day) * POSITIONS + position;
}

export function itemKey(ageBand: number, device: number, region: number, tenureBand: number, category: number): number {
  return (((ageBand * D + device) * R + region) * T + tenureBand) * C + category;
}

/** Ranges of the codes a user/slot key and an item key are made of, in key order. */
export const USER_KEY_FIELDS = [
  ['ageBand', A],
  ['device', D],
  ['region', R],
  ['tenureBand', T],
  ['hourBand', H],
  ['day', W],
  ['position', POSITIONS],
] as const;

export const ITEM_KEY_FIELDS = [
  ['ageBand', A],
  ['device', D],
  ['region', R],
  ['tenureBand', T],
  ['category', C],
] as const;
