/**
 * Content hashes for dataset versions: SHA-256 (Web Crypto, available in pages, workers and
 * Node ≥ 20) of a canonical serialization, so the same rows give the same hash anywhere.
 */

/** Hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The fields of a row that define a dataset's content (storage ids excluded). */
export interface HashableRow {
  key: string;
  text: string;
  label: string | null;
  timestamp?: string;
  split?: string;
  meta: Record<string, string | number | null>;
}

/** JSON with object keys sorted, so key order never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hash of an ordered list of rows: one canonical line per row. */
export function hashRows(rows: readonly HashableRow[]): Promise<string> {
  const lines = rows.map((r) =>
    canonicalJson({ key: r.key, text: r.text, label: r.label, timestamp: r.timestamp, split: r.split, meta: r.meta }),
  );
  return sha256Hex(lines.join('\n'));
}
