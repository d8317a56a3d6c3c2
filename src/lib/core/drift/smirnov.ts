/**
 * The one-sided Kolmogorov–Smirnov survival function P(D⁺ₙ ≥ x) — scipy's
 * `scipy.special.smirnov(n, x)` — ported from `xsf/cephes/kolmogorov.h` (`_smirnov`, by
 * P. van Mulbregt, arXiv:1802.06966). `kolmogn.ts` uses 2·smirnov as the two-sided tail for
 * larger x, as scipy does.
 *
 * The Smirnov / Birnbaum–Tingey sum
 *   P(D⁺ₙ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)
 * is summed in double-double, the binomial coefficient kept as (mantissa, exponent), and for
 * small x a few terms of the complementary ("upper") sum are used instead — all as in xsf, which
 * also computes the density; only the survival function is kept here.
 *
 * One departure, for speed: the terms spread over most of 0 … n, and xsf evaluates each with
 * several `Math.pow` calls (≈ 1–2 µs a term here, seconds for n = 500000). Here, in the lower
 * sum, each term is instead the previous one times
 *   A_v / A_{v−1} = (n−u)/(u+1) · a_v/b_v · exp((u−1)·log1p(1/(n·a_u)) + (n−u)·log1p(−1/(n·b_u)))
 * (u = v − 1, a_v = x + v/n, b_v = 1 − x − v/n; every factor accurate to a few ulps), recomputed
 * exactly as xsf does every ANCHOR_EVERY terms, and terms whose logarithm shows they underflow
 * are not evaluated. The sums agree with xsf's to ~1e−14 relative (tests/unit/drift/ks.test.ts).
 */
import { DD, ddAdd, ddDiv, ddDivNumber, ddFloor, ddFrexp, ddMul, ldexpNumber } from './doubleDouble';

/** xsf's MINLOG = ln(2^−1075): e^x is 0 below it. */
const MINLOG = -745.1332191019412;
/** Beyond this n xsf switches to an approximation. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
/** Keeps both halves of a double-double normal in scaled powers (xsf: < 1023 − 52). */
const SM_MAX_EXPONENT = 960;

const clamp01 = (p: number): number => Math.min(1, Math.max(0, p));

/** out = a^m, the low half of `a` applied as a first-order (or log1p) correction: xsf's pow_D. */
function powD(out: DD, ahi: number, alo: number, m: number): DD {
  if (m <= 0) {
    if (m === 0) return out.set(1);
    powD(out, ahi, alo, -m);
    return ddDiv(out, 1, 0, out.hi, out.lo);
  }
  if (ahi === 0 && alo === 0) return out.set(0);
  const ans = Math.pow(ahi, m);
  const r = alo / ahi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    adj = Math.abs(adj) < 1e-4 ? adj + m * r * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r));
  }
  return ddAdd(out, ans, 0, ans * adj, 0);
}

/** xsf's nextPowerOf2: x rounded up to a power of two (for splitting exponents). */
function nextPowerOf2(x: number): number {
  const l = Math.abs(x * 2 ** -52 + x);
  if (l === 0) return Math.abs(x);
  return Math.trunc(l) === l ? Math.trunc(l) : l;
}

/**
 * out = a^m as a significand in [0.5, 1), returning its binary exponent: large powers are split
 * so that nothing underflows (xsf's pow2Scaled_D).
 */
function pow2ScaledD(out: DD, ahi: number, alo: number, m: number): number {
  if (m <= 0) {
    if (m === 0) {
      out.set(1);
      return 0;
    }
    const e1 = pow2ScaledD(out, ahi, alo, -m);
    ddDiv(out, 1, 0, out.hi, out.lo);
    return -e1 + ddFrexp(out, out.hi, out.lo);
  }
  const yE = ddFrexp(out, ahi, alo);
  if (m === 1) return yE;
  const yhi = out.hi;
  const ylo = out.lo;
  let maxExpt = SM_MAX_EXPONENT;
  if ((m * (yhi - 1)) / yhi < -SM_MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(yhi) / Math.LN2;
    if (m * lg2y <= -SM_MAX_EXPONENT) maxExpt = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / lg2y + 1) / 2);
  }
  if (m <= maxExpt) {
    powD(out, yhi, ylo, m);
    return ddFrexp(out, out.hi, out.lo) + m * yE;
  }
  // y^m = (y^maxExpt)^q · y^r
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  const y2rE = pow2ScaledD(out, yhi, ylo, r);
  const y2rhi = out.hi;
  const y2rlo = out.lo;
  const y2mE = pow2ScaledD(out, yhi, ylo, maxExpt);
  const y2mqE = pow2ScaledD(out, out.hi, out.lo, q);
  ddMul(out, y2rhi, y2rlo, out.hi, out.lo);
  return ddFrexp(out, out.hi, out.lo) + y2mqE + y2mE * q + y2rE + m * yE;
}

/** out = ((a + b) / (c + d))^m. */
function pow4D(out: DD, a: number, b: number, c: number, d: number, m: number): DD {
  if (m <= 0) return m === 0 ? out.set(1) : pow4D(out, c, d, a, b, -m);
  const A = ddAdd(new DD(), a, 0, b, 0);
  const C = ddAdd(new DD(), c, 0, d, 0);
  if (A.hi === 0 && A.lo === 0) return out.set(C.hi === 0 && C.lo === 0 ? NaN : 0);
  if (C.hi === 0 && C.lo === 0) return out.set(A.hi < 0 ? -Infinity : Infinity);
  ddDiv(out, A.hi, A.lo, C.hi, C.lo);
  return powD(out, out.hi, out.lo, m);
}

