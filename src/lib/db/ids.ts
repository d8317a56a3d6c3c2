/** Record ids: random UUIDs (ids need to be unique, not reproducible). */
export function newId(): string {
  return crypto.randomUUID();
}

export { nowIso } from '$lib/clock';
