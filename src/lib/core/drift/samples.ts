/**
 * Column values as the stat tests take them: numeric samples sorted once (every numeric test and
 * the histogram work on sorted arrays), categorical samples as value counts. Missing values are
 * dropped first, as Evidently does (`replace([-inf, inf], nan).dropna()`): non-finite numbers,
 * null and undefined.
 */
import { sortFloat64 } from './sortFloat64';

/** A category: a string, or a number when a numeric column is tested as categories. */
export type CategoryKey = string | number;

/** The finite values of `values`, sorted ascending (a new array). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[k++] = v;
  }
  return sortFloat64(k === out.length ? out : out.slice(0, k));
}

/** The values that are not null or undefined. */
export function presentValues<T>(values: readonly (T | null | undefined)[]): T[] {
  return values.filter((v): v is T => v !== null && v !== undefined);
}

/** Distinct values of a sorted array (−0 and +0 count once, as in pandas). */
export function countUniqueSorted(sorted: Float64Array): number {
  let count = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** Distinct values of the union of two sorted arrays, in one merge pass. */
export function countUniqueUnion(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    count++;
  }
  return count;
}

/** Count of each value of a sorted array, in ascending order of value. */
export function valueCountsSorted(sorted: Float64Array): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    counts.set(sorted[i] === 0 ? 0 : sorted[i], j - i);
    i = j;
  }
  return counts;
}

/** Count of each category, in order of first appearance. */
export function valueCounts(values: readonly CategoryKey[]): Map<CategoryKey, number> {
  const counts = new Map<CategoryKey, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * The categories of either sample, ordered: numbers ascending, strings by code unit. (Evidently
 * iterates a Python set here, in no defined order; every test and distance is order-free.)
 */
export function unionKeys(reference: Map<CategoryKey, number>, current: Map<CategoryKey, number>): CategoryKey[] {
  return sortKeys([...new Set([...reference.keys(), ...current.keys()])]);
}

/** Sorts categories in place: numbers ascending before strings in code-unit order. */
export function sortKeys(keys: CategoryKey[]): CategoryKey[] {
  return keys.sort((a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
