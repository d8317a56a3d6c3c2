/**
 * Plain JSON values, and the one conversion every exported document goes through: what
 * `JSON.stringify` would write, as a value (non-finite numbers become null, undefined object
 * members vanish), so the in-memory document, its schema check and the file all agree.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of `value` as JSON would carry it: NaN and ±Infinity become null, undefined
 * members and functions are dropped, ArrayBuffers are not expected (encode them first).
 * Keys are defined as own data properties, so a `__proto__` key stays an ordinary key.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toJsonValue(item)));
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      Object.defineProperty(out, key, { value: toJsonValue(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}
