import { describe, expect, it } from 'vitest';
import { hexOf } from '$lib/core/hex';

describe('hexOf', () => {
  it('writes each byte as two lowercase hex digits, leading zeros kept', () => {
    expect(hexOf(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(hexOf(new Uint8Array())).toBe('');
  });
});
