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

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
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

  const field = (from: number, to: number, hasDoubled: boolean) => {
    if (fields === starts.length) grow();
    starts[fields] = from;
    ends[fields] = to;
    doubled[fields++] = hasDoubled ? 1 : 0;
  };

  /** The row's strings: one decoder call for the row, cut at byte offsets when each byte is one character. */
  const saveRow = (rowEnd: number) => {
    const text = decoder.decode(bytes.subarray(rowStart, rowEnd));
    const row: string[] = new Array(fields);
    // Equal lengths: every byte was one character (ASCII, or a lone invalid byte read as U+FFFD).
    const oneToOne = text.length === rowEnd - rowStart;
    if (!oneToOne || text.indexOf('\ufffd') >= 0) out.replacements += countReplacements(text);
    for (let f = 0; f < fields; f++) {
      let s = oneToOne ? text.substring(starts[f] - rowStart, ends[f] - rowStart) : decoder.decode(bytes.subarray(starts[f], ends[f]));
      if (doubled[f] === 1) s = s.replaceAll('""', '"');
      row[f] = s;
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
          field(open, len, false);
          saveRow(len);
          out.consumed = len;
          return out;
        }
        if (q === len - 1) {
          if (!last) break rows;
          field(open, q, hasDoubled);
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
          field(open, q, hasDoubled);
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
    field(cursor, p, false);
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
  field(cursor, len, false);
  saveRow(len);
  out.consumed = len;
  return out;
}
