/**
 * Bytes → text for imported files: which encoding a file is in, and decoding it as ONE stream.
 *
 * Why one stream: a file read in slices that are each decoded on their own (papaparse's
 * `readAsText` per 4 MiB slice did this) breaks a multi-byte character that straddles a slice
 * boundary into U+FFFD, and loses a UTF-16 file after its first slice (only that slice has
 * the byte order mark). One `TextDecoder` with `stream: true` carries the unfinished bytes
 * of a slice over to the next.
 *
 * The encoding: a byte order mark decides; without one, UTF-16 shows as NUL bytes on every
 * other position; otherwise UTF-8 if the sample is valid UTF-8, else the legacy encoding whose
 * decoding has the fewest replacement and C1 control characters (ties: catalogue order, so
 * Windows-1252, the usual "ANSI" of spreadsheet exports, wins).
 */
import { lineBreaks } from './csvRecords';

/** The encodings a person can choose on the import page (WHATWG labels, all decodable by `TextDecoder`). */
export const TEXT_ENCODINGS = [
  { id: 'utf-8', title: 'UTF-8' },
  { id: 'utf-16le', title: 'UTF-16, little-endian' },
  { id: 'utf-16be', title: 'UTF-16, big-endian' },
  { id: 'windows-1252', title: 'Windows-1252 (Western European, Latin-1)' },
  { id: 'iso-8859-15', title: 'ISO-8859-15 (Latin-9, with €)' },
  { id: 'windows-1250', title: 'Windows-1250 (Central European)' },
  { id: 'windows-1251', title: 'Windows-1251 (Cyrillic)' },
  { id: 'macintosh', title: 'Mac OS Roman' },
  { id: 'shift_jis', title: 'Shift_JIS (Japanese)' },
  { id: 'gb18030', title: 'GB18030 (Chinese)' },
] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number]['id'];

/** Tried, in this order, when a file without a byte order mark is not valid UTF-8. */
const LEGACY_CANDIDATES: readonly TextEncoding[] = ['windows-1252', 'shift_jis', 'gb18030', 'windows-1250', 'windows-1251', 'iso-8859-15', 'macintosh'];

export function encodingTitle(encoding: TextEncoding): string {
  return TEXT_ENCODINGS.find((e) => e.id === encoding)?.title ?? encoding;
}

/** Bytes read from the start of a file to guess its encoding and check that it is text. */
export const SAMPLE_BYTES = 64 * 1024;

export interface EncodingGuess {
  encoding: TextEncoding;
  /**
   * - `bom`: the byte order mark says so;
   * - `utf-16-pattern`: no mark, but NUL bytes on every other position (ASCII text in UTF-16);
   * - `valid-utf-8`: the sample is valid UTF-8 (plain ASCII is too);
   * - `fewest-errors`: not UTF-8; this candidate decodes with the fewest replacement characters.
   */
  reason: 'bom' | 'utf-16-pattern' | 'valid-utf-8' | 'fewest-errors';
  /** `fewest-errors` only: the 1-based line of the sample's first byte sequence that is not UTF-8. */
  notUtf8Line?: number;
}

/** How a file's bytes became text. */
export interface DecodingReport {
  /** The encoding the file was read in. */
  encoding: TextEncoding;
  /** What the start of the file suggests (`encoding` differs when the person chose another). */
  guess: EncodingGuess;
  /** U+FFFD characters in the whole decoded text: bytes that mean nothing in `encoding`. */
  replacements: number;
  /** The first lines of the decoded text, for a person to judge the encoding by eye. */
  previewLines: string[];
}

/** What the import page says about the decoding, in one sentence or three. */
export function describeDecoding(d: DecodingReport): string {
  const used = encodingTitle(d.encoding);
  const suggested = encodingTitle(d.guess.encoding);
  const why: Record<EncodingGuess['reason'], string> = {
    bom: 'the file starts with its byte order mark',
    'utf-16-pattern': 'every other byte is zero, as in UTF-16 text without a byte order mark',
    'valid-utf-8': 'the start of the file is valid UTF-8',
    'fewest-errors': `the file is not UTF-8 (line ${d.guess.notUtf8Line ?? 1} has bytes UTF-8 does not allow), and this encoding reads its start without errors`,
  };
  const parts =
    d.encoding === d.guess.encoding
      ? [`Read as ${used}: ${why[d.guess.reason]}.`]
      : [`Read as ${used}, as you chose. The start of the file suggests ${suggested}: ${why[d.guess.reason]}.`];
  if (d.replacements > 0) {
    parts.push(`${d.replacements.toLocaleString('en-US')} ${d.replacements === 1 ? 'character' : 'characters'} could not be decoded in ${used} and show as �.`);
  }
  if (d.guess.reason === 'fewest-errors' || d.replacements > 0 || d.encoding !== d.guess.encoding) {
    parts.push('Check the first lines below: if letters look wrong, choose the encoding the file was saved in.');
  }
  return parts.join(' ');
}

