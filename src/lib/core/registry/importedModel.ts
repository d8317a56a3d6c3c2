/**
 * A model package brought back in: the flat run metrics ("test.accuracy", …) rebuilt from the
 * packaged evaluation, so an imported version sorts, compares and meets criteria like a trained one.
 */
import type { PackagedEvaluation, PackagedSplit } from './modelVersionDocument';
import { SPLIT_METRIC_IDS } from '../eval/evaluate';

/** Flat metrics as runs store them; measurements the package does not have are left out. */
export function metricsFromPackage(evaluation: PackagedEvaluation | null): Record<string, number> {
  const metrics: Record<string, number> = {};
  if (!evaluation) return metrics;
  const splits: [string, PackagedSplit | null][] = [['test', evaluation.test], ['validation', evaluation.validation]];
  for (const [split, values] of splits) {
    if (!values) continue;
    for (const [field, id] of SPLIT_METRIC_IDS) {
      const v = values[field as keyof PackagedSplit];
      if (typeof v === 'number' && Number.isFinite(v)) metrics[`${split}.${id}`] = v;
    }
  }
  const { p50, p95, p99 } = evaluation.latency;
  const latency: [string, number | null][] = [['latency_p50_ms', p50], ['latency_p95_ms', p95], ['latency_p99_ms', p99]];
  for (const [id, ms] of latency) if (ms !== null && Number.isFinite(ms)) metrics[`test.${id}`] = ms;
  return metrics;
}
