/**
 * One simulated week of impression logs, column-oriented: one typed array per field, categorical
 * fields as codes into the `vocabulary.ts` lists. ≈ 25 bytes per impression, so 13 weeks of 50k
 * impressions take ≈ 16 MB and transfer to or from a worker without copying.
 */
import { AGE_BANDS, DAYS, DEVICES, ITEM_CATEGORIES, REGIONS, STATUSES, TENURE_BANDS } from './vocabulary';

export interface ImpressionWeek {
  /** 0-based week of the quarter. */
  week: number;
  /** Id of row 0; row i has id `firstId + i` (ids are unique over the whole scenario). */
  firstId: number;
  /** Number of impressions (rows). */
  count: number;
  /** Day of the week, 0 = Mon … 6 = Sun. Rows are in time order. */
  day: Uint8Array;
  /** Hour of the day, 0–23. */
  hour: Uint8Array;
  /** Codes into AGE_BANDS, DEVICES, REGIONS, TENURE_BANDS, ITEM_CATEGORIES, STATUSES. */
  ageBand: Uint8Array;
  device: Uint8Array;
  region: Uint8Array;
  /** Days since sign-up. */
  tenureDays: Uint16Array;
  tenureBand: Uint8Array;
  /** The item category the engine showed. */
  category: Uint8Array;
  /** Slot in the feed, 1 = top … 10. */
  position: Uint8Array;
  /** The serving model's predicted click probability for the shown item. */
  predictedCtr: Float32Array;
  /** 1 = clicked (always 0 when status is error). */
  clicked: Uint8Array;
  latencyMs: Float32Array;
  status: Uint8Array;
  /** Version number of the model that served the impression. */
  modelVersion: Uint16Array;
}

/** One impression with labels instead of codes: for tables, exports and tests (slow in bulk). */
export interface Impression {
  id: number;
  week: number;
  day: string;
  hour: number;
  userAgeBand: string;
  device: string;
  region: string;
  tenureDays: number;
  tenureBand: string;
  itemCategory: string;
  position: number;
  predictedCtr: number;
  clicked: 0 | 1;
  latencyMs: number;
  status: string;
  modelVersion: number;
}

export function allocateWeek(week: number, firstId: number, count: number): ImpressionWeek {
  return {
    week,
    firstId,
    count,
    day: new Uint8Array(count),
    hour: new Uint8Array(count),
    ageBand: new Uint8Array(count),
    device: new Uint8Array(count),
    region: new Uint8Array(count),
    tenureDays: new Uint16Array(count),
    tenureBand: new Uint8Array(count),
    category: new Uint8Array(count),
    position: new Uint8Array(count),
    predictedCtr: new Float32Array(count),
    clicked: new Uint8Array(count),
    latencyMs: new Float32Array(count),
    status: new Uint8Array(count),
    modelVersion: new Uint16Array(count),
  };
}

export function impressionAt(log: ImpressionWeek, row: number): Impression {
  if (!(row >= 0 && row < log.count)) throw new RangeError(`Row ${row} is outside 0..${log.count - 1}.`);
  return {
    id: log.firstId + row,
    week: log.week,
    day: DAYS[log.day[row]],
    hour: log.hour[row],
    userAgeBand: AGE_BANDS[log.ageBand[row]],
    device: DEVICES[log.device[row]],
    region: REGIONS[log.region[row]],
    tenureDays: log.tenureDays[row],
    tenureBand: TENURE_BANDS[log.tenureBand[row]],
    itemCategory: ITEM_CATEGORIES[log.category[row]],
    position: log.position[row],
    predictedCtr: log.predictedCtr[row],
    clicked: log.clicked[row] ? 1 : 0,
    latencyMs: log.latencyMs[row],
    status: STATUSES[log.status[row]],
    modelVersion: log.modelVersion[row],
  };
}
