/**
 * Detection and masking of personal data in texts (for the Data Ethics Review gate and before
 * export). The rules favour few false alarms over catching every national format: a scan that
 * flags every invoice number teaches users to ignore it.
 *
 * Kinds, found in this order (each later kind only sees text not already matched):
 * - **email**: `local@domain.tld`, a 2+ letter top-level domain.
 * - **card**: 13–19 digits, either contiguous or in the printed groupings 4-4-4-1…4,
 *   4-4-4-4-3, 4-6-5 (Amex) and 4-6-4 (Diners) separated by single spaces or dashes, with an
 *   issuer prefix and a length that issuer uses (`CARD_ISSUERS`), passing the Luhn check. A
 *   contiguous run that starts with a date (`20021002000000`, yyyymmdd or ddmmyyyy) is a
 *   timestamp, not a card. Not when glued to letters, digits, `#`, `.` or `,`.
 * - **phone**: 7–15 digits (the E.164 maximum) either as `+` and one digit run
 *   (`+15551234567`) or in groups separated by single spaces, dots or dashes that start with a
 *   `+` country code, contain a parenthesised area code `(555)`, or form at least three groups
 *   of at most four digits (`555-123-4567`, `020 7946 0958`). Not phones: bare digit runs
 *   (ids, order numbers), dates in any separator order (`2026-01-05`, `05.01.2026`,
 *   `2026 01 05`), IPv4-like dotted quads, thousands groupings (`1 000 000`), and numbers glued
 *   to letters, `#`, `$`/`€`/`£`, `/`, `-`, `,` or `.` (`INV-2026-000123`, `#66268`,
 *   `$2,540.99`, `v4.12.3`) or followed by `:` and a digit (`2002-10-02 12:30`).
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
  /(?<![\w#/.,+$€£¥@-])(?:\+\d{7,15}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,6}(?:[ .-]\d{1,6}){0,5})(?![\w/-]|[.,:]\d)/g;

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

export type PiiCounts = Record<PiiKind, number>;

/** `text` with emails, card numbers and phone numbers replaced by `[EMAIL]`, `[CARD]`, `[PHONE]`; `byKind` counts the matches. */
export function maskPii(text: string): { text: string; masked: number; byKind: PiiCounts } {
  const byKind: PiiCounts = { email: 0, card: 0, phone: 0 };
  let masked = 0;
  const out = findPii(text, (kind) => (masked++, byKind[kind]++));
  return { text: out, masked, byKind };
}

const PII_NOUNS: Readonly<Record<PiiKind, [one: string, many: string]>> = {
  email: ['e-mail address', 'e-mail addresses'],
  card: ['card number', 'card numbers'],
  phone: ['phone number', 'phone numbers'],
};

/** What a masking pass replaced, by kind, in words: "Masked 3 e-mail addresses and 1 phone number in 2 rows." */
export function maskSummary(byKind: PiiCounts, rows: number): string {
  const parts = PII_KINDS.filter((k) => byKind[k] > 0).map((k) => `${byKind[k].toLocaleString('en-US')} ${PII_NOUNS[k][byKind[k] === 1 ? 0 : 1]}`);
  if (parts.length === 0) return 'Nothing to mask.';
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Masked ${list} in ${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}.`;
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

/**
 * Issuer prefixes (inclusive ranges over the first digits) and the lengths each network issues,
 * after the public IIN tables. Maestro (50, 56–69, 12–19 digits) is left out: its range would
 * let almost any digit run through.
 */
export const CARD_ISSUERS: readonly { network: string; prefixes: readonly [string, string][]; lengths: readonly number[] }[] = [
  { network: 'Visa', prefixes: [['4', '4']], lengths: [13, 16, 19] },
  { network: 'Mastercard', prefixes: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { network: 'American Express', prefixes: [['34', '34'], ['37', '37']], lengths: [15] },
  { network: 'Discover', prefixes: [['6011', '6011'], ['644', '649'], ['65', '65']], lengths: [16, 17, 18, 19] },
  { network: 'Diners Club', prefixes: [['300', '305'], ['36', '36'], ['38', '39']], lengths: [14, 15, 16, 17, 18, 19] },
  { network: 'JCB', prefixes: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  { network: 'UnionPay', prefixes: [['62', '62']], lengths: [16, 17, 18, 19] },
];

/** The network whose prefix and length fit `digits` (digits only), or null. */
export function cardIssuer(digits: string): string | null {
  for (const issuer of CARD_ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const [low, high] of issuer.prefixes) {
      const head = Number(digits.slice(0, low.length));
      if (head >= Number(low) && head <= Number(high)) return issuer.network;
    }
  }
  return null;
}

/** A digit run that opens with a calendar date, yyyymmdd (1900–2099) or ddmmyyyy: a timestamp or date-based id. */
export function startsWithDate(digits: string): boolean {
  if (digits.length < 8) return false;
  const n = (from: number, to: number) => Number(digits.slice(from, to));
  const day = (d: number) => d >= 1 && d <= 31;
  const month = (m: number) => m >= 1 && m <= 12;
  const year = (y: number) => y >= 1900 && y <= 2099;
  return (year(n(0, 4)) && month(n(4, 6)) && day(n(6, 8))) || (day(n(0, 2)) && month(n(2, 4)) && year(n(4, 8)));
}

function isCard(match: string): boolean {
  if (!CARD_GROUPS.test(match)) return false;
  const digits = match.replace(/\D/g, '');
  if (digits.length === match.length && startsWithDate(digits)) return false;
  return cardIssuer(digits) !== null && luhnValid(digits);
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

/**
 * Three groups reading as year-month-day or day-month-year; with more groups (a time follows,
 * `2002-10-02 12 30`), the first three with a four-digit year — `06 12 34 56 78` stays a phone.
 */
function looksLikeDate(groups: readonly string[]): boolean {
  if (groups.length < 3) return false;
  if (groups.length > 3) return (groups[0].length === 4 || groups[2].length === 4) && looksLikeDate(groups.slice(0, 3));
  const [a, b, c] = groups.map(Number);
  const day = (d: number) => d >= 1 && d <= 31;
  const month = (m: number) => m >= 1 && m <= 12;
  const year = (g: string) => g.length === 4 || g.length === 2;
  return (groups[0].length === 4 && month(b) && day(c)) || (year(groups[2]) && ((day(a) && month(b)) || (month(a) && day(b))));
}
