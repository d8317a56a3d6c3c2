/**
 * Finding records with the same row text (as compared by `textKey`) without building the key
 * for every record: at 100k records those strings were most of validation's time and garbage.
 * Each record's key is streamed into two 32-bit hashes straight from its text; only records
 * whose hashes match an earlier record build the full key, to confirm, so a hash collision can
 * never merge different texts.
 */
import { textKey } from './duplicates';

/** Row-text facts of one record, written by `fingerprintRowText`. */
export interface RowTextFingerprint {
  /** Length of `rowText(...)` in UTF-16 code units; 0 = empty text. */
  length: number;
  /** Hash of the text key, 30 bits (a small integer, cheap as a Map key). */
  h1: number;
  /** Second, independent 32-bit hash of the text key. */
  h2: number;
}

/**
 * Fills `out` for a row text (as `rowText` makes it). Pure-ASCII texts are hashed in one pass
 * (ASCII lowercasing and whitespace are simple); any other text falls back to hashing `textKey`,
 * so both paths hash exactly the characters of the key.
 */
export function fingerprintText(text: string, out: RowTextFingerprint): void {
  // `| 0`: the seeds as 32-bit integers, so the loops stay in integer arithmetic (a seed above
  // 2^31 made them doubles: about a third slower).
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x9747b28c | 0;
  let pendingSpace = false;
  let started = false;
  for (let j = 0; j < text.length; j++) {
    let c = text.charCodeAt(j);
    if (c >= 128) return fingerprintSlow(text, out);
    if (c === 32 || (c >= 9 && c <= 13)) {
      // The key is trimmed: whitespace counts only between characters.
      pendingSpace = started;
      continue;
    }
    started = true;
    if (pendingSpace) {
      h1 = Math.imul(h1 ^ 32, 0x01000193);
      h2 = Math.imul(h2 ^ 32, 0x5bd1e995) ^ (h2 >>> 15);
      pendingSpace = false;
    }
    if (c >= 65 && c <= 90) c += 32;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out.length = text.length;
  out.h1 = h1 >>> 2;
  out.h2 = h2 | 0;
}

function fingerprintSlow(text: string, out: RowTextFingerprint): void {
  const key = textKey(text);
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x9747b28c | 0;
  for (let j = 0; j < key.length; j++) {
    const c = key.charCodeAt(j);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out.length = text.length;
  out.h1 = h1 >>> 2;
  out.h2 = h2 | 0;
}

/**
 * Assigns each added record to the group of the first earlier record with the same text key.
 * `keyOf(i)` must return record i's `textKey`; it is only called to confirm hash matches, and
 * not even then when `sameCells(i, j)` (optional, cheap) says the two records' text cells are
 * identical, the usual case for a record exported twice.
 */
export class TextGroupFinder {
  /**
   * h1 → the first record with it, open-addressed (linear probing): `#slotRecord` holds the
   * record index (-1 = empty), `#slotHash` its h1. A Map of 100k numbers cost about as much
   * again as fingerprinting the texts, and left a large table to the garbage collector.
   */
  #slotRecord = new Int32Array(2048).fill(-1);
  #slotHash = new Int32Array(2048);
  #used = 0;
  #h2: Int32Array;
  readonly #keyOf: (i: number) => string;
  readonly #sameCells: (i: number, j: number) => boolean;
  /** Keys of group leaders, computed once each. */
  readonly #leaderKeys = new Map<number, string>();
  /** Records whose h1 collided with a different text, by full key. */
  readonly #collided = new Map<string, number>();

  /** `records`: how many are expected (more may be added: the store grows). */
  constructor(records: number, keyOf: (i: number) => string, sameCells: (i: number, j: number) => boolean = () => false) {
    this.#h2 = new Int32Array(records);
    this.#keyOf = keyOf;
    this.#sameCells = sameCells;
  }

  /** Adds record `i`; returns the index of the first record with the same text (`i` if none). */
  add(i: number, fp: RowTextFingerprint): number {
    if (i >= this.#h2.length) {
      const grown = new Int32Array(Math.max(i + 1, this.#h2.length * 2));
      grown.set(this.#h2);
      this.#h2 = grown;
    }
    this.#h2[i] = fp.h2;
    const slot = this.#slotOf(fp.h1);
    const first = this.#slotRecord[slot];
    if (first < 0) {
      this.#slotRecord[slot] = i;
      this.#slotHash[slot] = fp.h1;
      if (++this.#used * 2 > this.#slotRecord.length) this.#growSlots();
      return i;
    }
    if (this.#h2[first] === fp.h2 && this.#sameCells(i, first)) return first;
    const key = this.#keyOf(i);
    if (this.#h2[first] === fp.h2 && this.#leaderKey(first) === key) return first;
    const earlier = this.#collided.get(key);
    if (earlier !== undefined) return earlier;
    this.#collided.set(key, i);
    return i;
  }

  /** The slot holding h1, or the empty one where it goes. */
  #slotOf(h1: number): number {
    const mask = this.#slotRecord.length - 1;
    let s = h1 & mask;
    while (this.#slotRecord[s] >= 0 && this.#slotHash[s] !== h1) s = (s + 1) & mask;
    return s;
  }

  /** Doubles the table (kept at most half full, so probes stay short). */
  #growSlots(): void {
    const records = this.#slotRecord;
    const hashes = this.#slotHash;
    this.#slotRecord = new Int32Array(records.length * 2).fill(-1);
    this.#slotHash = new Int32Array(records.length * 2);
    for (let s = 0; s < records.length; s++) {
      if (records[s] < 0) continue;
      const to = this.#slotOf(hashes[s]);
      this.#slotRecord[to] = records[s];
      this.#slotHash[to] = hashes[s];
    }
  }

  #leaderKey(i: number): string {
    let key = this.#leaderKeys.get(i);
    if (key === undefined) this.#leaderKeys.set(i, (key = this.#keyOf(i)));
    return key;
  }
}
