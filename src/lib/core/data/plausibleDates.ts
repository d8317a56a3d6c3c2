/**
 * Which timestamps can be right. A date that parses can still be impossible for the data: year
 * 0102 in a ticket export, or a date after the file was made. Such a date is reported as
 * `implausible-date` and never stored as if it were fine (see `issues.ts`).
 *
 * The range is `[1 January of earliestYear, now + 1 day]`. The day of grace after `now` is for
 * local times without a zone (read as UTC, so up to 14 hours "ahead") and clock differences.
 * `now` is passed in: the core has no clock.
 *
 * ## Fixing a year
 * The person may map each implausible year to the year it should have been (0102 → 2002); the
 * month, day and time are kept. The mapping is refused, with lines, when the mapped date still
 * falls outside the range or does not exist (29 February in a year that has none): a fix never
 * invents a date the file did not give.
 */

/** Default lower bound: the data this app imports (tickets, e-mails, sensor logs) is digital-era. */
export const DEFAULT_EARLIEST_YEAR = 1990;

const DAY_MS = 86_400_000;

/** Instants a timestamp may take, ISO 8601 UTC; `latest` null = no upper bound. */
export interface PlausibleDates {
  earliest: string;
  latest: string | null;
}

export const DEFAULT_PLAUSIBLE_DATES: PlausibleDates = { earliest: yearStart(DEFAULT_EARLIEST_YEAR), latest: null };

/** The range from `earliestYear` to `now` (ISO) plus a day; `now` null leaves it open-ended. */
export function plausibleDateRange(earliestYear: number, now: string | null): PlausibleDates {
  if (!Number.isInteger(earliestYear) || earliestYear < 1 || earliestYear > 9999) {
    throw new Error(`The earliest plausible year must be a whole number from 1 to 9999 (got ${earliestYear}).`);
  }
  const latest = now === null ? null : new Date(Date.parse(now) + DAY_MS).toISOString();
  return { earliest: yearStart(earliestYear), latest };
}

/**
 * The check for one range: why a parsed timestamp is implausible, or null when it is fine.
 * Timestamps from `parseDate` and the bounds are all `toISOString` form (24 characters, years
 * 0000–9999), which orders as text the way it orders in time: one string comparison per row.
 */
export function plausibilityCheck(range: PlausibleDates): (iso: string) => 'too early' | 'in the future' | null {
  const earliest = new Date(range.earliest).toISOString();
  const latest = range.latest === null ? null : new Date(range.latest).toISOString();
  return (iso) => (iso < earliest ? 'too early' : latest !== null && iso > latest ? 'in the future' : null);
}

/** The UTC year of a parsed timestamp (`toISOString` form, years 0–9999). */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** Rows per implausible year, as the report shows them for the year fix. */
export interface YearGroup {
  year: number;
  count: number;
}

/** The timestamp with its UTC year replaced, or null when that date does not exist (29 February). */
export function withYear(iso: string, year: number): string | null {
  const d = new Date(iso);
  const month = d.getUTCMonth();
  d.setUTCFullYear(year);
  return d.getUTCMonth() === month ? d.toISOString() : null;
}

/**
 * Problems with a year fix before any row is touched: every implausible year needs a year to map
 * to, and that year must lie inside the range. [] when the fix can be applied.
 */
export function yearFixProblems(groups: readonly YearGroup[], years: Readonly<Record<string, number>>, range: PlausibleDates): string[] {
  const first = yearOf(range.earliest);
  const last = range.latest === null ? 9999 : yearOf(range.latest);
  const problems: string[] = [];
  for (const g of groups) {
    const to = years[g.year];
    const rows = `${g.count} ${g.count === 1 ? 'row' : 'rows'}`;
    if (to === undefined || !Number.isInteger(to)) problems.push(`Give the year to read ${formatYear(g.year)} as (${rows}).`);
    else if (to < first || to > last) problems.push(`Year ${formatYear(to)} for ${formatYear(g.year)} is outside ${first}–${last}.`);
  }
  return problems;
}

/** Years as ISO writes them: four digits (0102). */
export function formatYear(year: number): string {
  return String(year).padStart(4, '0');
}

function yearStart(year: number): string {
  return `${formatYear(year)}-01-01T00:00:00.000Z`;
}
