/**
 * Wasserstein-1 distance between two samples, `scipy.stats.wasserstein_distance(u, v)`: the
 * area between their ECDFs, Σ |F_u(x_k) − F_v(x_k)| · (x_{k+1} − x_k) over the pooled sorted
 * values, F counting values ≤ x. Evidently's drift score (`wasserstein_distance_norm.py`) divides
 * it by the reference's population standard deviation (np.std, ddof 0), floored at 0.001; drift
 * when the normed distance ≥ threshold (default 0.1).
 */

/** Wasserstein-1 distance of two sorted, non-empty samples, in one merge pass. */
export function wassersteinDistanceSorted(u: Float64Array, v: Float64Array): number {
  const n1 = u.length;
  const n2 = v.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('wasserstein: both samples need at least one value');
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < n1 || j < n2) {
    const x = j >= n2 || (i < n1 && u[i] <= v[j]) ? u[i] : v[j];
    while (i < n1 && u[i] === x) i++;
    while (j < n2 && v[j] === x) j++;
    if (i === n1 && j === n2) break;
    const next = j >= n2 || (i < n1 && u[i] <= v[j]) ? u[i] : v[j];
    total += Math.abs(i / n1 - j / n2) * (next - x);
  }
  return total;
}

/** Population standard deviation (numpy's `np.std`, ddof 0). */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / n);
}

/** Evidently's normed Wasserstein distance: W₁(reference, current) / max(std(reference), 0.001). */
export function wassersteinNormedSorted(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistanceSorted(reference, current) / Math.max(populationStd(reference), 0.001);
}
