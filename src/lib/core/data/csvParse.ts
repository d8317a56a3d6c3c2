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
import { nextTurn } from '../eventLoop';
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
  /**
   * Called after each batch of records is collected (e.g. to check them while the rest is read):
   * chunks are read in batches of about BATCH_BYTES, and `collector.atChunkEnd` says when the
   * records so far are those of whole chunks.
   */
  onChunk?: (collector: CsvRecordCollector) => void;
  /** Polled between chunks, each time after a turn of the event loop; return true to stop. */
  shouldAbort?: () => boolean;
  /** Told how the input is read (delimiter, decoding without the replacements counted later) before its first row is. */
  onOpened?: (opened: { delimiter: Delimiter; decoding: Omit<DecodingReport, 'replacements'> | null }) => void;
}

/** Characters read ahead to detect the line break and delimiter once for the whole file. */
const SNIFF_CHARS = 64 * 1024;
const PREVIEW_LINES = 8;
const PREVIEW_LINE_CHARS = 160;
const DEFAULT_CHUNK = 4 * 1024 * 1024;
/**
 * Bytes of a chunk tokenized, collected and handed on at once. A batch's rows are all alive until
 * they are drafted, and every young-generation collection meanwhile copies them: at 4 MB a batch,
 * tokenizing, collecting and drafting the 100k-row file took about twice the CPU time.
 */
const BATCH_BYTES = 256 * 1024;

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
 * A UTF-8 file as it is, after its byte order mark, as its stream gives it, in pieces of at most
 * `chunkSize` bytes. A stream, not slices: in Chromium each slice's `arrayBuffer()` is a new
 * buffer, slow at first touch, and copying it out (to join it to the unfinished row) cost as much
 * again; the stream's pieces are copied into one reused buffer (`PendingBytes`). The import
 * bench's 24 MB read (parse, drafts, check, rows as read): median 1.74 s with 4 MB slices, 1.55 s
 * streamed (seven rounds each, alternated).
 */
async function* utf8Chunks(blob: Blob, skip: number, chunkSize: number): AsyncGenerator<ByteChunk> {
  const reader = blob.slice(skip).stream().getReader();
  let bytesRead = skip;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const piece = next.value;
      for (let from = 0; from < piece.length; from += chunkSize) {
        const bytes = piece.subarray(from, from + chunkSize);
        bytesRead += bytes.length;
        yield { bytes, bytesRead, last: bytesRead >= blob.size };
      }
    }
    // Browsers refuse to read a file changed since it was chosen; one that still ends short is refused here.
    if (bytesRead < blob.size) throw new DOMException(`The file ended after ${bytesRead} of its ${blob.size} bytes.`, 'NotReadableError');
  } finally {
    // Stopped early (cancelled, or a callback threw): the browser stops reading the file.
    void reader.cancel().catch(() => undefined);
  }
}

/** A file in another encoding than UTF-8, decoded as one stream (`decodeBlob`) and encoded as UTF-8 (a fast native step). */
async function* transcodedChunks(blob: Blob, encoding: TextEncoding, chunkSize: number): AsyncGenerator<ByteChunk> {
  for await (const { text, bytesRead, last } of decodeBlob(blob, encoding, chunkSize)) yield { bytes: encoder.encode(text), bytesRead, last };
}

/**
 * Bytes read and not yet tokenized into rows, in one buffer reused for the whole file: the
 * unfinished row at its start, the bytes read since after it. It grows only for a row longer than
 * what it holds (an unclosed quote can take the rest of the file).
 */
class PendingBytes {
  #buffer: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.#buffer = new Uint8Array(capacity);
  }

  append(bytes: Uint8Array): void {
    const needed = this.length + bytes.length;
    if (needed > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * this.#buffer.length));
      grown.set(this.#buffer.subarray(0, this.length));
      this.#buffer = grown;
    }
    this.#buffer.set(bytes, this.length);
    this.length = needed;
  }

  /** The bytes held, valid until the next append or drop. */
  view(): Uint8Array {
    return this.#buffer.subarray(0, this.length);
  }

  /** Forgets the first `n` bytes (rows tokenized), keeping the rest at the start. */
  drop(n: number): void {
    this.#buffer.copyWithin(0, n, this.length);
    this.length -= n;
  }
}

