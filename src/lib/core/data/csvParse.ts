/**
 * CSV parsing with papaparse, streamed in chunks so large files never sit in memory twice and
 * a caller can report progress and cancel between chunks. Runs in workers and in Node.
 */
import Papa from 'papaparse';
import { CsvRecordCollector, uniqueHeader } from './csvRecords';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvProgress {
  records: number;
  /** Characters consumed so far (≈ bytes for mostly-ASCII files). */
  cursor: number;
}

export interface CsvParseResult {
  collector: CsvRecordCollector;
  delimiter: Delimiter;
  aborted: boolean;
}

export interface CsvParseOptions {
  delimiter?: Delimiter | 'auto';
  /** Bytes per chunk read from a file (default 4 MB: fewer, larger chunks parse faster; progress still moves every few percent of a large file). */
  chunkSize?: number;
  onProgress?: (progress: CsvProgress) => void;
  /** Polled between chunks; return true to stop. */
  shouldAbort?: () => boolean;
}

/** Characters read ahead to detect the line break and delimiter once for the whole file. */
const SNIFF_CHARS = 64 * 1024;

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

async function readSample(input: Blob | string): Promise<string> {
  return typeof input === 'string' ? input.slice(0, SNIFF_CHARS) : input.slice(0, SNIFF_CHARS).text();
}

/** Parses a File/Blob (in a browser or worker) or a string. */
export async function parseCsv(input: Blob | string, options: CsvParseOptions = {}): Promise<CsvParseResult> {
  const collector = new CsvRecordCollector();
  const sniffed = sniffCsv(await readSample(input));
  const delimiter: Delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : sniffed.delimiter;
  return new Promise((resolve, reject) => {
    let aborted = false;
    const config: Papa.ParseLocalConfig<string[], Papa.LocalFile> = {
      header: false,
      skipEmptyLines: false,
      dynamicTyping: false,
      delimiter,
      newline: sniffed.newline,
      chunkSize: options.chunkSize ?? 4 * 1024 * 1024,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        collector.addChunk(results.data, results.errors);
        options.onProgress?.({ records: collector.count, cursor: results.meta.cursor });
        if (options.shouldAbort?.()) {
          aborted = true;
          parser.abort();
        }
      },
      complete() {
        if (collector.header) collector.header = uniqueHeader(collector.header);
        resolve({ collector, delimiter, aborted });
      },
      error(error: Error) {
        reject(error);
      },
    };
    // papaparse streams strings and files through the same chunked path.
    Papa.parse<string[]>(input as Papa.LocalFile, config);
  });
}
