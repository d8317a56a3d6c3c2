/**
 * CSV parsing, streamed in chunks so large files never sit in memory twice and a caller can
 * report progress and cancel between chunks. Runs in workers and in Node.
 *
 * Rows are read from UTF-8 bytes by `csvTokenizer.ts` (papaparse's reading, with each row decoded
 * from its own bytes): a UTF-8 file as it is, a file in another encoding decoded here as one
 * stream (`textDecoding.ts`, so no character is broken at a chunk boundary) and encoded as UTF-8.
 * Before parsing, the start of the file picks the encoding (unless the caller names one), is
 * checked to be text (`binaryFile.ts`), and fixes the line break and delimiter (papaparse guesses
 * the delimiter from that sample).
 */
import Papa from 'papaparse';
import { CsvRecordCollector, uniqueHeader } from './csvRecords';
import { notTextReason } from './binaryFile';
import { tokenizeCsv } from './csvTokenizer';
import {
  SAMPLE_BYTES, bomEncoding, decodeBlob, decodeSample, firstLines, guessEncoding,
  type DecodingReport, type TextEncoding,
} from './textDecoding';

export type { DecodingReport } from './textDecoding';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvProgress {
  records: number;
  /** Bytes of the input read so far (characters for a string input). */
  bytes: number;
}

export interface CsvParseResult {
  collector: CsvRecordCollector;
  delimiter: Delimiter;
  aborted: boolean;
  /** Null when the input was already a string. */
  decoding: DecodingReport | null;
}

export interface CsvParseOptions {
  delimiter?: Delimiter | 'auto';
  /** The file's encoding; `auto` (default) guesses it from the first bytes. Ignored for strings. */
  encoding?: TextEncoding | 'auto';
  /** Bytes (characters for a string) per chunk (default 4 MB: fewer, larger chunks parse faster; progress still moves every few percent of a large file). */
  chunkSize?: number;
  onProgress?: (progress: CsvProgress) => void;
  /** Called after each chunk's records are collected (e.g. to check them while the rest is read). */
  onChunk?: (collector: CsvRecordCollector) => void;
  /** Polled between chunks; return true to stop. */
  shouldAbort?: () => boolean;
  /** Told how the input is read (delimiter, decoding without the replacements counted later) before its first row is. */
  onOpened?: (opened: { delimiter: Delimiter; decoding: Omit<DecodingReport, 'replacements'> | null }) => void;
}

/** Characters read ahead to detect the line break and delimiter once for the whole file. */
const SNIFF_CHARS = 64 * 1024;
const PREVIEW_LINES = 8;
const PREVIEW_LINE_CHARS = 160;
const DEFAULT_CHUNK = 4 * 1024 * 1024;

/** Refused input: the file is not text. The message says why and what to do. */
export class NotTextError extends Error {}

/**
 * The file's line break and delimiter, from its first lines. Decided once up front because
 * papaparse guesses per chunk, which goes wrong when a chunk boundary falls in the first line.
 */
export function sniffCsv(sample: string): { newline: '\r\n' | '\n' | '\r'; delimiter: Delimiter } {
  const lf = sample.indexOf('\n');
  const cr = sample.indexOf('\r');
  const newline = cr >= 0 && (lf < 0 || cr < lf) ? (sample[cr + 1] === '\n' ? '\r\n' : '\r') : '\n';
  const guess = Papa.parse<string[]>(sample, { preview: 50, newline, delimitersToGuess: [...DELIMITERS] });
  const delimiter = DELIMITERS.includes(guess.meta.delimiter as Delimiter) ? (guess.meta.delimiter as Delimiter) : ',';
  return { newline, delimiter };
}

/** Bytes of UTF-8 text to tokenize, and how far into the input they reach. */
interface ByteChunk {
  bytes: Uint8Array;
  /** Bytes of the input read so far (characters for a string input). */
  bytesRead: number;
  last: boolean;
}

const encoder = new TextEncoder();

/** A string as UTF-8 chunks of about `chunkSize` characters, never cutting a surrogate pair. */
async function* stringChunks(text: string, chunkSize: number): AsyncGenerator<ByteChunk> {
  for (let from = 0; from < text.length; ) {
    let to = Math.min(from + chunkSize, text.length);
    const c = text.charCodeAt(to - 1);
    if (to < text.length && c >= 0xd800 && c <= 0xdbff) to++;
    yield { bytes: encoder.encode(text.slice(from, to)), bytesRead: to, last: to >= text.length };
    from = to;
  }
}

/**
 * The bytes for the tokenizer, chunk by chunk, each chunk starting where the previous one's last
 * complete row ended (`consumed` bytes into it): the unfinished row is read again with more.
 */
type ByteReader = (consumed: number) => Promise<ByteChunk | null>;

