/**
 * McNemar's exact test: do two models that predicted the SAME rows differ in how often they are
 * right? Only the discordant rows carry evidence — b rows only the first model got right, c rows
 * only the second. Under "no difference" each discordant row is a fair coin, so
 * p = min(1, 2·P[X ≤ min(b, c)]) with X ~ Binomial(b + c, ½), and p = 1 when b + c = 0. This is
 * scipy's `binomtest(min(b, c), b + c, 0.5)` (two-sided), which the tests pin.
 */

/** The level at which a difference counts as real, unless a caller says otherwise. */
export const MCNEMAR_ALPHA = 0.05;

/**
 * P[X ≤ k] for X ~ Binomial(n, ½), in log space so thousands of discordant rows neither
 * underflow nor lose precision: the terms are summed from the largest (i = k) down, each the
 * previous one times i / (n − i + 1).
 */
function binomialHalfCdf(k: number, n: number): number {
  if (k >= n) return 1;
  // log C(n, k) as a sum of log ratios, each near 1 in size: no huge factorials.
  let logChoose = 0;
  for (let i = 1; i <= k; i++) logChoose += Math.log((n - k + i) / i);
  let term = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.exp(logChoose - n * Math.LN2) * sum;
}

/** Two-sided exact p-value for b and c discordant rows (non-negative integers). */
export function mcnemarExactP(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`Discordant counts must be whole numbers ≥ 0 (got ${b} and ${c}).`);
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
}

export interface McNemarResult {
  /** Rows the first model (the champion) got right and the second (the challenger) wrong. */
  b: number;
  /** Rows the second model got right and the first wrong. */
  c: number;
  pValue: number;
  alpha: number;
  /** p < alpha: the difference in accuracy is unlikely to be chance. */
  significant: boolean;
  /** Which model is right more often on the discordant rows; null when b = c. */
  better: 'champion' | 'challenger' | null;
  /** The verdict in words, for the page and the record. */
  words: string;
}

const formatP = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`);
const rows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

/** The test and what it says, for a champion (b) and a challenger (c). */
export function mcnemarTest(b: number, c: number, alpha = MCNEMAR_ALPHA): McNemarResult {
  const pValue = mcnemarExactP(b, c);
  const significant = pValue < alpha;
  const better = b === c ? null : c > b ? 'challenger' : 'champion';
  const level = `${+(alpha * 100).toFixed(2)} %`;
  const counts = `the challenger is right on ${rows(c)} where the champion is wrong, the champion on ${rows(b)} where the challenger is wrong`;
  let words: string;
  if (b + c === 0) words = 'Both models are right and wrong on exactly the same rows, so there is no difference to test.';
  else if (significant) words = `The difference is real at the ${level} level: the ${better} is better (${counts}; McNemar's exact test, ${formatP(pValue)}).`;
  else words = `The difference could be chance at the ${level} level (${counts}; McNemar's exact test, ${formatP(pValue)}).`;
  return { b, c, pValue, alpha, significant, better, words };
}
