/**
 * MurmurHash3_x86_128 (Austin Appleby, public domain): a fast, well-studied 128-bit
 * non-cryptographic hash. Used for per-row content digests, where SHA-256 cost ~6× more time
 * on 100k-row imports. No kept npm package offers the 128-bit x86 variant without WebAssembly,
 * which our Content-Security-Policy does not allow, so this is our own port of the reference
 * C++ (smhasher's MurmurHash3.cpp), checked against smhasher's verification value in the tests.
 */

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** MurmurHash3's 32-bit finalizer: spreads every input bit over the output (signed 32-bit result). */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The running state h1–h4 of one digest (digests are synchronous, so one state serves all). */
const H = new Int32Array(4);

/** A key word mixed before it enters the state. */
const kmix = (k: number, ca: number, r: number, cb: number) => Math.imul(rotl(Math.imul(k, ca), r), cb);

/** One block's words for `mixBlock`. */
const BLOCK = new Int32Array(4);

/** One 16-byte block, as four little-endian words. */
function mixBlock(k1: number, k2: number, k3: number, k4: number): void {
  BLOCK[0] = k1;
  BLOCK[1] = k2;
  BLOCK[2] = k3;
  BLOCK[3] = k4;
  mixWords(BLOCK, 1);
}

/**
 * `blocks` 16-byte blocks of `w` (four words each, from word 0), the state held in locals while
 * they are mixed: the inner loop of long digests.
 */
