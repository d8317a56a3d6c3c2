/**
 * Measured metrics as a run stores them: flat keys "<split>.<metric id>" (e.g. "test.accuracy",
 * "production.latency_p99_ms"), easy to sort, filter and diff; and back into the nested form
 * `evaluateCriteria` reads.
 */
import { CRITERION_METRICS, SPLITS, type MeasuredMetrics, type MetricId, type Split } from './criteria';

const METRIC_IDS = new Set<string>(CRITERION_METRICS.map((m) => m.id));
const SPLIT_IDS = new Set<string>(SPLITS);

export function flattenMeasured(measured: MeasuredMetrics): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [split, metrics] of Object.entries(measured)) {
    for (const [metric, value] of Object.entries(metrics ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value)) flat[`${split}.${metric}`] = value;
    }
  }
  return flat;
}

/** The nested form; keys that are not "<split>.<criterion metric>" are ignored. */
export function unflattenMeasured(flat: Record<string, number>): MeasuredMetrics {
  const measured: MeasuredMetrics = {};
  for (const [key, value] of Object.entries(flat)) {
    const dot = key.indexOf('.');
    const split = key.slice(0, dot);
    const metric = key.slice(dot + 1);
    if (dot < 0 || !SPLIT_IDS.has(split) || !METRIC_IDS.has(metric)) continue;
    (measured[split as Split] ??= {})[metric as MetricId] = value;
  }
  return measured;
}
