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
import { murmur3String } from './murmur3';

/** Bytes of a row digest. */
const DIGEST_BYTES = 16;
const WORDS = DIGEST_BYTES / 4;

/** The fields that define a row's content, in a fixed order; meta keys sorted. */
export function canonicalRow(row: DataRow): string {
  const metaKeys = Object.keys(row.meta).sort();
  const meta = metaKeys.filter((k) => row.meta[k] !== undefined).map((k) => [k, row.meta[k]]);
  return JSON.stringify([row.key, row.text, row.label, row.timestamp ?? null, row.split ?? null, meta]);
}

/** MurmurHash3_x86_128 of the row's canonical form: 16 bytes. */
export function rowDigest(row: DataRow): Uint8Array {
  return murmur3String(canonicalRow(row));
}

/** A running sum of 128-bit digests, as four 32-bit words, most significant first. */
export class MultisetHash {
  readonly #words = new Uint32Array(WORDS);

  add(digest: Uint8Array): this {
    this.#combine(digest, 1);
    return this;
  }

  remove(digest: Uint8Array): this {
    this.#combine(digest, -1);
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

  #combine(digest: Uint8Array, sign: 1 | -1): void {
    let carry = 0;
    for (let i = WORDS - 1; i >= 0; i--) {
      const o = i * 4;
      const word = ((digest[o] << 24) | (digest[o + 1] << 16) | (digest[o + 2] << 8) | digest[o + 3]) >>> 0;
      const sum = this.#words[i] + sign * word + carry;
      // Modular arithmetic on 32-bit words: carry/borrow into the next more significant word.
      this.#words[i] = sum >>> 0;
      carry = sum > 0xffffffff ? 1 : sum < 0 ? -1 : 0;
    }
  }
}

/** The content hash of a whole set of rows. */
export function hashRows(rows: readonly DataRow[]): string {
  const hash = new MultisetHash();
  for (const row of rows) hash.add(rowDigest(row));
  return hash.hex();
}
