/** Bytes as lowercase hexadecimal, two digits each: ids, digests and hashes all print this way. */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
