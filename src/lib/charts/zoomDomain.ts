/**
 * A y domain zoomed to the data, for charts where the change matters more than the level (a CTR
 * falling from 9.8 % to 8.3 % is a flat line on a 0–10 % axis). The caller must say on the chart
 * when the axis does not start at 0 (`fromZero` false).
 */
import { scaleLinear } from 'd3';

export interface ZoomedDomain {
  domain: [number, number];
  /** Whether the axis starts at (or below) 0: data near 0, or no data. */
  fromZero: boolean;
}

/**
 * `padding`: share of the span added below and above, before rounding to nice ticks.
 * `minSpanShare`: the axis spans at least this share of the largest value, so week-to-week noise
 * (or a single week) does not fill the axis and look like a drop; a 15 % fall still fills most of it.
 */
export function zoomedDomain(values: readonly number[], padding = 0.15, minSpanShare = 0.15): ZoomedDomain {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { domain: [0, 1], fromZero: true };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = Math.max(hi - lo, Math.abs(hi) * minSpanShare) || 1;
  const mid = (lo + hi) / 2;
  const [niceLo, niceHi] = scaleLinear()
    .domain([mid - (0.5 + padding) * span, mid + (0.5 + padding) * span])
    .nice(5)
    .domain();
  return niceLo <= 0 && lo >= 0 ? { domain: [0, niceHi], fromZero: true } : { domain: [niceLo, niceHi], fromZero: niceLo <= 0 };
}
