/**
 * The small dictionaries of the CTR scenario. Impression logs store each categorical value as its
 * index into one of these lists (a `Uint8Array` column), so a week of 50k impressions stays a few
 * hundred kilobytes; the lists turn codes back into labels for charts and drift reports.
 */

export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55+'] as const;
export const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
/** LATAM is the market that grows under covariate shift. */
export const REGIONS = ['NA', 'EU', 'UK', 'APAC', 'LATAM'] as const;
export const TENURE_BANDS = ['<30d', '30-179d', '180-364d', '1y+'] as const;
export const ITEM_CATEGORIES = ['news', 'sports', 'music', 'gaming', 'fashion', 'food', 'travel', 'tech'] as const;
export const HOUR_BANDS = ['night', 'morning', 'afternoon', 'evening'] as const;
export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const STATUSES = ['ok', 'error'] as const;
/** Slots in the feed, 1 = top. */
export const POSITIONS = 10;
/** Feed slots as labels, '1' (top) … '10'. */
export const POSITION_LABELS: readonly string[] = Array.from({ length: POSITIONS }, (_, p) => String(p + 1));

export type AgeBand = (typeof AGE_BANDS)[number];
export type Device = (typeof DEVICES)[number];
export type Region = (typeof REGIONS)[number];
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** Lower edges (days) of the tenure bands after the first. */
const TENURE_EDGES = [30, 180, 365];

/** Code of the tenure band holding `days`. */
export function tenureBandOf(days: number): number {
  let band = 0;
  while (band < TENURE_EDGES.length && days >= TENURE_EDGES[band]) band++;
  return band;
}

/** Code of the hour band of hour 0–23: night 0–5, morning 6–11, afternoon 12–17, evening 18–23. */
export function hourBandOf(hour: number): number {
  return Math.floor(hour / 6);
}

/** Code of `label` in `list`; throws with the allowed labels (config validation). */
export function codeOf(list: readonly string[], label: string, what: string): number {
  const code = list.indexOf(label);
  if (code < 0) throw new Error(`Unknown ${what} "${label}"; expected one of ${list.join(', ')}.`);
  return code;
}
