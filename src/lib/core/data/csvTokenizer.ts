/**
 * CSV rows from UTF-8 bytes, read as papaparse 5.7 reads the decoded text (its default
 * settings, the file's one line break and delimiter): a field that starts with a quote runs to a
 * quote followed by the delimiter or the line break (whitespace between them is dropped), a
 * doubled quote inside it is one quote, any other quote inside it is kept and reported
 * (`InvalidQuotes`), and a quote never closed takes the rest of the input as it is
 * (`MissingQuotes`); other fields run to the next delimiter or line break, quotes and all; only
 * the file's own line break ends a row (a lone CR in a CRLF file is text). `csvTokenizer.test.ts`
 * pins this against papaparse on messy inputs.
 *
 * Why not papaparse itself: it reads a decoded string, and V8 stores a decoded 4 MB chunk two
 * bytes per character when one character in it is above U+00FF (a single '€'), and so every field
 * cut from it; decoding that chunk, copying fields to one-byte strings and the garbage of both
 * took about half the parse. Here each row is decoded from its own bytes, so only the rows that
 * hold such a character are two-byte, and plain rows cost one decoder call. Quotes, delimiters
 * and line breaks are ASCII bytes, which never occur inside a multi-byte UTF-8 character.
 */
import type { ChunkError } from './csvRecords';
import { countReplacements } from './textDecoding';

export type Newline = '\r\n' | '\n' | '\r';

export interface TokenizedRows {
  rows: string[][];
  /** Per row index of `rows`, as papaparse reports them (a row may be named more than once). */
  errors: ChunkError[];
  /** Bytes of complete rows; the rest starts a row that is unfinished until more bytes come. */
  consumed: number;
  /** U+FFFD characters in the rows: bytes that were not UTF-8. */
  replacements: number;
}

const QUOTE = 0x22;
/**
 * Bytes decoded at once for plain rows. Chromium decoded 24 MB of ASCII in 8 KB pieces in 5–20 ms,
 * in 4 MB pieces in 120–320 ms, and in 240-byte rows in 70–110 ms (one call costs about a
 * microsecond); and fields cut from a small piece keep less alive.
 */
const RUN_BYTES = 8 * 1024;
const LF = 0x0a;

/** `ignoreBOM`: a byte order mark inside the file is text; the caller drops the file's leading one. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Field bounds of the row being read (byte offsets), grown as needed and reused. */
let starts = new Int32Array(64);
let ends = new Int32Array(64);
/** 1 when the field was quoted and held a doubled quote. */
let doubled = new Uint8Array(64);

function grow(): void {
  const n = starts.length * 2;
  const s = new Int32Array(n);
  s.set(starts);
  starts = s;
  const e = new Int32Array(n);
  e.set(ends);
  ends = e;
  const d = new Uint8Array(n);
  d.set(doubled);
  doubled = d;
}

/** Whether bytes [from, to) are only whitespace as `String.prototype.trim` sees it (papaparse's test). */
function blank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    // Non-ASCII whitespace (no-break space, U+2000…) is whitespace too: decide on the text.
    if (c >= 0x80) return decoder.decode(bytes.subarray(from, to)).trim() === '';
    return false;
  }
  return true;
}

/** A field's text: a doubled quote inside a quoted field is one quote. */
function field(s: string, f: number): string {
  return doubled[f] === 1 ? s.replaceAll('""', '"') : s;
}

/** UTF-16 code units a byte of valid UTF-8 adds: none for a continuation byte, two for the lead of a 4-byte character. */
function unitsOf(b: number): number {
  return (b & 0xc0) === 0x80 ? 0 : b >= 0xf0 ? 2 : 1;
}

/** The first byte at or after `from` that is not ASCII, or the length; four bytes per step where aligned. */
function firstHighByte(bytes: Uint8Array, from: number): number {
  const len = bytes.length;
  let i = from;
  for (; i < len && ((bytes.byteOffset + i) & 3) !== 0; i++) if (bytes[i] >= 0x80) return i;
  const words = (len - i) >> 2;
  if (words > 0) {
    const w = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    let k = 0;
    while (k < words && (w[k] & 0x80808080) === 0) k++;
    i += k * 4;
  }
  for (; i < len; i++) if (bytes[i] >= 0x80) return i;
  return len;
}

/**
 * Reads the rows of `bytes`. Unless `last`, the final row may be cut off, so it is left unread
 * (`consumed` says where it starts): read it again with the bytes that follow.
 */
