/**
 * Term ids looked up by the characters of a text range, for the vectorizer's common case (single
 * words, no stop words, lowercased): a token is found without making a string for it, and a
 * string is made once per distinct term. With a `Map<string, number>` every token of every
 * document became a new string to hash and later collect: most of the vectorizer's time at 10k
 * tickets. Tokens are sklearn's (tokenize.ts): the scan classifies each UTF-16 unit with a table
 * built from tokenize.ts's own pattern, so both find the same tokens; texts with a surrogate
 * (a code point beyond the BMP, whose length the pattern counts in code points) take the
 * regular-expression tokenizer.
 */
import { TOKEN_CHAR, tokenize } from './tokenize';

/** Any surrogate unit (a character beyond the BMP, or a lone half). */
const SURROGATE = /[\ud800-\udfff]/;
/** FNV-1a over UTF-16 code units: the table's hash, computed by the scan as it reads a token. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/**
 * 1 for each BMP unit the token pattern counts as a word character, in pages of 256 units built
 * on first use: the whole plane is 65,536 regex tests (≈ 100 ms), a European text needs a page
 * or two. Surrogates stay 0 (texts holding one never scan).
 */
const bmpPages: (Uint8Array | undefined)[] = [];

function bmpPage(high: number): Uint8Array {
  let page = bmpPages[high];
  if (!page) {
    page = new Uint8Array(256);
    for (let low = 0; low < 256; low++) {
      const c = (high << 8) | low;
      if ((c < 0xd800 || c > 0xdfff) && TOKEN_CHAR.test(String.fromCharCode(c))) page[low] = 1;
    }
    bmpPages[high] = page;
  }
  return page;
}

/** The first page (ASCII and Latin-1), built at once: most text is in it, and it skips the page lookup. */
const FIRST_PAGE = bmpPage(0);

function sameChars(term: string, text: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false;
  for (let i = 0; i < term.length; i++) if (term.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** Open-addressing hash table from terms to dense ids 0, 1, … in order of addition. */
export class TermTable {
  /** The term of each id. */
  readonly terms: string[] = [];
  private hashes = new Int32Array(256);
  /** id + 1 per slot; 0 is empty. Kept at most half full. */
  private slots = new Int32Array(512);

  /** A table holding `terms` with ids 0, 1, … (a fitted vocabulary in column order). */
  static of(terms: readonly string[]): TermTable {
    const table = new TermTable();
    for (const term of terms) table.id(term, 0, term.length, true);
    return table;
  }

  /** Id of `text[start, end)`: −1 when unknown, unless `add` gives it the next id. */
  id(text: string, start: number, end: number, add: boolean): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    return this.idHashed(text, start, end, hash, add);
  }

  /** `id` given the range's FNV-1a `hash` (the scan computes it while reading the token). */
  idHashed(text: string, start: number, end: number, hash: number, add: boolean): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]; entry !== 0; entry = this.slots[slot]) {
      if (this.hashes[entry - 1] === hash && sameChars(this.terms[entry - 1], text, start, end)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    if (!add) return -1;
    const id = this.terms.length;
    this.terms.push(start === 0 && end === text.length ? text : text.slice(start, end));
    if (id === this.hashes.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** A growable list of ids. */
export class IdList {
  data = new Int32Array(64);
  length = 0;

  push(id: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = id;
  }
}

/**
 * Appends to `out` the id of every token of `text` (lowercased, sklearn's token pattern) in
 * order: unknown tokens get new ids with `add`, else −1.
 */
export function appendTokenIds(text: string, table: TermTable, add: boolean, out: IdList): void {
  const lower = text.toLowerCase();
  if (SURROGATE.test(lower)) {
    for (const token of tokenize(text)) out.push(table.id(token, 0, token.length, add));
    return;
  }
  // BMP only: one unit is one code point, so run lengths count as the pattern counts them. One
  // pass classifies each unit and hashes the token as it is read.
  let start = -1;
  let hash = FNV_OFFSET;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c < 0x100 ? FIRST_PAGE[c] : bmpPage(c >> 8)[c & 0xff]) === 1) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
      continue;
    }
    if (start >= 0) {
      if (i - start >= 2) out.push(table.idHashed(lower, start, i, hash, add));
      start = -1;
    }
  }
  if (start >= 0 && lower.length - start >= 2) out.push(table.idHashed(lower, start, lower.length, hash, add));
}
