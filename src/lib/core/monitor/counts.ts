/**
 * Counts keyed by free text (labels, model version ids) as plain JSON objects. Keys come from
 * models and users, so "__proto__" or "constructor" must be ordinary keys: reads check own
 * properties only, and "__proto__", the one key an assignment would not store, is defined.
 */

/** Count per key; every value a non-negative integer. */
export type Counts = Record<string, number>;

/** The count stored under `key`, 0 when absent. */
export function countOf(counts: Counts, key: string): number {
  return Object.hasOwn(counts, key) ? counts[key] : 0;
}

/** Store `value` as an own, enumerable property, "__proto__" included (mutated). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** Add `n` to the count under `key` (mutated). */
export function addCount(counts: Counts, key: string, n: number): void {
  if (Object.hasOwn(counts, key)) counts[key] += n;
  else setOwn(counts, key, n);
}

/** Add every count of `source` into `target` (mutated). */
export function mergeCounts(target: Counts, source: Counts): void {
  for (const key in source) if (Object.hasOwn(source, key)) addCount(target, key, source[key]);
}

/** Add two-level counts (`confusion[predicted][actual]`) of `source` into `target` (mutated). */
export function mergeNestedCounts(target: Record<string, Counts>, source: Record<string, Counts>): void {
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    if (!Object.hasOwn(target, key)) setOwn(target, key, {});
    mergeCounts(target[key], source[key]);
  }
}
