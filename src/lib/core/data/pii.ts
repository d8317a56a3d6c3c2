/**
 * Detection and masking of personal data in texts (for the Data Ethics Review gate and before
 * export). The rules favour few false alarms over catching every national format: a scan that
 * flags every invoice number teaches users to ignore it.
 *
 * Kinds, found in this order (each later kind only sees text not already matched):
 * - **email**: `local@domain.tld`, a 2+ letter top-level domain.
 * - **card**: 13–19 digits, either contiguous or in the printed groupings 4-4-4-1…4,
 *   4-4-4-4-3, 4-6-5 (Amex) and 4-6-4 (Diners) separated by single spaces or dashes, starting
 *   with 2–6 (the major networks; this also spares 13-digit epoch milliseconds, which start
 *   with 1) and passing the Luhn check. Not when glued to letters, digits, `#`, `.` or `,`.
 * - **phone**: 7–15 digits (the E.164 maximum) either as `+` and one digit run
 *   (`+15551234567`) or in groups separated by single spaces, dots or dashes that start with a
 *   `+` country code, contain a parenthesised area code `(555)`, or form at least three groups
 *   of at most four digits (`555-123-4567`, `020 7946 0958`). Not phones: bare digit runs
 *   (ids, order numbers), dates in any separator order (`2026-01-05`, `05.01.2026`,
 *   `2026 01 05`), IPv4-like dotted quads, thousands groupings (`1 000 000`), and numbers glued
 *   to letters, `#`, `$`/`€`/`£`, `/`, `-`, `,` or `.` (`INV-2026-000123`, `#66268`,
 *   `$2,540.99`, `v4.12.3`).
 * Missed on purpose: phone numbers written as one bare digit run, two-group national formats
 * without `+` (`030 901820`), and cards in unusual groupings.
 */

export const PII_KINDS = ['email', 'card', 'phone'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The placeholder each kind is replaced with. */
export const PII_MASKS: Readonly<Record<PiiKind, string>> = { email: '[EMAIL]', card: '[CARD]', phone: '[PHONE]' };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b/g;
const CARD = /(?<![\w#.,-])\d(?:[ -]?\d){12,18}(?![\w-]|[.,]\d)/g;
const CARD_GROUPS = /^(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}|\d{4}([ -])\d{4}\2\d{4}\2\d{4}\2\d{3}|\d{4}([ -])\d{6}\3\d{4,5})$/;
const PHONE =
  /(?<![\w#/.,+$€£¥@-])(?:\+\d{7,15}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,6}(?:[ .-]\d{1,6}){0,5})(?![\w/-]|[.,]\d)/g;

type Finder = (text: string, onMatch: (kind: PiiKind, match: string) => void) => string;

/** Runs the detectors in order, replacing each match with its mask; reports every match. */
const findPii: Finder = (text, onMatch) => {
  let out = text;
  if (out.includes('@')) out = out.replace(EMAIL, (m) => (onMatch('email', m), PII_MASKS.email));
  if (!/\d{3}/.test(out) && !/\d[ .()-]+\d/.test(out)) return out;
  out = out.replace(CARD, (m) => (isCard(m) ? (onMatch('card', m), PII_MASKS.card) : m));
  out = out.replace(PHONE, (m) => (isPhone(m) ? (onMatch('phone', m), PII_MASKS.phone) : m));
  return out;
};

/** `text` with emails, card numbers and phone numbers replaced by `[EMAIL]`, `[CARD]`, `[PHONE]`. */
export function maskPii(text: string): { text: string; masked: number } {
  let masked = 0;
  const out = findPii(text, () => masked++);
  return { text: out, masked };
}

export interface PiiKindReport {
  /** Matches in all texts. */
  count: number;
  /** Texts with at least one match. */
  texts: number;
  /** The first few matches: index of the text in the input, and the matched string. */
  examples: { index: number; match: string }[];
}

export interface PiiReport {
  /** Texts scanned. */
  scanned: number;
  /** Texts with at least one match of any kind. */
  textsWithPii: number;
  kinds: Record<PiiKind, PiiKindReport>;
}

/** Counts personal data per kind over texts (or rows, by their `text`); keeps up to `maxExamples` per kind. */
export function scanPii(items: readonly (string | { text: string })[], maxExamples = 5): PiiReport {
  const kinds = Object.fromEntries(PII_KINDS.map((k): [PiiKind, PiiKindReport] => [k, { count: 0, texts: 0, examples: [] }])) as Record<PiiKind, PiiKindReport>;
  let textsWithPii = 0;
  items.forEach((item, index) => {
    const seen = new Set<PiiKind>();
    findPii(typeof item === 'string' ? item : item.text, (kind, match) => {
      const k = kinds[kind];
      k.count++;
      if (k.examples.length < maxExamples) k.examples.push({ index, match });
      if (!seen.has(kind)) {
        seen.add(kind);
        k.texts++;
      }
    });
    if (seen.size > 0) textsWithPii++;
  });
  return { scanned: items.length, textsWithPii, kinds };
}

/** Luhn checksum over the digits of `digits` (non-digits ignored). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    const c = digits.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCard(match: string): boolean {
  return CARD_GROUPS.test(match) && match.charCodeAt(0) >= 50 && match.charCodeAt(0) <= 54 && luhnValid(match);
}

function isPhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  const plus = match.startsWith('+');
  const paren = match.includes('(');
  const groups = match.replace(/[()+]/g, '').split(/[ .-]+/).filter(Boolean);
  if (plus || paren) return true;
  if (groups.length < 3 || groups.some((g) => g.length > 4)) return false;
  if (looksLikeDate(groups)) return false;
  if (groups.length === 4 && match.includes('.') && groups.every((g) => g.length <= 3)) return false; // IPv4
  if (groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3)) return false; // 1 000 000
  return true;
}

/** Three groups reading as year-month-day or day-month-year. */
function looksLikeDate(groups: readonly string[]): boolean {
  if (groups.length !== 3) return false;
  const [a, b, c] = groups.map(Number);
  const day = (d: number) => d >= 1 && d <= 31;
  const month = (m: number) => m >= 1 && m <= 12;
  const year = (g: string) => g.length === 4 || g.length === 2;
  return (groups[0].length === 4 && month(b) && day(c)) || (year(groups[2]) && ((day(a) && month(b)) || (month(a) && day(b))));
}
