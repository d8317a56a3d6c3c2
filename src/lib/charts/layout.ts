/**
 * Layout arithmetic shared by every chart: text widths, labels that never collide, ticks that fit,
 * value domains and lone points. Pure numbers, no DOM, so the rules are unit-tested once and every
 * chart follows them at any size (the SVGs scale with their viewBox, so room is in viewBox px).
 */

/**
 * Width in px of `text` at `fontSize` in the app's sans-serif, estimated at 0.6 em per character
 * (an upper bound for digits and lower-case Latin; measuring would need a rendered DOM).
 */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/**
 * Positions (px) for labels that want to sit at `wanted` along one axis (e.g. the y of each line's
 * last point): the same order as wanted, at least `gap` apart, inside [lo, hi] when they fit.
 * Labels push down from the top, then back up from `hi`, so each stays as near its line as room allows.
 */
export function spreadLabels(wanted: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b] || a - b);
  const placed = new Array<number>(wanted.length);
  let previous = -Infinity;
  for (const i of order) {
    placed[i] = Math.max(wanted[i], lo, previous + gap);
    previous = placed[i];
  }
  let next = Infinity;
  for (const i of [...order].reverse()) {
    placed[i] = Math.min(placed[i], hi, next - gap);
    next = placed[i];
  }
  return placed;
}

/** How many ticks labels of `labelWidth` px fit along `span` px, with room between them (1 at least). */
export function tickCount(span: number, labelWidth: number, most = 10): number {
  return Math.max(1, Math.min(most, Math.floor(span / (labelWidth + 12))));
}

/** Show every k-th of a row of labels in bands `band` px wide so that none runs into the next. */
export function labelStride(band: number, labelWidth: number): number {
  return Math.max(1, Math.ceil((labelWidth + 6) / Math.max(1, band)));
}

/**
 * The y domain for values of a metric: from 0 (or below, for negatives) to the largest value or
 * target; a single value (or all equal) gets 10 % headroom so its point is not on the edge. With
 * `bounds` (the metric's possible range, e.g. [0, 1] for a share) the domain never leaves it.
 */
export function valueDomain(values: readonly number[], bounds?: readonly [number, number]): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = finite.length ? Math.max(...finite) : 1;
  if (hi === lo) hi = lo + (Math.abs(lo) || 1);
  else if (finite.length && Math.min(...finite) === Math.max(...finite)) hi += Math.abs(hi) * 0.1;
  if (bounds) {
    lo = Math.max(bounds[0], lo);
    hi = Math.min(bounds[1], hi);
    if (hi <= lo) [lo, hi] = [bounds[0], bounds[1]];
  }
  return [lo, hi];
}

/**
 * Indices of values with no defined neighbour: a line through them draws nothing, so the chart
 * marks them with a dot (a series of one value, one minute of traffic, a version between gaps).
 */
export function lonePoints(values: readonly (number | null)[]): number[] {
  const defined = (i: number) => i >= 0 && i < values.length && values[i] !== null && Number.isFinite(values[i]);
  return values.map((_, i) => i).filter((i) => defined(i) && !defined(i - 1) && !defined(i + 1));
}

/** Index of the last finite value (where a line ends and its label sits), or -1. */
export function lastDefined(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && Number.isFinite(values[i])) return i;
  return -1;
}

/** `text` shortened with an ellipsis to fit `width` px at `fontSize`. */
export function fitText(text: string, width: number, fontSize: number): string {
  const chars = Math.floor(width / (fontSize * 0.6));
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}
