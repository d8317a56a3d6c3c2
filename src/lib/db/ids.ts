/** Record ids: random UUIDs (ids need to be unique, not reproducible). */
export function newId(): string {
  return crypto.randomUUID();
}

/** Current time as an ISO 8601 UTC string; the one clock the repositories read. */
export function nowIso(): string {
  return new Date().toISOString();
}