function mixWords(w: Int32Array, blocks: number): void {
  let h1 = H[0];
  let h2 = H[1];
  let h3 = H[2];
  let h4 = H[3];
  for (let i = 0, end = blocks << 2; i < end; i += 4) {
    h1 ^= kmix(w[i], C1, 15, C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= kmix(w[i + 1], C2, 16, C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= kmix(w[i + 2], C3, 17, C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= kmix(w[i + 3], C4, 18, C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  H[0] = h1;
  H[1] = h2;
  H[2] = h3;
  H[3] = h4;
}

/** The last 0–15 bytes as up to four words (`words` of them present; the reference's fall-through switch). */
function mixTail(words: number, word: (w: number) => number): void {
  if (words > 3) H[3] ^= kmix(word(3), C4, 18, C1);
  if (words > 2) H[2] ^= kmix(word(2), C3, 17, C4);
  if (words > 1) H[1] ^= kmix(word(1), C2, 16, C3);
  if (words > 0) H[0] ^= kmix(word(0), C1, 15, C2);
}

/** The finalization: mixes the length (bytes) in; the digest is then H's four words. */
function finalize(len: number): void {
  let h1 = H[0] ^ len;
  let h2 = H[1] ^ len;
  let h3 = H[2] ^ len;
  let h4 = H[3] ^ len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  H[0] = h1;
  H[1] = (h2 + h1) | 0;
  H[2] = (h3 + h1) | 0;
  H[3] = (h4 + h1) | 0;
}

/** The finalization, as 16 bytes: the four words little-endian. */
function finish(len: number): Uint8Array {
  finalize(len);
  // Int32Array stores in platform order; every engine we run on is little-endian.
  return new Uint8Array(H.slice().buffer);
}

/** The 16-byte digest of `data` (little-endian words, as the reference writes them). */
export function murmur3x86_128(data: Uint8Array, seed = 0): Uint8Array {
  const len = data.length;
  const nblocks = len >>> 4;
  H.fill(seed | 0);
  const word = (i: number) => data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
  for (let b = 0; b < nblocks; b++) {
    const i = b << 4;
    mixBlock(word(i), word(i + 4), word(i + 8), word(i + 12));
  }
  const tail = nblocks << 4;
  const rest = len & 15;
  mixTail((rest + 3) >>> 2, (w) => {
    let k = 0;
    for (let j = Math.min(4, rest - w * 4) - 1; j >= 0; j--) k = (k << 8) | data[tail + w * 4 + j];
    return k;
  });
  return finish(len);
}

/**
 * Digest of a string's UTF-16LE code units (no text encoding pass: strings hash as stored).
 * The same value as `murmur3x86_128` over those bytes, read straight from the string: a
 * little-endian 32-bit word is two code units, low one first, so no byte copy is made.
 */
export function murmur3String(text: string, seed = 0): Uint8Array {
  const units = text.length;
  const nblocks = units >>> 3;
  H.fill(seed | 0);
  const pair = (i: number) => text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
  for (let b = 0; b < nblocks; b++) {
    const i = b << 3;
    mixBlock(pair(i), pair(i + 2), pair(i + 4), pair(i + 6));
  }
  // The last 0–7 code units: words of two, a lone last unit as a half word.
  const tail = nblocks << 3;
  mixTail(((units & 7) + 1) >>> 1, (w) => {
    const j = tail + w * 2;
    return j + 1 < units ? pair(j) : text.charCodeAt(j);
  });
  return finish(units * 2);
}

/**
 * `murmur3String` of a text given as UTF-16 code units written piece by piece, so a caller can
 * hash a form of its data (a row's canonical JSON) without building the string: write up to
 * `reserve(n)`'s promise into `units` from `length` on, set `length`, then `finish`. Complete
 * 16-byte blocks are mixed whenever room is made, so the buffer stays small; digests are
 * synchronous, so one instance serves all.
 */
export class UnitDigest {
  /** Code units not yet mixed, [0, length). */
  units = new Uint16Array(4096);
  length = 0;
  #words = new Int32Array(this.units.buffer);
  /** Code units mixed already. */
  #mixed = 0;

  /** Starts a digest. */
  begin(seed = 0): void {
    H.fill(seed | 0);
    this.length = 0;
    this.#mixed = 0;
  }

  /** Makes room for `n` more units after `length`, and returns the buffer to write them to. */
  reserve(n: number): Uint16Array {
    if (this.length + n <= this.units.length) return this.units;
    this.#mixBlocks();
    if (this.length + n > this.units.length) {
      let size = this.units.length * 2;
      while (size < this.length + n) size *= 2;
      const grown = new Uint16Array(size);
      grown.set(this.units.subarray(0, this.length));
      this.units = grown;
      this.#words = new Int32Array(grown.buffer);
    }
    return this.units;
  }

  /** Mixes the complete blocks (8 units each) and moves the rest to the front. */
  #mixBlocks(): void {
    const blocks = this.length >>> 3;
    // A little-endian word is two code units, the first one low: as `murmur3String` reads them.
    mixWords(this.#words, blocks);
    const done = blocks << 3;
    this.units.copyWithin(0, done, this.length);
    this.length -= done;
    this.#mixed += done;
  }

  /** Word `k` of the last `rest` units: two units, or the last one alone. */
  #tailWord(k: number, rest: number): number {
    return 2 * k + 1 < rest ? this.#words[k] : this.units[2 * k];
  }

  /** Ends the digest and writes its four words (as `murmur3String`'s bytes read little-endian) to `out` at `at`. */
  finish(out: Uint32Array, at: number): void {
    this.#mixBlocks();
    const rest = this.length;
    // The last 0–7 units as words, a lone last unit as a half word: `mixTail` with no closure
    // made per digest (one per row of an import).
    const words = (rest + 1) >>> 1;
    if (words > 3) H[3] ^= kmix(this.#tailWord(3, rest), C4, 18, C1);
    if (words > 2) H[2] ^= kmix(this.#tailWord(2, rest), C3, 17, C4);
    if (words > 1) H[1] ^= kmix(this.#tailWord(1, rest), C2, 16, C3);
    if (words > 0) H[0] ^= kmix(this.#tailWord(0, rest), C1, 15, C2);
    finalize((this.#mixed + rest) * 2);
    out[at] = H[0];
    out[at + 1] = H[1];
    out[at + 2] = H[2];
    out[at + 3] = H[3];
  }
}
