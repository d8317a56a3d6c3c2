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

/** `padding`: share of the data's span added below and above, before rounding to nice ticks. */
export function zoomedDomain(values: readonly number[], padding = 0.15): ZoomedDomain {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { domain: [0, 1], fromZero: true };
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  // One value (or a flat line): a span of 10 % of its size, so it sits mid-axis.
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const [niceLo, niceHi] = scaleLinear()
    .domain([lo - padding * span, hi + padding * span])
    .nice(5)
    .domain();
  return niceLo <= 0 && lo >= 0 ? { domain: [0, niceHi], fromZero: true } : { domain: [niceLo, niceHi], fromZero: niceLo <= 0 };
}
