/**
 * Double-double arithmetic (a value is hi + lo with |lo| ≤ ½ ulp(hi): about 32 significant
 * digits), the minimum that `smirnov.ts` needs to follow scipy's `xsf::cephes::_smirnov`, which
 * sums its series in double-double. Algorithms: Dekker (1971); Hida, Li & Bailey's QD library.
 *
 * Results go into a caller-owned mutable `DD` (the first argument) and operands are passed as
 * plain numbers, so the O(n) series loops allocate nothing; an output may alias an operand.
 */

/** A double-double register: the value hi + lo. */
export class DD {
  constructor(
    public hi = 0,
    public lo = 0,
  ) {}

  set(hi: number, lo = 0): this {
    this.hi = hi;
    this.lo = lo;
    return this;
  }
}

/** 2^27 + 1, Dekker's splitter for 53-bit doubles (JavaScript has no fused multiply-add). */
const SPLITTER = 134217729;

/** out = a + b (a, b double-double). */
export function ddAdd(out: DD, ahi: number, alo: number, bhi: number, blo: number): DD {
  let s = ahi + bhi;
  let v = s - ahi;
  let e = ahi - (s - v) + (bhi - v);
  const t = alo + blo;
  v = t - alo;
  let f = alo - (t - v) + (blo - v);
  e += t;
  let hi = s + e;
  e -= hi - s;
  s = hi;
  e += f;
  hi = s + e;
  f = e - (hi - s);
  return out.set(hi, f);
}

/** out = a · b (a double-double, b double-double). */
export function ddMul(out: DD, ahi: number, alo: number, bhi: number, blo: number): DD {
  const p = ahi * bhi;
  if (!Number.isFinite(p)) return out.set(p, 0);
  let t = SPLITTER * ahi;
  const aHi = t - (t - ahi);
  const aLo = ahi - aHi;
  t = SPLITTER * bhi;
  const bHi = t - (t - bhi);
  const bLo = bhi - bHi;
  const err = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo + (ahi * blo + alo * bhi);
  const hi = p + err;
  return out.set(hi, err - (hi - p));
}

/** out = a / b (accurate division: three quotient digits). */
export function ddDiv(out: DD, ahi: number, alo: number, bhi: number, blo: number): DD {
  const q1 = ahi / bhi;
  if (!Number.isFinite(q1)) return out.set(q1, 0);
  ddMul(out, bhi, blo, q1, 0);
  ddAdd(out, ahi, alo, -out.hi, -out.lo);
  const q2 = out.hi / bhi;
  const rhi = out.hi;
  const rlo = out.lo;
  ddMul(out, bhi, blo, q2, 0);
  ddAdd(out, rhi, rlo, -out.hi, -out.lo);
  const q3 = out.hi / bhi;
  const s = q1 + q2;
  return ddAdd(out, s, q2 - (s - q1), q3, 0);
}

/** out = a / b for a double b (QD's dd / double: one correction step). */
export function ddDivNumber(out: DD, ahi: number, alo: number, b: number): DD {
  const q1 = ahi / b;
  if (!Number.isFinite(q1)) return out.set(q1, 0);
  // p = q1·b exactly (Dekker), then the remainder a − p.
  const p = q1 * b;
  let t = SPLITTER * q1;
  const qHi = t - (t - q1);
  const qLo = q1 - qHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  const pErr = qHi * bHi - p + qHi * bLo + qLo * bHi + qLo * bLo;
  const s = ahi - p;
  const v = s - ahi;
  let e = ahi - (s - v) - (p + v);
  e = e - pErr + alo;
  const q2 = (s + e) / b;
  const hi = q1 + q2;
  return out.set(hi, q2 - (hi - q1));
}

/** out = floor(a). */
export function ddFloor(out: DD, ahi: number, alo: number): DD {
  const hi = Math.floor(ahi);
  if (hi !== ahi) return out.set(hi, 0);
  const lo = Math.floor(alo);
  const s = hi + lo;
  return out.set(s, lo - (s - hi));
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Index of the 32-bit word holding sign and exponent (little-endian, as every target is). */
const HIGH = 1;

/** The exponent e of C's frexp: x = m · 2^e with 0.5 ≤ |m| < 1 (0 for 0, ±∞, NaN). */
export function frexpExponent(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  scratch[0] = x;
  const biased = (words[HIGH] >>> 20) & 0x7ff;
  if (biased === 0) return frexpExponent(x * 2 ** 64) - 64; // subnormal
  return biased - 1022;
}

/** 2^k for an integer k in [−1022, 1023], built from its bits (`2 ** k` costs as much as Math.pow). */
function powerOfTwo(k: number): number {
  words[0] = 0;
  words[HIGH] = (k + 1023) << 20;
  return scratch[0];
}

/** x · 2^e without intermediate overflow or underflow (C's ldexp). */
export function ldexpNumber(x: number, e: number): number {
  if (e >= -1022 && e <= 1023) return x * powerOfTwo(e);
  // Any finite double times 2^e is 0 or ∞ past these (|x| < 2^1024, smallest subnormal 2^−1074).
  if (e < -2100) return x * 0;
  if (e > 2100) return x === 0 || Number.isNaN(x) ? x : x * Infinity;
  let y = x;
  let k = e;
  while (k > 1000) {
    y *= powerOfTwo(1000);
    k -= 1000;
  }
  while (k < -1000) {
    y *= powerOfTwo(-1000);
    k += 1000;
  }
  return y * powerOfTwo(k);
}

/** out = a · 2^−e where e = frexpExponent(a.hi): the mantissa of frexp; returns e. */
export function ddFrexp(out: DD, ahi: number, alo: number): number {
  const e = frexpExponent(ahi);
  out.set(ldexpNumber(ahi, -e), ldexpNumber(alo, -e));
  return e;
}
