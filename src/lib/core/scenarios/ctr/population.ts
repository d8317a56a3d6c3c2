/**
 * Who sees the feed, and when: the user mix (age, device given age, region) with the covariate
 * shift blended in, and the distributions that never drift (time of week, tenure, feed slot,
 * latency). Shares are the story's; `clickModel.ts` holds what users click.
 *
 * Covariate shift at level L blends each selected column's baseline shares toward its shifted
 * shares: p = (1 − L)·baseline + L·shifted. At full level the feed is more mobile (mobile share
 * ≈ 56 % → 72 %), younger (18-24 ≈ 18 % → 30 %), and LATAM grows from 3 % to 17 % of traffic.
 */
import { driftLevel, type CtrScenarioConfig } from './config';
import { AGE_BANDS, DAYS } from './vocabulary';

/** Shares of AGE_BANDS. */
const AGE_BASE = [0.18, 0.27, 0.22, 0.17, 0.16];
const AGE_SHIFTED = [0.3, 0.29, 0.18, 0.13, 0.1];
/** Shares of DEVICES (mobile, desktop, tablet) per age band: younger users are more mobile. */
const DEVICE_BASE = [
  [0.7, 0.22, 0.08],
  [0.6, 0.31, 0.09],
  [0.5, 0.38, 0.12],
  [0.45, 0.42, 0.13],
  [0.38, 0.45, 0.17],
];
const DEVICE_SHIFTED = [
  [0.84, 0.11, 0.05],
  [0.76, 0.17, 0.07],
  [0.66, 0.24, 0.1],
  [0.6, 0.28, 0.12],
  [0.52, 0.33, 0.15],
];
/** Shares of REGIONS (NA, EU, UK, APAC, LATAM). */
const REGION_BASE = [0.35, 0.3, 0.12, 0.2, 0.03];
const REGION_SHIFTED = [0.29, 0.25, 0.1, 0.19, 0.17];

/** Relative traffic per hour of the day (evening peak) and per day (weekend a little busier). */
const HOUR_WEIGHTS = [0.3, 0.2, 0.15, 0.12, 0.12, 0.2, 0.45, 0.7, 0.85, 0.9, 0.9, 0.95, 1.05, 1, 0.9, 0.9, 0.95, 1.05, 1.2, 1.35, 1.45, 1.4, 1.1, 0.65];
const DAY_WEIGHTS = [1, 1, 1, 1, 1.05, 1.15, 1.1];
/** Relative impressions per feed slot 1…10: fewer users scroll down. */
const POSITION_WEIGHTS = [1, 0.92, 0.84, 0.76, 0.68, 0.6, 0.54, 0.48, 0.42, 0.36];

/** Share of users signed up less than 30 days ago; the rest have log-normal tenure. */
export const NEW_USER_SHARE = 0.22;
const TENURE_MEDIAN_DAYS = 350;
const TENURE_SIGMA = 0.9;
/** Largest tenure in days (the service is ten years old). */
export const MAX_TENURE_DAYS = 3650;
/** Latency is log-normal: median 42 ms, p95 ≈ 75 ms, the same every week. */
const LATENCY_MEDIAN_MS = 42;
const LATENCY_SIGMA = 0.35;

/** Cumulative shares (last entry 1) for drawing a code with one uniform. */
export function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / total;
    out[i] = acc;
  });
  out[out.length - 1] = 1;
  return out;
}

/** The code whose cumulative share first exceeds `u` (u in [0, 1)). */
export function drawCode(cdf: Float64Array, u: number): number {
  let i = 0;
  while (i < cdf.length - 1 && u >= cdf[i]) i++;
  return i;
}

function blend(base: readonly number[], shifted: readonly number[], level: number): number[] {
  return base.map((b, i) => (1 - level) * b + level * shifted[i]);
}

/** The week's user mix as cumulative shares. */
export interface UserMix {
  ageBand: Float64Array;
  /** Per age band. */
  deviceByAge: Float64Array[];
  region: Float64Array;
}

export function userMix(config: CtrScenarioConfig, week: number): UserMix {
  const { covariate } = config.drifts;
  const level = (column: 'device' | 'ageBand' | 'region') => (covariate.columns.includes(column) ? driftLevel(covariate, week) : 0);
  return {
    ageBand: cumulative(blend(AGE_BASE, AGE_SHIFTED, level('ageBand'))),
    deviceByAge: AGE_BANDS.map((_, a) => cumulative(blend(DEVICE_BASE[a], DEVICE_SHIFTED[a], level('device')))),
    region: cumulative(blend(REGION_BASE, REGION_SHIFTED, level('region'))),
  };
}

/** Cumulative traffic share of each hour of the week (0 = Mon 00:00 … 167 = Sun 23:00). */
export const HOUR_OF_WEEK_CDF = cumulative(DAYS.flatMap((_, d) => HOUR_WEIGHTS.map((h) => h * DAY_WEIGHTS[d])));
export const POSITION_CDF = cumulative(POSITION_WEIGHTS);

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1) (Acklam's rational approximation, relative
 * error < 1.2e-9): one uniform per normal draw, cheaper than Box–Muller's log, sqrt and cos.
 */
export function normalQuantile(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) * r + 2.506628277459239) * q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) * r + 1);
}

/** Maps u in [0, 1) into (0, 1) so the quantile stays finite. */
function open01(u: number): number {
  return Math.min(Math.max(u, 1e-12), 1 - 1e-12);
}

/** Tenure in whole days from one uniform: the first NEW_USER_SHARE of [0, 1) are new users. */
export function drawTenureDays(u: number): number {
  if (u < NEW_USER_SHARE) return Math.floor((u / NEW_USER_SHARE) * 30);
  const z = normalQuantile(open01((u - NEW_USER_SHARE) / (1 - NEW_USER_SHARE)));
  return Math.min(MAX_TENURE_DAYS, Math.round(30 + Math.exp(Math.log(TENURE_MEDIAN_DAYS) + TENURE_SIGMA * z)));
}

export function drawLatencyMs(u: number): number {
  return LATENCY_MEDIAN_MS * Math.exp(LATENCY_SIGMA * normalQuantile(open01(u)));
}
