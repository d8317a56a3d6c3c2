/**
 * Counts keyed by free text (labels, model version ids) as plain JSON objects. Keys come from
 * models and users, so "__proto__" or "constructor" must be ordinary keys: reads check own
 * properties only and writes define the property instead of assigning it.
 */

/** Count per key; every value a non-negative integer. */
export type Counts = Record<string, number>;

/** The count stored under `key`, 0 when absent. */
export function countOf(counts: Counts, key: string): number {
  return Object.hasOwn(counts, key) ? counts[key] : 0;
}

/** Add `n` to the count under `key` (mutated). */
export function addCount(counts: Counts, key: string, n: number): void {
  if (Object.hasOwn(counts, key)) counts[key] += n;
  else Object.defineProperty(counts, key, { value: n, enumerable: true, writable: true, configurable: true });
}

/** Add every count of `source` into `target` (mutated). */
export function mergeCounts(target: Counts, source: Counts): void {
  for (const [key, n] of Object.entries(source)) addCount(target, key, n);
}

/** Add two-level counts (`confusion[predicted][actual]`) of `source` into `target` (mutated). */
export function mergeNestedCounts(target: Record<string, Counts>, source: Record<string, Counts>): void {
  for (const [key, inner] of Object.entries(source)) {
    if (!Object.hasOwn(target, key)) {
      Object.defineProperty(target, key, { value: {}, enumerable: true, writable: true, configurable: true });
    }
    mergeCounts(target[key], inner);
  }
}
