/**
 * Canonical JSON, the text a content hash is taken of: object keys sorted by UTF-16 code units,
 * no whitespace, strings and numbers written as `JSON.stringify` writes them. Two documents with
 * the same content give the same text whatever order their keys were written in. For keys in
 * the Basic Multilingual Plane and integers or short decimals (all a policy holds) it equals
 * Python's `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`,
 * which the test vector checks. Values JSON cannot carry (NaN, undefined, functions) are
 * refused rather than silently dropped: a hash must cover exactly what is stored.
 */
import { hexOf } from '../hex';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonical JSON cannot hold ${value}.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof value}.`);
}

/** SHA-256 of the UTF-8 bytes of `text`, lowercase hex (WebCrypto: browsers, workers, Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  return hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}
