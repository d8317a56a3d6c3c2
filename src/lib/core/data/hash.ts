/**
 * Content hashes of dataset versions.
 *
 * A version's hash is a multiset hash: the sum, modulo 2^128, of the 128-bit digests of its
 * rows' canonical forms. Summing makes the hash independent of row order (rows are identified
 * by their key) and lets a version that changes k rows get its hash in O(k) — subtract the old
 * rows' digests, add the new ones — which matters when every label change is a new version of
 * a 100k-row dataset. The row digest is MurmurHash3_x86_128 of the canonical form's UTF-16
 * code units: it identifies content (it is not meant to resist a forger), runs synchronously
 * (so also inside an IndexedDB transaction) and is several times faster than SHA-256 here.
 */
import type { DataRow } from './dataset';
import { UnitDigest, murmur3String } from './murmur3';

/** Bytes of a row digest. */
const DIGEST_BYTES = 16;
const WORDS = DIGEST_BYTES / 4;

/**
 * The fields that define a row's content, in a fixed order; meta keys sorted. The reference for
 * `rowDigestInto`, which hashes this string's code units without building it.
 */
export function canonicalRow(row: DataRow): string {
  const metaKeys = Object.keys(row.meta).sort();
  const meta = metaKeys.filter((k) => row.meta[k] !== undefined).map((k) => [k, row.meta[k]]);
  return JSON.stringify([row.key, row.text, row.label, row.timestamp ?? null, row.split ?? null, meta]);
}

const digest = new UnitDigest();
const Q = 0x22; // "
const BS = 0x5c; // \
const COMMA = 0x2c;
const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const HEX = '0123456789abcdef';
/** Characters of a string written per `reserve`: each may take six units (\u001f). */
const PIECE = 2048;

/** JSON.stringify's two-character escapes by code unit (0 = none). */
const SHORT_ESCAPE = new Uint8Array(0x60);
SHORT_ESCAPE[0x08] = 0x62; // b
SHORT_ESCAPE[0x09] = 0x74; // t
SHORT_ESCAPE[0x0a] = 0x6e; // n
SHORT_ESCAPE[0x0c] = 0x66; // f
SHORT_ESCAPE[0x0d] = 0x72; // r
SHORT_ESCAPE[Q] = Q;
SHORT_ESCAPE[BS] = BS;

/** Writes one code unit. */
function unit(c: number): void {
  digest.reserve(1)[digest.length++] = c;
}

/** Writes ASCII text (punctuation, numbers, `null`). */
function ascii(s: string): void {
  const u = digest.reserve(s.length);
  let n = digest.length;
  for (let i = 0; i < s.length; i++) u[n++] = s.charCodeAt(i);
  digest.length = n;
}

/** Writes `s` as JSON.stringify writes a string: quoted, `"` `\\` and controls escaped, lone surrogates as \uXXXX. */
function jsonString(s: string): void {
  unit(Q);
  const len = s.length;
  for (let from = 0; from < len; ) {
    const to = Math.min(len, from + PIECE);
    // +1: a surrogate pair may straddle the piece's end.
    const u = digest.reserve((to - from) * 6 + 1);
    let n = digest.length;
    let i = from;
    for (; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c !== Q && c !== BS && (c & 0xf800) !== 0xd800) {
        u[n++] = c;
        continue;
      }
      if (c < 0x60 && SHORT_ESCAPE[c] !== 0) {
        u[n++] = BS;
        u[n++] = SHORT_ESCAPE[c];
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const next = s.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          // A pair is well-formed: written as it is.
          u[n++] = c;
          u[n++] = next;
          i++;
          continue;
        }
      }
      // Other controls and lone surrogates: \u and four lower-case hex digits.
      u[n++] = BS;
      u[n++] = 0x75;
      u[n++] = HEX.charCodeAt(c >>> 12);
      u[n++] = HEX.charCodeAt((c >>> 8) & 15);
      u[n++] = HEX.charCodeAt((c >>> 4) & 15);
      u[n++] = HEX.charCodeAt(c & 15);
    }
    digest.length = n;
    from = i;
  }
  unit(Q);
}

/** Writes a value as JSON.stringify writes it in an array; false when it is not one a row holds (an object). */
function jsonValue(v: unknown): boolean {
  if (typeof v === 'string') jsonString(v);
  else if (typeof v === 'number') ascii(Number.isFinite(v) ? String(v) : 'null');
  else if (typeof v === 'boolean') ascii(v ? 'true' : 'false');
  else if (v === null || v === undefined) ascii('null');
  else return false;
  return true;
}

/** Meta keys of the last row, and the same sorted: most rows of a version have the same keys. */
let lastKeys: string[] = [];
let lastSorted: string[] = [];

