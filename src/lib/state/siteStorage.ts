/**
 * The site's localStorage, or null where the browser blocks it for this site (reading
 * `localStorage` then throws): callers keep working without what it would remember.
 */
export function siteStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
