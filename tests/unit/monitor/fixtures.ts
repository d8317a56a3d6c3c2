import { addPrediction, bucketStart, emptyBucket, type MetricBucket, type PredictionSample } from '$lib/core/monitor/buckets';

/** 2024-05-01T12:00:00Z, a minute- and hour-aligned instant, ms. */
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A served, successful champion prediction at `ms`, overridable field by field. */
export function prediction(ms: number, fields: Partial<PredictionSample> = {}): PredictionSample {
  return {
    at: iso(ms),
    modelVersionId: 'v1',
    route: 'champion',
    label: 'Billing',
    confidence: 0.9,
    latencyMs: 20,
    status: 200,
    ...fields,
  };
}

/** Standard normal draw from two uniforms (Box–Muller). */
export function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** The logs tallied into minute buckets, as the endpoint stores them. */
export function minuteBuckets(logs: readonly PredictionSample[]): MetricBucket[] {
  const byStart = new Map<number, MetricBucket>();
  for (const log of logs) {
    const start = bucketStart(Date.parse(log.at), MINUTE);
    if (!byStart.has(start)) byStart.set(start, emptyBucket(start, MINUTE));
    addPrediction(byStart.get(start)!, log);
  }
  return [...byStart.values()];
}
