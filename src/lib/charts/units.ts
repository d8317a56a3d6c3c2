/**
 * Unit words for chart axes: what one point of a chart counts ("requests per minute", not
 * "per step") and the axis of a stored metric, from the metric catalogue's unit.
 */
import { metricById } from '$lib/core/lifecycle/criterionMetrics';

/** "minute", "15 minutes", "hour", "day" for a step of `ms`. */
export function intervalWords(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  const [size, word] = units.find(([u]) => ms >= u && ms % u === 0) ?? [1, 'millisecond'];
  const n = ms / size;
  return n === 1 ? word : `${n} ${word}s`;
}

/**
 * The y label and fixed domain for a run metric key like "test.accuracy" or
 * "test.latency_p99_ms": ratios read on [0, 1], milliseconds from the data.
 */
export function metricAxis(key: string): { label: string; domain?: [number, number] } {
  const metric = metricById(key.slice(key.indexOf('.') + 1));
  if (metric?.unit === 'ms') return { label: `${metric.label} (ms)` };
  if (metric?.unit === 'ratio') return { label: `${metric.label} (0–1)`, domain: [0, 1] };
  return { label: key };
}
