/**
 * The feature pipeline of the deployed CTR model: a catalogue of one-hot feature groups, each
 * mapping an impression (user context + candidate item) to exactly one column. A model's feature
 * list picks groups from here; `changeFeatures` adds or drops groups by name.
 *
 * The crosses with `itemCategory` are what make the model personalise: without them every user
 * would get the same ranking of categories. `ageBand×device×itemCategory` is the "new signal" a
 * feature-pipeline change can add: it lets the model learn a preference of one age × device
 * segment without blaming all users of that age or that device.
 */
import { AGE_BANDS, DAYS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITIONS, REGIONS, TENURE_BANDS } from './vocabulary';

/** One impression as codes into the vocabulary lists; `position` is 0-based here. */
export interface RowCodes {
  ageBand: number;
  device: number;
  region: number;
  tenureBand: number;
  hourBand: number;
  day: number;
  position: number;
  category: number;
}

export const FEATURE_NAMES = [
  'ageBand',
  'device',
  'region',
  'tenureBand',
  'hourBand',
  'dayOfWeek',
  'position',
  'itemCategory',
  'ageBand×itemCategory',
  'device×itemCategory',
  'region×itemCategory',
  'tenureBand×itemCategory',
  'ageBand×device×itemCategory',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface FeatureGroup {
  name: FeatureName;
  /** Number of one-hot columns. */
  size: number;
  /** Whether the column depends on the candidate item (else only on the user and slot). */
  usesItem: boolean;
  /** Column within the group, 0 … size − 1. */
  index(row: RowCodes): number;
}

const C = ITEM_CATEGORIES.length;
const D = DEVICES.length;

const GROUPS: Readonly<Record<FeatureName, FeatureGroup>> = {
  ageBand: { name: 'ageBand', size: AGE_BANDS.length, usesItem: false, index: (r) => r.ageBand },
  device: { name: 'device', size: D, usesItem: false, index: (r) => r.device },
  region: { name: 'region', size: REGIONS.length, usesItem: false, index: (r) => r.region },
  tenureBand: { name: 'tenureBand', size: TENURE_BANDS.length, usesItem: false, index: (r) => r.tenureBand },
  hourBand: { name: 'hourBand', size: HOUR_BANDS.length, usesItem: false, index: (r) => r.hourBand },
  dayOfWeek: { name: 'dayOfWeek', size: DAYS.length, usesItem: false, index: (r) => r.day },
  position: { name: 'position', size: POSITIONS, usesItem: false, index: (r) => r.position },
  itemCategory: { name: 'itemCategory', size: C, usesItem: true, index: (r) => r.category },
  'ageBand×itemCategory': { name: 'ageBand×itemCategory', size: AGE_BANDS.length * C, usesItem: true, index: (r) => r.ageBand * C + r.category },
  'device×itemCategory': { name: 'device×itemCategory', size: D * C, usesItem: true, index: (r) => r.device * C + r.category },
  'region×itemCategory': { name: 'region×itemCategory', size: REGIONS.length * C, usesItem: true, index: (r) => r.region * C + r.category },
  'tenureBand×itemCategory': {
    name: 'tenureBand×itemCategory',
    size: TENURE_BANDS.length * C,
    usesItem: true,
    index: (r) => r.tenureBand * C + r.category,
  },
  'ageBand×device×itemCategory': {
    name: 'ageBand×device×itemCategory',
    size: AGE_BANDS.length * D * C,
    usesItem: true,
    index: (r) => (r.ageBand * D + r.device) * C + r.category,
  },
};

/** The deployed model's pipeline at the start of the quarter. */
export const DEFAULT_FEATURES: readonly FeatureName[] = [
  'ageBand',
  'device',
  'region',
  'tenureBand',
  'hourBand',
  'position',
  'itemCategory',
  'ageBand×itemCategory',
  'device×itemCategory',
];

/** Where each group's columns start in a model's weight vector. */
export interface FeatureLayout {
  groups: readonly FeatureGroup[];
  /** Column offset of each group. */
  offsets: Int32Array;
  /** Total number of columns. */
  cols: number;
}

export function isFeatureName(name: string): name is FeatureName {
  return (FEATURE_NAMES as readonly string[]).includes(name);
}

/** Feature list in catalogue order without duplicates; throws on an unknown name or an empty list. */
export function normalizeFeatures(names: readonly string[]): FeatureName[] {
  const unknown = names.filter((n) => !isFeatureName(n));
  if (unknown.length > 0) throw new Error(`Unknown feature(s) ${unknown.join(', ')}; known: ${FEATURE_NAMES.join(', ')}.`);
  const chosen = FEATURE_NAMES.filter((n) => names.includes(n));
  if (chosen.length === 0) throw new Error('A model needs at least one feature.');
  return chosen;
}

export function featureLayout(features: readonly FeatureName[]): FeatureLayout {
  const groups = normalizeFeatures(features).map((name) => GROUPS[name]);
  const offsets = new Int32Array(groups.length);
  let cols = 0;
  groups.forEach((g, i) => {
    offsets[i] = cols;
    cols += g.size;
  });
  return { groups, offsets, cols };
}

/** Writes the active column of every group for `row` into `out` (length = number of groups). */
export function encodeRow(layout: FeatureLayout, row: RowCodes, out: Int32Array, at = 0): void {
  const { groups, offsets } = layout;
  for (let g = 0; g < groups.length; g++) out[at + g] = offsets[g] + groups[g].index(row);
}
