/**
 * Version tags as people type them: `team=support, data=november` → { team: 'support', data:
 * 'november' }. A bare word is a tag with an empty value (`reviewed`). Keys are short identifiers
 * so they stay usable as MLflow tag names and Prometheus-safe labels when exported.
 */
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
export const MAX_TAG_VALUE = 120;

export type TagsResult = { ok: true; tags: Record<string, string> } | { ok: false; error: string };

export function parseTags(text: string): TagsResult {
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (!KEY.test(key)) return { ok: false, error: `Tag "${key}": a key starts with a letter and uses letters, digits, _ . or - (at most 40).` };
    if (value.length > MAX_TAG_VALUE) return { ok: false, error: `Tag "${key}": the value is longer than ${MAX_TAG_VALUE} characters.` };
    if (key in tags) return { ok: false, error: `Tag "${key}" is given twice.` };
    tags[key] = value;
  }
  return { ok: true, tags: { ...tags } };
}
