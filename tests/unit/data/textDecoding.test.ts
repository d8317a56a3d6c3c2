import { describe, expect, it } from 'vitest';
import {
  bomEncoding, decodeBlob, decodeSample, describeDecoding, firstLines, guessEncoding, type DecodingReport,
} from '$lib/core/data/textDecoding';
import { cp1252, utf16, utf8 } from './textBytes';

async function decodeAll(bytes: Uint8Array<ArrayBuffer>, encoding: Parameters<typeof decodeBlob>[1], chunk: number) {
  const parts: string[] = [];
  for await (const c of decodeBlob(new Blob([bytes]), encoding, chunk)) parts.push(c.text);
  return parts;
}

describe('bomEncoding', () => {
  it('names UTF-8, UTF-16 LE and UTF-16 BE from their byte order marks, and nothing without one', () => {
    expect(bomEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('utf-8');
    expect(bomEncoding(Uint8Array.of(0xff, 0xfe, 0x61, 0))).toBe('utf-16le');
    expect(bomEncoding(Uint8Array.of(0xfe, 0xff, 0, 0x61))).toBe('utf-16be');
    expect(bomEncoding(utf8('id,text'))).toBeNull();
  });
});

describe('guessEncoding', () => {
  it('keeps UTF-8 when the sample is valid UTF-8, even if a character is cut at the sample end', () => {
    expect(guessEncoding(utf8('id,text\n1,café €\n'), true)).toEqual({ encoding: 'utf-8', reason: 'valid-utf-8' });
    const cut = utf8('id,text\n1,€').slice(0, -1);
    expect(guessEncoding(cut, false).encoding).toBe('utf-8');
  });

  it('suggests Windows-1252 for bytes that are not UTF-8 and names the first line that is not', () => {
    const bytes = cp1252('id,text\n1,plain\n2,Crème brûlée à 5 €\n');
    expect(guessEncoding(bytes, true)).toEqual({ encoding: 'windows-1252', reason: 'fewest-errors', notUtf8Line: 3 });
  });

  it('prefers the candidate without replacement or control characters (Shift_JIS text)', () => {
    // "日本語" in Shift_JIS: 0x93FA 0x967B 0x8CEA; as Windows-1252 these give C1 controls or odd letters.
    const bytes = Uint8Array.from([...utf8('id,text\n1,'), 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x81, 0x41, 0x0a]);
    expect(guessEncoding(bytes, true).encoding).toBe('shift_jis');
  });

  it('recognises UTF-16 without a byte order mark by its zero bytes', () => {
    expect(guessEncoding(utf16('id,text\n1,hello\n', 'le', false), true)).toEqual({ encoding: 'utf-16le', reason: 'utf-16-pattern' });
    expect(guessEncoding(utf16('id,text\n1,hello\n', 'be', false), true)).toEqual({ encoding: 'utf-16be', reason: 'utf-16-pattern' });
  });

  it('reads Windows-1252 punctuation and the euro sign as the Encoding Standard maps them', () => {
    expect(decodeSample(Uint8Array.of(0x80, 0x92, 0x93, 0x94, 0x81, 0xe9), 'windows-1252', true)).toBe('€’“”\u0081é');
  });

  it('trusts a byte order mark first', () => {
    expect(guessEncoding(utf16('a', 'be'), true)).toEqual({ encoding: 'utf-16be', reason: 'bom' });
  });
});

describe('decodeBlob', () => {
  // é is 2 bytes in UTF-8, € 3, 😀 4: cut the stream at every byte inside each.
  for (const [name, char] of [['2-byte é', 'é'], ['3-byte €', '€'], ['4-byte 😀', '😀']] as const) {
    it(`keeps a ${name} whole whichever of its bytes a chunk boundary falls after`, async () => {
      const text = `ab${char}cd${char}`;
      const bytes = utf8(text);
      for (let chunk = 1; chunk <= bytes.length; chunk++) {
        expect((await decodeAll(bytes, 'utf-8', chunk)).join('')).toBe(text);
      }
    });
  }

  it('reads a UTF-16 file of many chunks to its end, dropping the byte order mark once', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `${i},Grüße ${i} 😀`).join('\n');
    for (const order of ['le', 'be'] as const) {
      const parts = await decodeAll(utf16(text, order), order === 'le' ? 'utf-16le' : 'utf-16be', 33);
      expect(parts.length).toBeGreaterThan(2);
      expect(parts.join('')).toBe(text);
    }
  });

  it('says how far it has read and marks the last chunk', async () => {
    const seen: [number, boolean][] = [];
    for await (const c of decodeBlob(new Blob([utf8('0123456789')]), 'utf-8', 4)) seen.push([c.bytesRead, c.last]);
    expect(seen).toEqual([[4, false], [8, false], [10, true]]);
  });

  it('turns bytes cut at the end of the file into one replacement character', async () => {
    expect((await decodeAll(utf8('a€').slice(0, 3), 'utf-8', 2)).join('')).toBe('a\ufffd');
  });
});

describe('describeDecoding', () => {
  const report = (over: Partial<DecodingReport>): DecodingReport => ({
    encoding: 'windows-1252',
    guess: { encoding: 'windows-1252', reason: 'fewest-errors', notUtf8Line: 3 },
    replacements: 0,
    previewLines: [],
    ...over,
  });

  it('says why an encoding was suggested and asks to check the preview when it is a guess', () => {
    expect(describeDecoding(report({}))).toBe(
      'Read as Windows-1252 (Western European, Latin-1): the file is not UTF-8 (line 3 has bytes UTF-8 does not allow), and this encoding reads its start without errors. ' +
        'Check the first lines below: if letters look wrong, choose the encoding the file was saved in.',
    );
  });

  it('says when the person chose another encoding and how many characters could not be decoded', () => {
    const text = describeDecoding(report({ encoding: 'utf-8', replacements: 2 }));
    expect(text).toContain('Read as UTF-8, as you chose. The start of the file suggests Windows-1252');
    expect(text).toContain('2 characters could not be decoded in UTF-8 and show as �.');
  });
});

describe('firstLines', () => {
  it('returns whole lines only, each cut to a length', () => {
    expect(firstLines('a\r\nbb\ncc', 2, 10)).toEqual(['a', 'bb']);
    expect(firstLines('abcdef\nx', 5, 4)).toEqual(['abc…', 'x']);
  });
});
