/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution for finite n: the survival function
 * P(Dₙ ≥ x), i.e. scipy's `kstwo.sf(x, n)`, which `ks_2samp` uses for its asymptotic p-value.
 *
 * A port of scipy's `scipy/stats/_ksstats.py` (`_kolmogn`), which follows Simard & L'Ecuyer,
 * "Computing the Two-Sided Kolmogorov-Smirnov Distribution", J. Stat. Software 39(11), 2011:
 * - closed forms (Ruben–Gambino) for n·x ≤ 1 and n·x ≥ n − 1, and 2·smirnov for x ≥ 0.5;
 * - n ≤ 140: Durbin's matrix (Marsaglia–Tsang–Wang) for n·x² ≤ 0.754693, Pomeranz's recursion
 *   for n·x² ≤ 4, else 2·smirnov;
 * - n > 140, survival side: 0 for n·x² ≥ 370, 2·smirnov for n·x² ≥ 2.2, otherwise 1 − CDF with
 *   the CDF from Durbin (n ≤ 100000 and n·x^1.5 ≤ 1.4) or the Pelz–Good asymptotic series.
 * Where scipy switches to numpy's long double to rescale the n!/nⁿ factor of Durbin's method, this
 * port multiplies in double-double instead (as accurate or better).
 */
import { DD, ddDiv, ddMul, ldexpNumber } from './doubleDouble';
import { smirnovSf } from './smirnov';

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
/** B_{2j}/(2j)/(2j−1) for j = 8 … 1: Stirling's series (highest power first). */
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** ln(n!/nⁿ) by Stirling, with n·ln n removed up front (no cancellation). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

function matMul(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

/** P(Dₙ ≤ d) by Durbin's matrix method as organised by Marsaglia, Tsang & Wang (2003). */
function cdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // v is the first column (and, reversed, the last row) of H; w holds 1/j!.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let power = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = matMul(power, H, m);
      expnt += hExpnt;
    }
    H = matMul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      hExpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  // Multiply by n!/nⁿ, rescaling to stay clear of underflow.
  const p = new DD(power[(k - 1) * m + (k - 1)]);
  for (let i = 1; i <= n; i++) {
    ddMul(p, p.hi, p.lo, i, 0);
    ddDiv(p, p.hi, p.lo, n, 0);
    if (Math.abs(p.hi) < EM128) {
      p.set(p.hi * E128, p.lo * E128);
      expnt -= 128;
    }
  }
  return clip(ldexpNumber(p.hi + p.lo, expnt));
}

/** Column bounds of row i of Pomeranz's recursion. */
function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** P(Dₙ ≤ x) by Pomeranz's recursion (1974). */
function cdfPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * (g / n)) / m;
    twogpower[m] = (twogpower[m - 1] * ((2 * g) / n)) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * ((1 - 2 * g) / n)) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let expnt = 0;
  let j1 = pomeranzBounds(0, n, ll, ceilf, roundf)[0];
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
    j1 = bounds[0];
    const j2 = bounds[1];
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // Entries j1 − k1 … j2 − k1 of the full convolution of V0[k1 − V0s …][: ln2] with pwrs[: ln2].
      const base = k1 - V0s;
      const segment = Math.min(ln2, npwrs - base); // numpy's slice stops at the row's end
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let q = 0; q < convLen; q++) {
        const idx = convStart + q;
        let s = 0;
        for (let a = Math.max(0, idx - ln2 + 1); a <= Math.min(idx, segment - 1); a++) s += V0[base + a] * pwrs[idx - a];
        V1[q] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let q = 0; q < convLen; q++) V1[q] *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  return clip(ldexpNumber(ans, expnt));
}

/** The Pelz–Good (1976) approximation to P(Dₙ ≤ x). */
function cdfPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  // Horner over odd m = 2k − 1 of c_m · q^(m²).
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / divisors[i];
  // The sums over all integers k for K2 and K3.
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3] += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2);
  return sum;
}

/** P(Dₙ ≥ x) for the two-sided one-sample statistic with n observations: scipy `kstwo.sf(x, n)`. */
export function kolmogornSf(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return NaN;
  if (!Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));

  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - cdfDurbin(n, x));
    if (nx2 <= 4) return clip(1 - cdfPomeranz(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? cdfDurbin(n, x) : cdfPelzGood(n, x);
  return clip(1 - clip(cdf));
}
