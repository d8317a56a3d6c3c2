/**
 * Orderings shared by every sort whose result is stored, hashed or exported: by UTF-16 code
 * units, not `localeCompare`, so the order is the same in every browser, locale and Node.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Labels in code-unit order, the unlabelled (null) last. */
export function compareLabels(a: string | null, b: string | null): number {
  return a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareStrings(a, b);
}

/** Model versions for display: by model name, then version 1, 2, … */
export function compareModelVersions(a: { modelName: string; version: number }, b: { modelName: string; version: number }): number {
  return a.modelName === b.modelName ? a.version - b.version : a.modelName.localeCompare(b.modelName);
}