/** Terms between exact recomputations in the recurrence (its error grows ~1 ulp per step). */
const ANCHOR_EVERY = 32;
/** e^−800 is 0 in double precision, with room for the estimate's error. */
const LOG_UNDERFLOW = -800;
/** Below this a term is too close to underflow to seed the recurrence. */
const MIN_RATIO_SEED = 1e-290;

/** ln A_v in plain double precision (error ~1e−9 absolute): only to skip terms that underflow. */
function logTermEstimate(n: number, v: number, a: number, b: number, cMan: number, cExpt: number): number {
  return Math.log(cMan) + cExpt * Math.LN2 + (v - 1) * Math.log(a) + (n - v) * Math.log(b);
}

/** Scratch registers of the series loop (module-level: the loop allocates nothing). */
const t1 = new DD();
const t2 = new DD();
const term = new DD();

/**
 * term = A_v = C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1), with C(n, v) = cMan · 2^cExpt
 * (xsf's computeAv).
 */
function termAv(n: number, x: number, v: number, cManHi: number, cManLo: number, cExpt: number): DD {
  ddDiv(t2, n - v, 0, n, 0);
  ddAdd(t2, t2.hi, t2.lo, -x, 0);
  const t2E = pow2ScaledD(t2, t2.hi, t2.lo, n - v);
  ddDiv(t1, v, 0, n, 0);
  ddAdd(t1, t1.hi, t1.lo, x, 0);
  const t1E = pow2ScaledD(t1, t1.hi, t1.lo, v - 1);
  ddMul(term, t1.hi, t1.lo, t2.hi, t2.lo);
  ddMul(term, term.hi, term.lo, cManHi, cManLo);
  const e = cExpt + t1E + t2E;
  return term.set(ldexpNumber(term.hi, e), ldexpNumber(term.lo, e));
}

/** P(D⁺ₙ ≥ x), scipy.special.smirnov(n, x), for integer n ≥ 1 and x in [0, 1]. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1) || !Number.isInteger(n)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // floor(n·x) and its fractional part alpha, exactly; a remainder of 1 rounds up.
  const nxD = ddMul(new DD(), x, 0, n, 0);
  const nxFloorD = ddFloor(new DD(), nxD.hi, nxD.lo);
  let alpha = ddAdd(new DD(), nxD.hi, nxD.lo, -nxFloorD.hi, -nxFloorD.lo).hi;
  let nxfl = Math.trunc(nxFloorD.hi);
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  // With alpha = 0 the last term belongs to neither sum.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  const r = new DD();
  // x ≤ 1/n: closed form.
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    ddAdd(r, 1, 0, x, 0);
    return clamp01(1 - x * powD(r, r.hi, r.lo, n - 1).hi);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  // x ≥ 1 − 1/n: closed form.
  if (nxfl >= n - 1) {
    ddAdd(r, 1, 0, -x, 0);
    return clamp01(powD(r, r.hi, r.lo, n).hi);
  }
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clamp01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // The upper sum has few terms for small x; each costs ~1.6 bits there, so only then.
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) || (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    pow4D(r, 1, x, 1, 0, n - 1);
  } else {
    pow4D(r, 1, -x, 1, 0, n);
    ddDiv(r, r.hi, r.lo, x, 0);
  }
  const sum = new DD(r.hi, r.lo);
  // C(n, v) as a double-double mantissa times 2^binomialExpt: it overflows doubles.
  const binomial = new DD(1, 0);
  let binomialExpt = 0;
  const updateBinomial = (j: number): void => {
    ddMul(binomial, binomial.hi, binomial.lo, n - j, 0);
    ddDivNumber(binomial, binomial.hi, binomial.lo, j + 1);
    // Renormalise only when far from 1 (scaling by 2^k is exact; xsf does it every step).
    if (binomial.hi > 2 ** 500 || binomial.hi < 2 ** -500) binomialExpt += ddFrexp(binomial, binomial.hi, binomial.lo);
  };
  updateBinomial(0);
  const vmid = Math.trunc(n / 2);
  // n·x = nxfl + alpha: n·(x + v/n) and n·(1 − x − v/n) without cancellation.
  const na = (v: number): number => nxfl + alpha + v;
  const nb = (v: number): number => n - nxfl - alpha - v;
  let seeded = false;
  let sinceAnchor = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    let aj: DD;
    if (step > 0 && seeded && sinceAnchor < ANCHOR_EVERY) {
      // A_v from A_{v−1} (see the module comment); u = v − 1.
      const u = v - 1;
      const exponent = (u - 1) * Math.log1p(1 / na(u)) + (n - u) * Math.log1p(-1 / nb(u));
      const ratio = ((n - u) / (u + 1)) * (na(v) / nb(v)) * Math.exp(exponent);
      aj = ddMul(term, term.hi, term.lo, ratio, 0);
      sinceAnchor++;
    } else if (step > 0 && logTermEstimate(n, v, na(v) / n, nb(v) / n, binomial.hi, binomialExpt) < LOG_UNDERFLOW) {
      aj = term.set(0, 0); // xsf computes it and gets 0 too
    } else {
      aj = termAv(n, x, v, binomial.hi, binomial.lo, binomialExpt);
      sinceAnchor = 0;
    }
    seeded = Number.isFinite(aj.hi) && Math.abs(aj.hi) > MIN_RATIO_SEED;
    if (Number.isFinite(aj.hi) && aj.hi !== 0) ddAdd(sum, sum.hi, sum.lo, aj.hi, aj.lo);
    // Stop once the remaining terms cannot move the sum.
    if (aj.hi !== 0) {
      if (4 * (nTerms - j) * Math.abs(aj.hi) < Number.EPSILON * sum.hi && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    updateBinomial(j);
  }
  const prob = ddMul(r, sum.hi, sum.lo, x, 0).hi;
  return clamp01(step < 0 ? 1 - prob : prob);
}

