/**
 * Ascending sort of float64 values by LSD radix sort on their bit patterns: six passes of 11
 * (or 10) bits, O(n). V8's `Float64Array.prototype.sort` measured ≈ 0.45 s for 10⁶ values on the
 * benchmark machine, most of the time of a 1M × 1M KS test; this is several times faster.
 *
 * Order is that of `Float64Array.prototype.sort` for non-NaN values (−∞ < … < −0 < +0 < … < +∞):
 * a double's bits, sign bit flipped for positives and all bits flipped for negatives, compare
 * like unsigned 64-bit integers. Values are moved as two 32-bit words, never read as doubles
 * mid-sort. NaN is the caller's business (it sorts after +∞ here, as in the native sort).
 */

const RADIX_MIN_LENGTH = 2048;

/** Digit layout: three digits per 32-bit word (11, 11 and 10 bits), lowest first. */
const SHIFTS = [0, 11, 22];
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/** Sorts `values` in place and returns it. */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let src: Uint32Array = words;
  let dst: Uint32Array = new Uint32Array(2 * n);
  // Counts of the key's six digits (pass p: word p >= 3, shift SHIFTS[p % 3]), in one pass.
  const counts = new Int32Array(6 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const w1 = src[2 * i + 1];
    const negative = w1 >>> 31;
    const lo = negative ? ~src[2 * i] >>> 0 : src[2 * i];
    const hi = negative ? ~w1 >>> 0 : (w1 | 0x80000000) >>> 0;
    counts[lo & MASK]++;
    counts[BUCKETS + ((lo >>> 11) & MASK)]++;
    counts[2 * BUCKETS + (lo >>> 22)]++;
    counts[3 * BUCKETS + (hi & MASK)]++;
    counts[4 * BUCKETS + ((hi >>> 11) & MASK)]++;
    counts[5 * BUCKETS + (hi >>> 22)]++;
  }
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    // Every value in one bucket: this digit orders nothing.
    let skip = false;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d];
      if (c === n) skip = true;
      if (c !== 0) break;
    }
    if (skip) continue;
    let offset = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d];
      counts[base + d] = offset;
      offset += c;
    }
    const highWord = pass >= 3;
    const shift = SHIFTS[pass % 3];
    for (let i = 0; i < n; i++) {
      const w0 = src[2 * i];
      const w1 = src[2 * i + 1];
      // The key's word: all bits flipped for negatives, the sign bit flipped for positives.
      const word = highWord ? (w1 >>> 31 ? ~w1 : w1 | 0x80000000) : w1 >>> 31 ? ~w0 : w0;
      const at = counts[base + ((word >>> shift) & MASK)]++;
      dst[2 * at] = w0;
      dst[2 * at + 1] = w1;
    }
    [src, dst] = [dst, src];
  }
  if (src !== words) words.set(src);
  return values;
}
