/**
 * Date-times in the documents the app writes are RFC 3339 (§5.6 `date-time`) in the spelling
 * every reader takes: `2026-03-05T09:14:27.000Z` — a `T` between date and time, seconds, an
 * optional fraction, and `Z` or a `±hh:mm` offset, in upper case. JSON Schema validators differ
 * at the edges: Ajv's and @cfworker/json-schema's `date-time` also accept a space or a
 * lower-case `t`/`z`, while strict readers (python-jsonschema with rfc3339-validator, Java's
 * `OffsetDateTime.parse`) refuse them. So a file may bring `2026-03-05 00:00:00Z` in, but what
 * the app stores and exports is only ever the strict spelling.
 */

import { daysInMonth } from '../data/parseValues';

const STRICT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
/** What the validators above let through: the same fields, any of `T`, `t`, one space; `Z` or `z`. */
const LOOSE = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * True when `value` is an RFC 3339 date-time in the strict spelling, every field in range.
 * A leap second (`:60`) is refused: no JavaScript `Date` holds one, so the app never writes it.
 */
export function isRfc3339DateTime(value: string): boolean {
  const m = STRICT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
}

/**
 * The strict spelling of a date-time that JSON Schema validators accept: the separator becomes
 * `T` and a `z` becomes `Z`; nothing else changes (not the offset, not the precision), so a value
 * already strict comes back as it is — hashes and signatures over it still hold. Null for
 * anything that is not a valid date-time once respelled.
 */
export function toRfc3339DateTime(value: string): string | null {
  if (isRfc3339DateTime(value)) return value;
  const m = LOOSE.exec(value);
  if (!m) return null;
  const respelled = `${m[1]}T${m[2]}${m[3].toUpperCase()}`;
  return isRfc3339DateTime(respelled) ? respelled : null;
}