/** Where the text comes from: a decoded sample of its start, its decoding (null for a string) and its bytes. */
interface TextSource {
  sample: string;
  decoding: Omit<DecodingReport, 'replacements'> | null;
  chunks: AsyncGenerator<ByteChunk>;
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
  const chunks = encoding === 'utf-8' ? utf8Chunks(blob, bomEncoding(bytes) === 'utf-8' ? 3 : 0, chunkSize) : transcodedChunks(blob, encoding, chunkSize);
  return { sample, decoding: { encoding, guess, previewLines }, chunks };
}

/** Parses a File/Blob (in a browser, worker or Node) or a string. Throws `NotTextError` for a file that is not text. */
export async function parseCsv(input: Blob | string, options: CsvParseOptions = {}): Promise<CsvParseResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const source: TextSource =
    typeof input === 'string'
      ? { sample: input.slice(0, SNIFF_CHARS), decoding: null, chunks: stringChunks(input, chunkSize) }
      : await openBlob(input, options.encoding ?? 'auto', chunkSize);
  const sniffed = sniffCsv(source.sample);
  const delimiter: Delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : sniffed.delimiter;
  options.onOpened?.({ delimiter, decoding: source.decoding });

  const collector = new CsvRecordCollector();
  let replacements = 0;
  let aborted = false;
  const pending = new PendingBytes(chunkSize + (chunkSize >> 2));
  /** Bytes to hold before tokenizing: a chunk, or twice what is held when a row did not end in it (so a very long row, an unclosed quote, is not read again per chunk). */
  let gather = chunkSize;
  /** Tokenizes the complete rows held, a batch at a time; `last`: the input ended, the final row too. */
  const tokenizeHeld = (last: boolean) => {
    const bytes = pending.view();
    // A row longer than a batch takes the rest of what is held.
    let consumed = 0;
    for (let end = Math.min(bytes.length, BATCH_BYTES); ; ) {
      const final = last && end === bytes.length;
      const tokens = tokenizeCsv(bytes.subarray(consumed, end), delimiter, sniffed.newline, final);
      if (tokens.consumed === 0 && !final && end < bytes.length) {
        end = bytes.length;
        continue;
      }
      consumed += tokens.consumed;
      replacements += tokens.replacements;
      collector.addChunk(tokens.rows, tokens.errors);
      collector.atChunkEnd = end === bytes.length;
      options.onChunk?.(collector);
      if (end === bytes.length) break;
      end = Math.min(bytes.length, consumed + BATCH_BYTES);
    }
    // The unfinished row is read again with the bytes that follow.
    pending.drop(consumed);
    gather = consumed === 0 ? 2 * bytes.length : chunkSize;
  };
  /** Bytes taken in since progress was last told and a stop looked for: both about once a chunk, even while a long row is gathered. */
  let unreported = 0;
  for await (const chunk of source.chunks) {
    pending.append(chunk.bytes);
    unreported += chunk.bytes.length;
    const tokenize = chunk.last || pending.length >= gather;
    if (tokenize) tokenizeHeld(chunk.last);
    if (!tokenize && unreported < chunkSize) continue;
    unreported = 0;
    options.onProgress?.({ records: collector.count, bytes: chunk.bytesRead });
    if (!chunk.last && options.shouldAbort) {
      // A turn of the event loop first, so the message that stops the read gets in: a stream's
      // pieces already queued come without one.
      await nextTurn();
      if (options.shouldAbort()) {
        aborted = true;
        break;
      }
    }
  }
  if (collector.header) collector.header = uniqueHeader(collector.header);
  return { collector, delimiter, aborted, decoding: source.decoding ? { ...source.decoding, replacements } : null };
}
