/**
 * The OpenMetrics 1.0 text format with timestamps: what `promtool tsdb create-blocks-from
 * openmetrics` backfills into a Prometheus. It differs from the 0.0.4 text of `/metrics`
 * (serving/prometheus.ts) where a backfill cares:
 * - every sample carries its timestamp, in SECONDS since the epoch (0.0.4 uses ms);
 * - a counter family is named without `_total` and its samples with it (`# TYPE x counter`,
 *   `x_total{…} 3 1733400000`);
 * - `# UNIT` is written for families whose name ends in a unit (`_seconds`): the spec requires the
 *   name to end with `_<unit>`;
 * - HELP text escapes `\`, `"` and newlines, as label values do;
 * - the text ends with `# EOF`.
 * A series' points come in time order and one series' points together; a histogram point is its
 * cumulative `_bucket` lines (ending `le="+Inf"`), `_count` and `_sum`, all at one timestamp.
 * Names, label escaping and numbers are those of serving/prometheus.ts, so both formats agree.
 */
import { checkDistinct, checkMetricName, formatValue, labelBlock, type Labels } from '../serving/prometheus';

/** Its media type (the text is UTF-8; downloads add the charset). */
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0';

export interface TimedPoint {
  /** ms since the epoch (written in seconds). */
  atMs: number;
  value: number;
}

export interface TimedHistogramPoint {
  atMs: number;
  /** Per bucket, not cumulative; one more than the bounds (the last for +Inf). */
  counts: readonly number[];
  sum: number;
}

export type TimedFamily =
  | { type: 'counter' | 'gauge'; name: string; help: string; series: { labels: Labels; points: TimedPoint[] }[] }
  | { type: 'histogram'; name: string; help: string; bounds: readonly number[]; series: { labels: Labels; points: TimedHistogramPoint[] }[] };

/** Units OpenMetrics names end with that we use. */
const UNITS = ['seconds'];

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Seconds since the epoch of a ms time: whole ms keep at most three decimals. */
export function secondsOf(atMs: number): string {
  if (!Number.isSafeInteger(atMs)) throw new RangeError(`Timestamps must be whole ms, got ${atMs}.`);
  return formatValue(atMs / 1000);
}

function checkOrder(name: string, points: readonly { atMs: number }[]): void {
  for (let i = 1; i < points.length; i++) {
    if (points[i].atMs <= points[i - 1].atMs) throw new Error(`${name}: points must be in strictly increasing time order.`);
  }
}

function familyLines(family: TimedFamily, lines: string[]): void {
  const { name } = family;
  checkMetricName(name);
  if (family.type === 'counter' && name.endsWith('_total')) throw new Error(`Counter family ${name} must be named without "_total".`);
  lines.push(`# TYPE ${name} ${family.type}`);
  const unit = UNITS.find((u) => name.endsWith(`_${u}`));
  if (unit) lines.push(`# UNIT ${name} ${unit}`);
  lines.push(`# HELP ${name} ${escapeHelp(family.help)}`);
  checkDistinct(name, family.series.map((s) => s.labels));
  for (const series of family.series) {
    checkOrder(name, series.points);
    // Label blocks are written once per series (a week's backfill has ~1,000 points per series).
    const block = labelBlock(name, series.labels);
    if (family.type === 'histogram') {
      if ('le' in series.labels) throw new Error(`${name}: a histogram cannot have its own "le" label`);
      const buckets = [...family.bounds.map(formatValue), '+Inf'].map((le) => `${name}_bucket${labelBlock(name, series.labels, ['le', le])} `);
      for (const p of series.points as TimedHistogramPoint[]) {
        if (p.counts.length !== buckets.length) throw new Error(`${name}: ${p.counts.length} counts for ${family.bounds.length} bounds`);
        const at = secondsOf(p.atMs);
        let cumulative = 0;
        p.counts.forEach((count, i) => {
          cumulative += count;
          lines.push(`${buckets[i]}${formatValue(cumulative)} ${at}`);
        });
        lines.push(`${name}_count${block} ${formatValue(cumulative)} ${at}`);
        lines.push(`${name}_sum${block} ${formatValue(p.sum)} ${at}`);
      }
    } else {
      const sampleName = family.type === 'counter' ? `${name}_total` : name;
      for (const p of series.points as TimedPoint[]) {
        if (family.type === 'counter' && !(p.value >= 0)) throw new Error(`${name}: a counter cannot be ${p.value}.`);
        lines.push(`${sampleName}${block} ${formatValue(p.value)} ${secondsOf(p.atMs)}`);
      }
    }
  }
}

/** The OpenMetrics text of `families`, ending with `# EOF`; throws on invalid names or order. */
export function renderOpenMetrics(families: readonly TimedFamily[]): string {
  const names = new Set<string>();
  const lines: string[] = [];
  for (const family of families) {
    if (names.has(family.name)) throw new Error(`Metric ${family.name} is defined twice`);
    names.add(family.name);
    familyLines(family, lines);
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