/** Chunks that follow on from each other: the unfinished row's bytes are copied in front of the next chunk. */
function joinedReader(chunks: AsyncGenerator<ByteChunk>): ByteReader {
  let previous: Uint8Array | null = null;
  return async (consumed) => {
    const next = await chunks.next();
    if (next.done) return null;
    const rest = previous?.subarray(consumed);
    if (rest && rest.length > 0) {
      const bytes = new Uint8Array(rest.length + next.value.bytes.length);
      bytes.set(rest);
      bytes.set(next.value.bytes, rest.length);
      next.value.bytes = bytes;
    }
    previous = next.value.bytes;
    return next.value;
  };
}

/**
 * A UTF-8 file read as it is, after its byte order mark: each chunk is read from the file where
 * the last complete row ended, which saves copying 4 MB to put a row's start in front of it.
 * A row longer than a chunk is read again with twice the bytes.
 */
function utf8BlobReader(blob: Blob, skip: number, chunkSize: number): ByteReader {
  let start = skip;
  let length = 0;
  return async (consumed) => {
    if (length > 0) {
      if (start + length >= blob.size) return null;
      length = consumed === 0 ? length * 2 : chunkSize;
      start += consumed;
    } else length = chunkSize;
    const end = Math.min(start + length, blob.size);
    // Copied once: in Chromium, reading the buffer a Blob gives is slow at first touch and costs
    // about 5 µs per decoder call (24 MB in 8 KB pieces: 180 ms; copied first, 90 + 16 ms).
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer()).slice();
    return { bytes, bytesRead: end, last: end >= blob.size };
  };
}

/** A file in another encoding than UTF-8, decoded as one stream (`decodeBlob`) and encoded as UTF-8 (a fast native step). */
async function* transcodedChunks(blob: Blob, encoding: TextEncoding, chunkSize: number): AsyncGenerator<ByteChunk> {
  for await (const { text, bytesRead, last } of decodeBlob(blob, encoding, chunkSize)) yield { bytes: encoder.encode(text), bytesRead, last };
}

/** Where the text comes from: a decoded sample of its start, its decoding (null for a string) and its bytes. */
interface TextSource {
  sample: string;
  decoding: Omit<DecodingReport, 'replacements'> | null;
  read: ByteReader;
}

/** A Blob's text: its encoding (guessed unless chosen), checked to be text before anything is parsed. */
async function openBlob(blob: Blob, chosen: TextEncoding | 'auto', chunkSize: number): Promise<TextSource> {
  const bytes = new Uint8Array(await blob.slice(0, SAMPLE_BYTES).arrayBuffer());
  const complete = blob.size <= SAMPLE_BYTES;
  const guess = guessEncoding(bytes, complete);
  const encoding = chosen === 'auto' ? guess.encoding : chosen;
  const notText = notTextReason(decodeSample(bytes, guess.encoding, complete), bytes.length);
  if (notText) throw new NotTextError(notText);
  const sample = decodeSample(bytes, encoding, complete);
  const previewLines = firstLines(sample.replace(/^\ufeff/, ''), PREVIEW_LINES, PREVIEW_LINE_CHARS);
  const read = encoding === 'utf-8' ? utf8BlobReader(blob, bomEncoding(bytes) === 'utf-8' ? 3 : 0, chunkSize) : joinedReader(transcodedChunks(blob, encoding, chunkSize));
  return { sample, decoding: { encoding, guess, previewLines }, read };
}

/** Parses a File/Blob (in a browser, worker or Node) or a string. Throws `NotTextError` for a file that is not text. */
export async function parseCsv(input: Blob | string, options: CsvParseOptions = {}): Promise<CsvParseResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const source: TextSource =
    typeof input === 'string'
      ? { sample: input.slice(0, SNIFF_CHARS), decoding: null, read: joinedReader(stringChunks(input, chunkSize)) }
      : await openBlob(input, options.encoding ?? 'auto', chunkSize);
  const sniffed = sniffCsv(source.sample);
  const delimiter: Delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : sniffed.delimiter;
  options.onOpened?.({ delimiter, decoding: source.decoding });

  const collector = new CsvRecordCollector();
  let replacements = 0;
  let aborted = false;
  let bytesRead = 0;
  for (let pending = source.read(0); ; ) {
    const chunk = await pending;
    if (!chunk) break;
    const tokens = tokenizeCsv(chunk.bytes, delimiter, sniffed.newline, chunk.last);
    // The next chunk is read while this one's rows are collected and drafted. A read not waited
    // for (the loop stopped: cancelled, or a callback threw) must not fail unhandled.
    pending = chunk.last ? Promise.resolve(null) : source.read(tokens.consumed);
    pending.catch(() => undefined);
    bytesRead = Math.max(bytesRead, chunk.bytesRead);
    replacements += tokens.replacements;
    collector.addChunk(tokens.rows, tokens.errors);
    options.onChunk?.(collector);
    options.onProgress?.({ records: collector.count, bytes: bytesRead });
    if (!chunk.last && options.shouldAbort?.()) {
      aborted = true;
      break;
    }
  }
  if (collector.header) collector.header = uniqueHeader(collector.header);
  return { collector, delimiter, aborted, decoding: source.decoding ? { ...source.decoding, replacements } : null };
}
