/** Test scaffolding: the bytes of a text in the encodings the import reads. */

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** Windows-1252 bytes of Latin-1 text (U+00A0–U+00FF map to the same byte; € is 0x80). */
export function cp1252(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

/** UTF-16 bytes of `text` (surrogate pairs included), with a byte order mark unless `bom` is false. */
export function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array<ArrayBuffer> {
  const s = (bom ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    bytes[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    bytes[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return bytes;
}
