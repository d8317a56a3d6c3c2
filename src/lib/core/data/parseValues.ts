/**
 * Strict parsers for CSV cell values. They accept only unambiguous spellings, because a wrong
 * guess (reading 01/02/2026 as 1 February when the file meant 2 January) silently corrupts data
 * while a refusal is reported as an issue the user can see.
 *
 * ## Dates (`parseDate`) → ISO 8601 UTC with milliseconds (`2026-01-05T09:14:27.000Z`) or null
 * Accepted (surrounding whitespace ignored):
 * - ISO 8601 calendar dates: `2026-01-05`, `2026-01-05T09:14`, `2026-01-05T09:14:27`,
 *   `2026-01-05T09:14:27.123`; `T` or one space between date and time; a zone `Z`, `+02:00`,
 *   `+0200` or `+02` after a time. **A time without a zone is read as UTC** (the app has no
 *   time zone of its own; exports carry UTC).
 * - The same with slashes, year first: `2026/01/05`, `2026/1/5 09:14` (month/day may be 1 digit).
 * - Day first with dots, the German/Central-European spelling: `05.01.2026`, `5.1.2026 09:14[:27]`.
 *   Dots are never used month-first, so this is unambiguous.
 * - Unix epoch: exactly 10 digits = seconds, exactly 13 digits = milliseconds (2001-09-09 to
 *   2286). Shorter or longer digit runs are not dates.
 * Rejected: slash dates with the year last (`01/02/2026`, US and European readings differ),
 * month names (`Jan 5, 2026`), two-digit years, impossible dates (`2026-02-30`, `25:00`),
 * leap seconds, and anything else.
 *
 * ## Numbers (`parseNumber`) → finite number or null
 * Optional sign, digits, optional `.` decimals, optional exponent (`1e-3`). Commas are read only
 * as thousands separators in groups of three (`1,234,567.5`); `1,5` is not a number (the comma
 * could be a decimal comma). Integers with a leading zero (`007`, `02134`) are not numbers: they
 * are codes (zip codes, ids) whose zeros matter. Currency signs, `%`, `NaN` and `Infinity` are
 * not numbers.
 */

const ISO_LIKE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const EPOCH = /^\d{10}$|^\d{13}$/;
/** Our own output format (`Date.prototype.toISOString`), common enough for a fast path. */
/** `toISOString`'s shape, `dddd-dd-ddTdd:dd:dd.dddZ`: 0 = a digit, else the character itself. */
const CANONICAL_SHAPE = '0000-00-00T00:00:00.000Z';

/**
 * Whether a 24-character string has `toISOString`'s shape, read character by character: most
 * timestamp columns are written so, and a regular expression per record cost 0.5 µs.
 */
function canonicalShape(s: string): boolean {
  for (let i = 0; i < 24; i++) {
    const want = CANONICAL_SHAPE.charCodeAt(i);
    const c = s.charCodeAt(i);
    if (want === 48 ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}
const NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;

/** Parses a date or date-time (rules in the module comment) to ISO 8601 UTC, or null. */
export function parseDate(value: string): string | null {
  const s = value.trim();
  if (s === '') return null;
  if (s.length === 24 && canonicalShape(s)) return canonicalIso(s);
  if (EPOCH.test(s)) return new Date(s.length === 10 ? Number(s) * 1000 : Number(s)).toISOString();
  let m = ISO_LIKE.exec(s);
  if (m) {
    // Slashes only with the year first; a zone only in ISO (dash) form.
    if (m[2] === '-' && (m[3].length !== 2 || m[4].length !== 2)) return null;
    if (m[2] === '/' && m[9] !== undefined) return null;
    const offset = m[9] === undefined ? 0 : zoneOffsetMinutes(m[9]);
    if (offset === null) return null;
    const ms = m[8] === undefined ? 0 : Number(m[8].slice(0, 3).padEnd(3, '0'));
    return utcIso(+m[1], +m[3], +m[4], num(m[5]), num(m[6]), num(m[7]), ms, offset);
  }
  m = DOTTED.exec(s);
  if (m) return utcIso(+m[3], +m[2], +m[1], num(m[4]), num(m[5]), num(m[6]), 0, 0);
  return null;
}

/** Parses a plain decimal number (rules in the module comment), or null. */
export function parseNumber(value: string): number | null {
  const s = value.trim();
  if (!NUMBER.test(s) || LEADING_ZERO.test(s)) return null;
  const n = Number(s.includes(',') ? s.replace(/,/g, '') : s);
  return Number.isFinite(n) ? n : null;
}

/** A string already in `toISOString` form is its own answer once its fields are checked. */
function canonicalIso(s: string): string | null {
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const ok = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && digitsAt(s, 11, 2) <= 23 && digitsAt(s, 14, 2) <= 59 && digitsAt(s, 17, 2) <= 59;
  return ok ? s : null;
}

/** The decimal number written by `length` digits at `start` (already known to be digits). */
function digitsAt(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** `Z`, `+02:00`, `+0200`, `+02` → minutes east of UTC; null when out of range. */
function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (digits.length === 3 || hours > 23 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1–12) of year `y`, leap years by the Gregorian rule. */
export function daysInMonth(y: number, mo: number): number {
  return mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1];
}

/** Builds the instant from local fields and a zone offset (minutes), checking every field. */
function utcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  let time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (y < 100) time = new Date(time).setUTCFullYear(y); // Date.UTC reads years 0–99 as 1900–1999
  return new Date(time - offset * 60_000).toISOString();
}
