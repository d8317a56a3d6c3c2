/**
 * File names from names people typed: lowercase ASCII letters and digits joined by dashes, so a
 * download's name is safe on every file system; `fallback` when nothing is left.
 */
export function fileSlug(name: string, fallback = 'project', maxLength = Infinity): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxLength) || fallback;
}
