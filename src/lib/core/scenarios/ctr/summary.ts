/**
 * What the monitoring dashboard shows for a week: traffic, CTR (clicks / all impressions, errors
 * included: a failed request is a slot nobody clicked), the model's mean predicted CTR, latency
 * percentiles, error rate, and actual vs predicted CTR per segment — the view that exposes a
 * concept change (predicted stays, actual falls) where the totals only show a decline.
 */
import { percentiles } from '../../eval/latency';
import type { ImpressionWeek } from './impressions';
import { AGE_BANDS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITION_LABELS, REGIONS, TENURE_BANDS, hourBandOf } from './vocabulary';

/** A column to slice by: its labels and the code of every row. */
interface SliceColumn {
  labels: readonly string[];
  codes(log: ImpressionWeek): Uint8Array;
}

function derived(log: ImpressionWeek, code: (i: number) => number): Uint8Array {
  const out = new Uint8Array(log.count);
  for (let i = 0; i < log.count; i++) out[i] = code(i);
  return out;
}


const SLICE_COLUMNS = {
  ageBand: { labels: AGE_BANDS, codes: (log) => log.ageBand },
  device: { labels: DEVICES, codes: (log) => log.device },
  region: { labels: REGIONS, codes: (log) => log.region },
  tenureBand: { labels: TENURE_BANDS, codes: (log) => log.tenureBand },
  itemCategory: { labels: ITEM_CATEGORIES, codes: (log) => log.category },
  hourBand: { labels: HOUR_BANDS, codes: (log) => derived(log, (i) => hourBandOf(log.hour[i])) },
  position: { labels: POSITION_LABELS, codes: (log) => derived(log, (i) => log.position[i] - 1) },
} as const satisfies Record<string, SliceColumn>;

export type SliceColumnName = keyof typeof SLICE_COLUMNS;

/** The segmentations every week summary carries. */
export const SEGMENT_DIMENSIONS = {
  'ageBand×device': ['ageBand', 'device'],
  ageBand: ['ageBand'],
  device: ['device'],
  region: ['region'],
  tenureBand: ['tenureBand'],
  itemCategory: ['itemCategory'],
  hourBand: ['hourBand'],
  position: ['position'],
} as const satisfies Record<string, readonly SliceColumnName[]>;

export type SegmentDimension = keyof typeof SEGMENT_DIMENSIONS;

export interface SegmentStat {
  /** Labels joined with ' · ', e.g. '18-24 · mobile'. */
  key: string;
  /** One label per column of the dimension. */
  values: string[];
  impressions: number;
  clicks: number;
  /** NaN for a segment without impressions. */
  ctr: number;
  meanPredictedCtr: number;
}

export interface WeekSummary {
  week: number;
  impressions: number;
  clicks: number;
  ctr: number;
  /** Mean of the serving model's predicted CTR over the week's impressions. */
  meanPredictedCtr: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** Failed requests / impressions. */
  errorRate: number;
  /** Model version(s) that served the week, ascending. */
  modelVersions: number[];
  /** The drift levels the simulation applied (ground truth for the facilitator, 0 … 1). */
  driftLevels: { covariate: number; concept: number };
  segments: Record<SegmentDimension, SegmentStat[]>;
}

/** Actual vs predicted CTR per segment of `columns` over one or more weeks (every segment listed). */
export function segmentStats(logs: readonly ImpressionWeek[], columns: readonly SliceColumnName[]): SegmentStat[] {
  const slices = columns.map((c) => SLICE_COLUMNS[c] as SliceColumn);
  const sizes = slices.map((s) => s.labels.length);
  const cells = sizes.reduce((p, s) => p * s, 1);
  const impressions = new Float64Array(cells);
  const clicks = new Float64Array(cells);
  const predicted = new Float64Array(cells);
  for (const log of logs) {
    // Cell of each row, one column at a time (row-major over the columns).
    const cellOf = new Int32Array(log.count);
    slices.forEach((slice, s) => {
      const codes = slice.codes(log);
      for (let i = 0; i < log.count; i++) cellOf[i] = cellOf[i] * sizes[s] + codes[i];
    });
    for (let i = 0; i < log.count; i++) {
      const cell = cellOf[i];
      impressions[cell]++;
      clicks[cell] += log.clicked[i];
      predicted[cell] += log.predictedCtr[i];
    }
  }
  return Array.from({ length: cells }, (_, cell) => {
    const values: string[] = new Array(slices.length);
    let rest = cell;
    for (let s = slices.length - 1; s >= 0; s--) {
      values[s] = slices[s].labels[rest % sizes[s]];
      rest = Math.floor(rest / sizes[s]);
    }
    const n = impressions[cell];
    return { key: values.join(' · '), values, impressions: n, clicks: clicks[cell], ctr: clicks[cell] / n, meanPredictedCtr: predicted[cell] / n };
  });
}

export function summarizeWeek(log: ImpressionWeek, driftLevels: { covariate: number; concept: number }): WeekSummary {
  let clicks = 0;
  let predicted = 0;
  let errors = 0;
  const versions = new Set<number>();
  for (let i = 0; i < log.count; i++) {
    clicks += log.clicked[i];
    predicted += log.predictedCtr[i];
    errors += log.status[i];
    versions.add(log.modelVersion[i]);
  }
  const latency = percentiles(log.latencyMs);
  const segments = Object.fromEntries(
    (Object.keys(SEGMENT_DIMENSIONS) as SegmentDimension[]).map((dim) => [dim, segmentStats([log], SEGMENT_DIMENSIONS[dim])]),
  ) as Record<SegmentDimension, SegmentStat[]>;
  return {
    week: log.week,
    impressions: log.count,
    clicks,
    ctr: clicks / log.count,
    meanPredictedCtr: predicted / log.count,
    latencyP50Ms: latency?.p50 ?? NaN,
    latencyP95Ms: latency?.p95 ?? NaN,
    errorRate: errors / log.count,
    modelVersions: [...versions].sort((a, b) => a - b),
    driftLevels: { ...driftLevels },
    segments,
  };
}
