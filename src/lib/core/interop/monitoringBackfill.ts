/**
 * The monitoring of a window as an OpenMetrics backfill (openMetrics.ts) for
 * `promtool tsdb create-blocks-from openmetrics`: a time series, one point per step, where the
 * textfile export (prometheusAggregates.ts) has one untimed sample for the whole window.
 *
 * Decision: the families that count things (requests, errors, predictions, answers, labelled,
 * correct, per version, and the latency histogram) become COUNTERS running from the window's
 * start — what Prometheus expects of counts, so Grafana's `rate()`, `increase()` and
 * `histogram_quantile()` work on them. Ratios and means (accuracy, mean confidence, mean latency
 * per version, the business figures) stay gauges, each point holding its own step. Every point is
 * stamped with the end of its step. Two backfills of overlapping windows restart the counters at
 * their own window start: backfill windows that do not overlap.
 */
import { emptyBucket, mergeInto } from '../monitor/buckets';
import { rollUp } from '../monitor/query';
import { labelSetKey, type Labels } from '../serving/prometheus';
import { renderOpenMetrics, type TimedFamily } from './openMetrics';
import { checkWindow, monitorFamilies, type MonitoringAggregatesInput } from './prometheusAggregates';

const MINUTE_MS = 60_000;

/**
 * The step of a window's backfill: 5 minutes up to a day, 10 minutes beyond — a week stays a few
 * MB, and the dashboard's 20-minute rate windows always hold at least two points.
 */
export function backfillStepMs(windowMs: number): number {
  return windowMs <= 24 * 60 * MINUTE_MS ? 5 * MINUTE_MS : 10 * MINUTE_MS;
}

type Series = { labels: Labels; points: { atMs: number; value: number }[] } | { labels: Labels; points: { atMs: number; counts: number[]; sum: number }[] };

/** OpenMetrics text of the window [from, to) in steps of `stepMs` (see the file comment). */
export function renderMonitoringBackfill(input: MonitoringAggregatesInput & { stepMs: number }): string {
  const { from, to, stepMs } = input;
  checkWindow(from, to);
  if (!Number.isInteger(stepMs) || stepMs <= 0 || stepMs % MINUTE_MS !== 0) throw new RangeError(`The step must be whole minutes, got ${stepMs} ms.`);
  const steps = rollUp(input.buckets, { from, to, stepMs });
  const cumulative = emptyBucket(from, to - from);
  const families = new Map<string, { family: TimedFamily; series: Map<string, Series> }>();
  const stepText = `${stepMs / MINUTE_MS}-minute step`;

  steps.forEach((step, i) => {
    const atMs = Math.min(from + (i + 1) * stepMs, to);
    mergeInto(cumulative, step);
    const counted = monitorFamilies(cumulative, input).filter((f) => f.counts);
    const ratios = monitorFamilies(step, input).filter((f) => !f.counts);
    for (const { family: f, counts: isCounter } of [...counted, ...ratios]) {
      let entry = families.get(f.name);
      if (!entry) {
        const family: TimedFamily =
          f.type === 'histogram'
            ? { type: 'histogram', name: f.name, help: `${f.help} Counted from the start of the exported window.`, bounds: f.bounds, series: [] }
            : { type: isCounter ? 'counter' : 'gauge', name: f.name, help: isCounter ? `${f.help} Counted from the start of the exported window.` : `${f.help} Here: each ${stepText}.`, series: [] };
        entry = { family, series: new Map() };
        families.set(f.name, entry);
      }
      const seriesOf = (labels: Labels | undefined): Series => {
        const key = labelSetKey(labels);
        let s = entry!.series.get(key);
        if (!s) {
          s = { labels: labels ?? {}, points: [] };
          entry!.series.set(key, s);
          (entry!.family.series as Series[]).push(s);
        }
        return s;
      };
      if (f.type === 'histogram') {
        for (const h of f.series) (seriesOf(h.labels).points as { atMs: number; counts: number[]; sum: number }[]).push({ atMs, counts: [...h.counts], sum: h.sum });
      } else if (f.type !== 'info') {
        for (const s of f.samples) (seriesOf(s.labels).points as { atMs: number; value: number }[]).push({ atMs, value: s.value });
      }
    }
  });
  // Families in the textfile export's order, whatever step first had a sample of them.
  const order = monitorFamilies(cumulative, input).map((f) => f.family.name);
  return renderOpenMetrics(order.flatMap((name) => (families.has(name) ? [families.get(name)!.family] : [])));
}