function sortedKeys(meta: DataRow['meta']): string[] {
  // Compared in place (for…in walks the object's own keys in Object.keys order, plus enumerable
  // inherited ones, which a row's plain meta object has none of): no array per row.
  let n = 0;
  let same = true;
  for (const k in meta) {
    if (k !== lastKeys[n++]) {
      same = false;
      break;
    }
  }
  if (same && n === lastKeys.length) return lastSorted;
  lastKeys = Object.keys(meta);
  lastSorted = lastKeys.slice().sort();
  return lastSorted;
}

/** Writes the canonical form's code units; false when a value is not one a row holds. */
function writeCanonical(row: DataRow): boolean {
  unit(OPEN);
  if (!jsonValue(row.key)) return false;
  unit(COMMA);
  if (!jsonValue(row.text)) return false;
  unit(COMMA);
  if (!jsonValue(row.label)) return false;
  unit(COMMA);
  if (!jsonValue(row.timestamp ?? null)) return false;
  unit(COMMA);
  if (!jsonValue(row.split ?? null)) return false;
  unit(COMMA);
  unit(OPEN);
  let first = true;
  const meta = row.meta;
  const keys = sortedKeys(meta);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = meta[k];
    if (v === undefined) continue;
    if (!first) unit(COMMA);
    first = false;
    unit(OPEN);
    jsonString(k);
    unit(COMMA);
    if (!jsonValue(v)) return false;
    unit(CLOSE);
  }
  unit(CLOSE);
  unit(CLOSE);
  return true;
}

/**
 * Writes the row's digest — MurmurHash3_x86_128 of `canonicalRow(row)`'s UTF-16 code units — to
 * `out` at word `at`: four words whose little-endian bytes are `rowDigest`'s 16. The code units
 * are fed to the hash as the row is walked, with no string built (a 100k-row import built and
 * dropped 100k of them).
 */
export function rowDigestInto(row: DataRow, out: Uint32Array, at: number): void {
  digest.begin();
  if (writeCanonical(row)) digest.finish(out, at);
  else {
    // A value no row should hold (an object in meta): hash the reference form.
    const bytes = murmur3String(canonicalRow(row));
    out.set(new Uint32Array(bytes.buffer, bytes.byteOffset, WORDS), at);
  }
}

const scratch = new Uint32Array(WORDS);

/** MurmurHash3_x86_128 of the row's canonical form: 16 bytes. */
export function rowDigest(row: DataRow): Uint8Array {
  rowDigestInto(row, scratch, 0);
  return new Uint8Array(scratch.slice().buffer);
}

/** A 32-bit word with its bytes in the opposite order (a little-endian word read big-endian). */
const swapped = (x: number) => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;

/** A running sum of 128-bit digests, as four 32-bit words, most significant first. */
export class MultisetHash {
  readonly #words = new Uint32Array(WORDS);

  add(digest: Uint8Array): this {
    this.#combine(bigEndian(digest, 0), bigEndian(digest, 4), bigEndian(digest, 8), bigEndian(digest, 12), 1);
    return this;
  }

  remove(digest: Uint8Array): this {
    this.#combine(bigEndian(digest, 0), bigEndian(digest, 4), bigEndian(digest, 8), bigEndian(digest, 12), -1);
    return this;
  }

  /** Adds (sign 1) or removes (-1) the digest `rowDigestInto` wrote to `words` at `at`, with no byte array made. */
  combineWords(words: Uint32Array, at: number, sign: 1 | -1): this {
    this.#combine(swapped(words[at]), swapped(words[at + 1]), swapped(words[at + 2]), swapped(words[at + 3]), sign);
    return this;
  }

  /** 32 hex characters. */
  hex(): string {
    return Array.from(this.#words, (w) => w.toString(16).padStart(8, '0')).join('');
  }

  clone(): MultisetHash {
    const copy = new MultisetHash();
    copy.#words.set(this.#words);
    return copy;
  }

  /** Adds the digest's words (most significant first) times `sign`, modulo 2^128. */
  #combine(w0: number, w1: number, w2: number, w3: number, sign: 1 | -1): void {
    const words = this.#words;
    // Modular arithmetic on 32-bit words: carry/borrow into the next more significant word.
    let sum = words[3] + sign * w3;
    words[3] = sum >>> 0;
    sum = words[2] + sign * w2 + carryOf(sum);
    words[2] = sum >>> 0;
    sum = words[1] + sign * w1 + carryOf(sum);
    words[1] = sum >>> 0;
    words[0] = words[0] + sign * w0 + carryOf(sum);
  }
}

/** The 4 bytes at `o` as a big-endian word. */
function bigEndian(d: Uint8Array, o: number): number {
  return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
}

function carryOf(sum: number): number {
  return sum > 0xffffffff ? 1 : sum < 0 ? -1 : 0;
}

/** The content hash of a whole set of rows. */
export function hashRows(rows: readonly DataRow[]): string {
  const hash = new MultisetHash();
  for (const row of rows) hash.add(rowDigest(row));
  return hash.hex();
}
