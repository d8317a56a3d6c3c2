/** Counting things in English sentences, decided once for every message and view. */

/**
 * The regular English plural: "ticket" → "tickets", "inquiry" → "inquiries", "box" → "boxes",
 * "patch" → "patches". Irregular ones ("person" → "people", "criterion" → "criteria") are given.
 */
export function pluralOf(singular: string): string {
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  return `${singular}s`;
}

/** "1 run", "3 runs", "1,200 success criteria": the count grouped as English text groups it, then its noun. */
export function counted(n: number, singular: string, plural = pluralOf(singular)): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}
