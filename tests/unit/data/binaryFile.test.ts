import { describe, expect, it } from 'vitest';
import { binaryEvidence, notTextReason } from '$lib/core/data/binaryFile';

describe('notTextReason', () => {
  it('accepts text with tabs, line breaks and a form feed', () => {
    expect(notTextReason('id\ttext\r\n1\tplain text\f\n2\tCrème brûlée 😀\n', 100)).toBeNull();
  });

  it('refuses any NUL character and says how many', () => {
    expect(notTextReason('id,text\n1,a\u0000\u0000b\n', 20)).toBe(
      'This file is not text: its first 20 bytes contain 2 NUL characters (zero bytes), which text files never have. ' +
        'It may be a spreadsheet workbook, an archive or an image: save the data as CSV (text) and choose that file.',
    );
  });

  it('refuses a high share of control characters, C1 and DEL included', () => {
    const sample = 'ab\u0001\u0002\u0003\u007f\u0085cdefghijklmnopqrs'; // 5 of 24
    expect(binaryEvidence(sample)).toEqual({ nul: 0, controls: 5, chars: 24 });
    expect(notTextReason(sample, 64 * 1024)).toMatch(/^This file is not text: 21 % of the characters in its first 64 KiB are control characters\./);
    // One escape sequence in a long text is not "a high share".
    expect(notTextReason(`${'log line '.repeat(20)}\u001b[31mred\u001b[0m`, 200)).toBeNull();
  });
});
