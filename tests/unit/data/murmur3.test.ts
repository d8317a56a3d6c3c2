import { describe, expect, it } from 'vitest';
import { murmur3String, murmur3x86_128 } from '$lib/core/data/murmur3';

describe('MurmurHash3_x86_128', () => {
  it('passes smhasher’s verification test (0xB3ECE62A)', () => {
    // From smhasher's VerificationTest: hash keys {0}, {0,1}, … {0..254} with seed 256 − i,
    // concatenate the 256 digests, hash that with seed 0; the first 4 bytes, little-endian,
    // must be 0xB3ECE62A for MurmurHash3_x86_128.
    const hashes = new Uint8Array(256 * 16);
    const key = new Uint8Array(256);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      hashes.set(murmur3x86_128(key.subarray(0, i), 256 - i), i * 16);
    }
    const final = murmur3x86_128(hashes, 0);
    const verification = (final[0] | (final[1] << 8) | (final[2] << 16) | (final[3] << 24)) >>> 0;
    expect(verification.toString(16)).toBe('b3ece62a');
  });

  it('hashes the empty input with seed 0 to zero, as the reference does', () => {
    expect(Array.from(murmur3x86_128(new Uint8Array(0)))).toEqual(new Array(16).fill(0));
  });

  it('hashes a string as its UTF-16LE bytes', () => {
    // Every tail length (0–7 code units beyond whole blocks), read straight from the string.
    const tails = Array.from({ length: 34 }, (_, n) => 'ü😀a\u2603b'.repeat(8).slice(0, n));
    for (const text of ['', 'a', 'héllo wörld', 'emoji 😀 and tabs\t', 'x'.repeat(1000), ...tails]) {
      const bytes = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        bytes[2 * i] = text.charCodeAt(i) & 0xff;
        bytes[2 * i + 1] = text.charCodeAt(i) >>> 8;
      }
      expect(murmur3String(text)).toEqual(murmur3x86_128(bytes));
    }
    expect(murmur3String('a')).not.toEqual(murmur3String('b'));
  });
});
