/**
 * Exact two-sided p-value of the two-sample Kolmogorov–Smirnov statistic by lattice-path counting,
 * ported from scipy (`_compute_prob_outside_square` in `scipy/stats/_stats_py.py`,
 * `_compute_outer_prob_inside_method` in `scipy/stats/_stats_pythran.py`), which follow
 * Hodges, "The Significance Probability of the Smirnov Two-Sample Test", Arkiv för Matematik 3
 * (1958), with Viehmann's recursion for 1 − p (arXiv:2102.08037).
 */

/** P(D_{n,n} ≥ h/n) for two samples of equal size n, 0 < h ≤ n. */
export function probOutsideSquare(n: number, h: number): number {
  // P = 2 (C(2n, n−h) − C(2n, n−2h) + …) / C(2n, n), each term divided by C(2n, n) and the
  // alternating sum nested Horner-style to avoid cancellation.
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * The share of lattice paths from (0, 0) to (m, n) that leave the band |x/m − y/n| < h/lcm(m, n),
 * i.e. P(D_{m,n} ≥ h/lcm); g = gcd(m, n). Column-by-column recursion over a sliding window,
 * each column divided as it is built so values stay probabilities.
 */
export function probOutsideBand(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    // Entries carried over from the longer previous window count as "outside" (1).
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1];
}
