/**
 * Which logged predictions the Monitor's "Latest predictions" shows: a search in the stored text,
 * the predicted label, a confidence band, whether ground truth arrived, and a time window. The
 * time window is read by the database's `[projectId+at]` index (`windowFrom`); the rest is one
 * predicate (`matchesPrediction`) the query applies to each log of the window.
 */

export const CONFIDENCE_BANDS = [
  { id: 'low', title: 'below 50 %', lo: 0, hi: 0.5 },
  { id: 'mid', title: '50 % to under 80 %', lo: 0.5, hi: 0.8 },
  { id: 'high', title: '80 % or more', lo: 0.8, hi: Infinity },
] as const;
export type ConfidenceBand = (typeof CONFIDENCE_BANDS)[number]['id'];

export const LOG_WINDOWS = [
  { id: '1h', title: 'Last hour', ms: 3_600_000 },
  { id: '24h', title: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', title: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'all', title: 'All kept', ms: null },
] as const;
export type LogWindow = (typeof LOG_WINDOWS)[number]['id'];

export interface PredictionFilter {
  /** Text the stored input must contain (case-insensitive, trimmed); empty for any. */
  search: string;
  /** The predicted label, or null for any. */
  label: string | null;
  band: ConfidenceBand | null;
  /** Whether the ground truth arrived; null for either. */
  hasOutcome: boolean | null;
  window: LogWindow;
}

export const ANY_PREDICTION: Readonly<PredictionFilter> = Object.freeze({ search: '', label: null, band: null, hasOutcome: null, window: 'all' });

/** What the filter reads of a log. */
export interface FilterableLog {
  label: string;
  confidence: number;
  outcome?: string;
  text?: string;
}

/** The first time (ISO) the window shows at `nowMs`, or null for all. */
export function windowFrom(window: LogWindow, nowMs: number): string | null {
  const ms = LOG_WINDOWS.find((w) => w.id === window)?.ms ?? null;
  return ms === null ? null : new Date(nowMs - ms).toISOString();
}

/**
 * A predicate for the filter's conditions other than the window (all must hold). The search is
 * lower-cased once here, not per log; a log without a stored text never matches a search.
 */
export function matchesPrediction(filter: PredictionFilter): (log: FilterableLog) => boolean {
  const needle = filter.search.trim().toLowerCase();
  const band = CONFIDENCE_BANDS.find((b) => b.id === filter.band) ?? null;
  return (log) =>
    (filter.label === null || log.label === filter.label) &&
    (band === null || (log.confidence >= band.lo && log.confidence < band.hi)) &&
    (filter.hasOutcome === null || (log.outcome !== undefined) === filter.hasOutcome) &&
    (needle === '' || (log.text !== undefined && log.text.toLowerCase().includes(needle)));
}

/** The filter's conditions other than the window, in words ("label Billing · has outcome"); '' when none. */
export function describeFilter(filter: PredictionFilter): string {
  const parts: string[] = [];
  const search = filter.search.trim();
  if (search) parts.push(`text contains “${search.length > 100 ? `${search.slice(0, 100)}…` : search}”`);
  if (filter.label !== null) parts.push(`label ${filter.label}`);
  const band = CONFIDENCE_BANDS.find((b) => b.id === filter.band);
  if (band) parts.push(`confidence ${band.title}`);
  if (filter.hasOutcome !== null) parts.push(filter.hasOutcome ? 'has outcome' : 'no outcome yet');
  return parts.join(' · ');
}