/** The encoding named by a byte order mark at the start of `bytes`, if any. */
export function bomEncoding(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a mark: ASCII characters put a NUL on every odd (LE) or even (BE) byte. */
function utf16Pattern(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Characters that betray a wrong decoding: U+FFFD, and C1 controls (bytes a code page leaves undefined). */
export function countSuspectChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c <= 0x9f)) n++;
  }
  return n;
}

/** U+FFFD characters in `text`: bytes the decoder could not map. */
export function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * Windows-1252 bytes 0x80–0x9F as the Encoding Standard maps them (0x81, 0x8D, 0x8F, 0x90 and
 * 0x9D stay C1 controls). Node ≥ 20.18.3 decodes "windows-1252" as Latin-1, leaving these bytes
 * as U+0080–U+009F (nodejs/node#60888); browsers are right. Repairing the output keeps Node
 * (tests, benchmarks) and browsers alike.
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
let latin1Cp1252: boolean | undefined;

/** A streaming decoder for `encoding`, repairing a platform's Latin-1 reading of Windows-1252. */
function createDecoder(encoding: TextEncoding): (bytes: Uint8Array, stream: boolean) => string {
  const decoder = new TextDecoder(encoding);
  latin1Cp1252 ??= new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) !== '€';
  if (encoding !== 'windows-1252' || !latin1Cp1252) return (bytes, stream) => decoder.decode(bytes, { stream });
  return (bytes, stream) => decoder.decode(bytes, { stream }).replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]);
}

/**
 * Decodes a sample from the start of a file. `complete` says the sample is the whole file;
 * otherwise a character cut at the sample's end is left out instead of becoming U+FFFD.
 */
export function decodeSample(sample: Uint8Array, encoding: TextEncoding, complete: boolean): string {
  return createDecoder(encoding)(sample, !complete);
}

/** The encoding to read a file in, from a sample of its first bytes (`complete`: the sample is the whole file). */
export function guessEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  const bom = bomEncoding(sample);
  if (bom) return { encoding: bom, reason: 'bom' };
  const utf16 = utf16Pattern(sample);
  if (utf16) return { encoding: utf16, reason: 'utf-16-pattern' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return { encoding: 'utf-8', reason: 'valid-utf-8' };
  } catch {
    // Not UTF-8: fall through to the legacy candidates.
  }
  const asUtf8 = decodeSample(sample, 'utf-8', complete);
  const notUtf8Line = 1 + lineBreaks(asUtf8.slice(0, asUtf8.indexOf('\ufffd')));
  let best: { encoding: TextEncoding; suspects: number } | null = null;
  for (const encoding of LEGACY_CANDIDATES) {
    const suspects = countSuspectChars(decodeSample(sample, encoding, complete));
    if (!best || suspects < best.suspects) best = { encoding, suspects };
    if (suspects === 0) break;
  }
  return { encoding: best!.encoding, reason: 'fewest-errors', notUtf8Line };
}

/** The first `max` lines of `text`, each cut to `maxChars` characters (for a preview). */
export function firstLines(text: string, max: number, maxChars: number): string[] {
  const lines = text.split(/\r\n|\n|\r/, max + 1);
  // A line break that ends the text starts no further line.
  if (lines.length <= max && lines.at(-1) === '') lines.pop();
  return lines.slice(0, max).map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
}

export interface DecodedChunk {
  text: string;
  /** Bytes of the file read so far, this chunk included. */
  bytesRead: number;
  /** This is the file's last chunk. */
  last: boolean;
}

/**
 * Decodes a Blob as one stream in chunks of `chunkBytes`: the decoder keeps a character cut at
 * a chunk's end for the next chunk, and the byte order mark of the encoding is dropped once,
 * at the start. The next chunk is read while the caller works on the current one.
 */
export async function* decodeBlob(blob: Blob, encoding: TextEncoding, chunkBytes: number): AsyncGenerator<DecodedChunk> {
  const decode = createDecoder(encoding);
  const read = (from: number) => blob.slice(from, Math.min(from + chunkBytes, blob.size)).arrayBuffer();
  let offset = 0;
  let pending: Promise<ArrayBuffer> | null = blob.size > 0 ? read(0) : null;
  while (pending) {
    const bytes = await pending;
    offset = Math.min(offset + chunkBytes, blob.size);
    const last = offset >= blob.size;
    pending = last ? null : read(offset);
    yield { text: decode(new Uint8Array(bytes), !last), bytesRead: offset, last };
  }
}
