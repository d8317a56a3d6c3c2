/**
 * CSV parsing with papaparse, streamed in chunks so large files never sit in memory twice and
 * a caller can report progress and cancel between chunks. Runs in workers and in Node.
 *
 * A file is decoded here, as one stream (`textDecoding.ts`), and papaparse only sees text: its
 * own file reader decoded each slice separately, which broke characters at slice boundaries.
 * Before parsing, the start of the file picks the encoding (unless the caller names one), is
 * checked to be text (`binaryFile.ts`), and fixes the line break and delimiter.
 */
import Papa from 'papaparse';
import { CsvRecordCollector, uniqueHeader } from './csvRecords';
import { notTextReason } from './binaryFile';
import {
  SAMPLE_BYTES, countReplacements, decodeBlob, decodeSample, firstLines, guessEncoding,
  type DecodedChunk, type DecodingReport, type TextEncoding,
} from './textDecoding';

export type { DecodingReport } from './textDecoding';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvProgress {
  records: number;
  /** Characters parsed so far. */
  cursor: number;
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

/** A string cut into chunks, like a decoded file. */
async function* stringChunks(text: string, chunkSize: number): AsyncGenerator<DecodedChunk> {
  for (let from = 0; from < text.length; from += chunkSize) {
    const to = Math.min(from + chunkSize, text.length);
    yield { text: text.slice(from, to), bytesRead: to, last: to >= text.length };
  }
}

/** Where the text comes from: a decoded sample of its start, its decoding (null for a string) and its chunks. */
interface TextSource {
  sample: string;
  decoding: Omit<DecodingReport, 'replacements'> | null;
  chunks: AsyncGenerator<DecodedChunk>;
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
  return { sample, decoding: { encoding, guess, previewLines }, chunks: decodeBlob(blob, encoding, chunkSize) };
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

  const collector = new CsvRecordCollector();
  const config = { delimiter, newline: sniffed.newline, quoteChar: '"' };
  // What papaparse's own chunk streamer does: parse the unfinished last row again with the next chunk.
  let partial = '';
  let base = 0;
  let replacements = 0;
  let aborted = false;
  for await (const { text, bytesRead, last } of source.chunks) {
    replacements += countReplacements(text);
    const aggregate = partial + text;
    const results = new Papa.Parser(config).parse(aggregate, base, !last) as Papa.ParseResult<string[]>;
    if (!last) {
      partial = aggregate.substring(results.meta.cursor - base);
      base = results.meta.cursor;
    }
    collector.addChunk(results.data, results.errors);
    options.onChunk?.(collector);
    options.onProgress?.({ records: collector.count, cursor: results.meta.cursor, bytes: bytesRead });
    if (!last && options.shouldAbort?.()) {
      aborted = true;
      break;
    }
  }
  if (collector.header) collector.header = uniqueHeader(collector.header);
  return { collector, delimiter, aborted, decoding: source.decoding ? { ...source.decoding, replacements } : null };
}