export function tokenizeCsv(bytes: Uint8Array, delimiter: string, newline: Newline, last: boolean): TokenizedRows {
  const rows: string[][] = [];
  const errors: ChunkError[] = [];
  const out: TokenizedRows = { rows, errors, consumed: 0, replacements: 0 };
  const len = bytes.length;
  if (len === 0) return out;
  const delim = delimiter.charCodeAt(0);
  const nl = newline.charCodeAt(0);
  const crlf = newline === '\r\n';
  const nlLength = newline.length;
  let rowStart = 0;
  let fields = 0;
  let cursor = 0;

  const addField = (from: number, to: number, hasDoubled: boolean) => {
    if (fields === starts.length) grow();
    starts[fields] = from;
    ends[fields] = to;
    doubled[fields++] = hasDoubled ? 1 : 0;
  };

  // Plain (ASCII) rows are cut from one string decoded for a run of them (up to the next non-ASCII
  // byte, about RUN_BYTES); a row holding a non-ASCII byte is decoded alone.
  let high = -1;
  let run = '';
  let runStart = 0;
  let runEnd = 0;

  /** The row's strings, cut at its fields' byte offsets. */
  const saveRow = (rowEnd: number) => {
    const row: string[] = new Array(fields);
    if (high < rowStart) high = firstHighByte(bytes, rowStart);
    if (high >= rowEnd) {
      if (rowStart < runStart || rowEnd > runEnd) {
        runStart = rowStart;
        runEnd = Math.min(high, Math.max(rowEnd, rowStart + RUN_BYTES));
        run = decoder.decode(bytes.subarray(runStart, runEnd));
      }
      for (let f = 0; f < fields; f++) row[f] = field(run.substring(starts[f] - runStart, ends[f] - runStart), f);
    } else {
      const text = decoder.decode(bytes.subarray(rowStart, rowEnd));
      const bad = countReplacements(text);
      out.replacements += bad;
      if (bad === 0) {
        // Valid UTF-8: a character is a byte that does not continue one, two for a 4-byte one.
        let unit = 0;
        let b = rowStart;
        for (let f = 0; f < fields; f++) {
          for (; b < starts[f]; b++) unit += unitsOf(bytes[b]);
          const from = unit;
          for (; b < ends[f]; b++) unit += unitsOf(bytes[b]);
          row[f] = field(text.substring(from, unit), f);
        }
      } else {
        for (let f = 0; f < fields; f++) row[f] = field(decoder.decode(bytes.subarray(starts[f], ends[f])), f);
      }
    }
    rows.push(row);
    fields = 0;
  };

  /** The end of the next field: the first delimiter or line break at or after `from`, else `len`. */
  const fieldEnd = (from: number) => {
    let p = from;
    for (; p < len; p++) {
      const c = bytes[p];
      if (c === delim || (c === nl && (!crlf || bytes[p + 1] === LF))) break;
    }
    return p;
  };

  rows: for (;;) {
    if (cursor < len && bytes[cursor] === QUOTE) {
      const open = cursor + 1;
      let hasDoubled = false;
      let q = cursor;
      for (;;) {
        q = bytes.indexOf(QUOTE, q + 1);
        if (q === -1) {
          if (!last) break rows;
          // Never closed: the rest of the input is this field, as it stands.
          errors.push({ code: 'MissingQuotes', row: rows.length });
          addField(open, len, false);
          saveRow(len);
          out.consumed = len;
          return out;
        }
        if (q === len - 1) {
          if (!last) break rows;
          addField(open, q, hasDoubled);
          saveRow(len);
          out.consumed = len;
          return out;
        }
        if (bytes[q + 1] === QUOTE) {
          hasDoubled = true;
          q++;
          continue;
        }
        const p = fieldEnd(q + 1);
        if (p < len && blank(bytes, q + 1, p)) {
          addField(open, q, hasDoubled);
          if (bytes[p] === delim) {
            cursor = p + 1;
            continue rows;
          }
          saveRow(q + 1);
          cursor = rowStart = p + nlLength;
          continue rows;
        }
        // A quote inside the quoted field that neither is doubled nor closes it: kept as text.
        errors.push({ code: 'InvalidQuotes', row: rows.length });
      }
    }
    const p = fieldEnd(cursor);
    if (p === len) break;
    addField(cursor, p, false);
    if (bytes[p] === delim) {
      cursor = p + 1;
      continue;
    }
    saveRow(p);
    cursor = rowStart = p + nlLength;
  }
  if (!last) {
    out.consumed = rowStart;
    fields = 0;
    // Errors of the unfinished row are reported when it is read whole.
    if (errors.length > 0 && errors[errors.length - 1].row === rows.length) out.errors = errors.filter((e) => e.row! < rows.length);
    return out;
  }
  addField(cursor, len, false);
  saveRow(len);
  out.consumed = len;
  return out;
}
