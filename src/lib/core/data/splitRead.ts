/**
 * A big UTF-8 file read on two threads, giving exactly what one thread gives. The first part is
 * read as always; a second reader reads from a cut near the middle to the end meanwhile, making
 * what needs no earlier record (rows tokenized and collected, drafts, text fingerprints, row
 * digests under the keys the rows most likely get); when the first part is read, its reader takes
 * the second part's batches in (`takingIn`) and does what needs file order (ids and texts seen
 * before, label counts, row keys, the dataset state).
 *
 * The cut is a guess: the first line break at or after the middle. Quotes may span lines, and a
 * stray quote inside an unquoted field is text, so quote parity cannot tell whether it is a row
 * start. The first part's read verifies it: only when its tokenizer ends exactly at the cut, with
 * no unfinished row carried over, is the cut a row start of the whole file's reading (the
 * tokenizer reads each row from its start alone); otherwise the second part is dropped and the
 * first reader reads on. Line numbers: the second reader guesses the line the cut starts on by
 * counting line breaks before it; the first reader knows it when it gets there and moves every
 * line of the second part by the difference. A row key made from a line (`row-<line>`) or an id
 * the first part had already is then another key than the second reader's: its row is hashed
 * again (`OutcomeAsRead.follow` takes a digest only under the key it was made with).
 */
import type { ColumnMapping } from './dataset';
import { parseCsv, type Delimiter } from './csvParse';
import type { CsvRecordCollector, MalformedRecord, UnclosedQuote } from './csvRecords';
import { rowAsRead, rowKey } from './applyDecisions';
import { rowDigestInto } from './hash';
import type { RecordDraft } from './recordDrafts';
import { packDrafts, unpackDrafts, type PackedDrafts } from './draftPacking';
import { PREVIEW_RECORDS, StreamedValidation } from './streamedValidation';
import { fingerprintText, type RowTextFingerprint } from './textGroups';

/** Bytes the line-break count before the cut reads at once. */
const COUNT_BYTES = 4 * 1024 * 1024;
/** Bytes after the middle searched for a line break. */
const SEARCH_BYTES = 64 * 1024;

/** What the second reader needs: where to start, and how the first part reads. */
export interface SecondPartTask {
  /** Byte offset of the cut (the guessed start of a row). */
  cut: number;
  /** Bytes before the first line (a byte order mark). */
  skip: number;
  /** The header as read (before names are made unique), and the mapping the drafts follow. */
  header: string[];
  mapping: ColumnMapping;
  delimiter: Delimiter;
}

/** Records of the second part, in line order, with what was made of them there. */
export interface SecondPartBatch {
  /** Their drafts (lines as guessed by the second reader), packed to cross threads cheaply. */
  drafts: PackedDrafts;
  /** Per draft, its text's `fingerprintText`: length, h1, h2. */
  fingerprints: Int32Array<ArrayBuffer>;
  /** The key each row got there (`rowKey` over the second part's rows alone), by draft index where it is not the draft's id. */
  otherKeys: [number, string][];
  /** Per draft, `rowDigestInto` of `rowAsRead(draft, key)`: 4 words. */
  digests: Uint32Array<ArrayBuffer>;
}

/** What the second part read besides its records. */
export interface SecondPartEnd {
  /** The line the second reader guessed the cut starts on. */
  firstLine: number;
  /** Lines it read. */
  lines: number;
  blankLines: number;
  /** A quote never closed (its line as guessed). */
  unclosedQuote: UnclosedQuote | null;
  /** U+FFFD characters in its rows. */
  replacements: number;
}

/**
 * The second reader's task once the first reader knows the columns (its header as read, the
 * mapping its drafts follow, and the preview's records all from the first part); null before.
 */
export function secondPartTask(collector: CsvRecordCollector, streamed: StreamedValidation, cut: number, skip: number, delimiter: Delimiter): SecondPartTask | null {
  const mapping = streamed.mapping;
  if (!collector.header || !mapping || streamed.preview.length < PREVIEW_RECORDS) return null;
  return { cut, skip, header: collector.header.slice(), mapping, delimiter };
}

/**
 * Where to cut a UTF-8 file of `size` bytes whose first `skip` bytes are a byte order mark: after
 * the first line break at or after the middle, and after the first `minFirst` bytes (the first
 * chunk, from which the columns are suggested, stays whole); null when there is none near.
 * `read(from, to)` gives the file's bytes.
 */
export async function findCut(size: number, skip: number, minFirst: number, read: (from: number, to: number) => Promise<Uint8Array>): Promise<number | null> {
  const from = Math.max(Math.floor(size / 2), skip + minFirst);
  if (from >= size) return null;
  const bytes = await read(from, Math.min(size, from + SEARCH_BYTES));
  // LF ends a row in LF and CRLF files; a file with neither has CR alone.
  let at = bytes.indexOf(0x0a);
  if (at < 0) at = bytes.indexOf(0x0d);
  const cut = at < 0 ? -1 : from + at + 1;
  return cut > 0 && cut < size ? cut : null;
}

/**
 * The line the row at `cut` starts on, guessed from the line breaks before it as the record
 * collector counts them (`lineBreaks`: CRLF once, LF once, a lone CR once). Wrong only in odd
 * files (a CR before the LF that ends a row of an LF file), and then only slower.
 */
export async function lineAt(skip: number, cut: number, read: (from: number, to: number) => Promise<Uint8Array>): Promise<number> {
  let line = 1;
  let crBefore = false;
  for (let from = skip; from < cut; from += COUNT_BYTES) {
    const bytes = await read(from, Math.min(cut, from + COUNT_BYTES));
    // A CR at the end of the previous piece counts unless this one starts with its LF.
    if (crBefore && bytes[0] !== 0x0a) line++;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) line++;
    for (let i = bytes.indexOf(0x0d); i >= 0; i = bytes.indexOf(0x0d, i + 1)) if (i + 1 < bytes.length && bytes[i + 1] !== 0x0a) line++;
    crBefore = bytes[bytes.length - 1] === 0x0d;
  }
  return crBefore ? line + 1 : line;
}

/** A Blob's bytes [from, to). */
export const blobBytes = (blob: Blob) => async (from: number, to: number) => new Uint8Array(await blob.slice(from, to).arrayBuffer());

/** What is made of the second part's drafts there; `keys` holds the keys handed out so far. */
export function secondPartBatch(drafts: RecordDraft[], keys: Set<string>): SecondPartBatch {
  const n = drafts.length;
  const fingerprints = new Int32Array(3 * n);
  const digests = new Uint32Array(4 * n);
  const otherKeys: [number, string][] = [];
  const fp: RowTextFingerprint = { length: 0, h1: 0, h2: 0 };
  const taken = (key: string) => keys.has(key);
  for (let i = 0; i < n; i++) {
    const draft = drafts[i];
    fingerprintText(draft.text, fp);
    fingerprints[3 * i] = fp.length;
    fingerprints[3 * i + 1] = fp.h1;
    fingerprints[3 * i + 2] = fp.h2;
    const key = rowKey(draft.id, draft.line, taken, taken);
    keys.add(key);
    if (key !== draft.id) otherKeys.push([i, key]);
    rowDigestInto(rowAsRead(draft, key), digests, 4 * i);
  }
  return { drafts: packDrafts(drafts), fingerprints, otherKeys, digests };
}

/**
 * Reads `file` from the cut to its end as the second part: hands on its records in batches as
 * they are read (`onBatch`), and answers the rest. `onProgress` is told the bytes read.
 */
export async function readSecondPart(
  file: Blob,
  task: SecondPartTask,
  onBatch: (batch: SecondPartBatch) => void,
  onProgress: (bytes: number, records: number) => void = () => undefined,
): Promise<SecondPartEnd> {
  const firstLine = await lineAt(task.skip, task.cut, blobBytes(file));
  const streamed = new StreamedValidation(null, task.mapping);
  const keys = new Set<string>();
  const result = await parseCsv(file, {
    delimiter: task.delimiter,
    resume: { start: task.cut, header: task.header, line: firstLine },
    onChunk: (collector) => {
      streamed.follow(collector);
      const drafts = streamed.takeDrafts();
      if (drafts.length) onBatch(secondPartBatch(drafts, keys));
    },
    onProgress: (p) => onProgress(p.bytes, p.records),
  });
  const { collector } = result;
  return { firstLine, lines: collector.nextLine - firstLine, blankLines: collector.blankLines, unclosedQuote: collector.unclosedQuote, replacements: result.decoding?.replacements ?? 0 };
}

/**
 * Takes the second part's batches in after the first part's last record (the read stopped at the
 * cut, `parseCsv`'s `pauseAt`): renumbers their lines to the first reader's count, checks them
 * and makes their rows in order (`StreamedValidation.absorb`), and adds them to `collector`'s
 * counts. Yields the records taken in so far, after each batch.
 */
export function* takingIn(collector: CsvRecordCollector, streamed: StreamedValidation, batches: Iterable<SecondPartBatch>, end: SecondPartEnd): Generator<number, void> {
  const shift = collector.nextLine - end.firstLine;
  let records = 0;
  for (const batch of batches) {
    const drafts = unpackDrafts(batch.drafts);
    const keys = drafts.map((d) => d.id);
    for (const [i, key] of batch.otherKeys) keys[i] = key;
    const malformed = batch.drafts.malformed.map(([, m]) => m as MalformedRecord);
    // Shifts the malformed records' lines too (a draft holds its malformed record).
    streamed.absorb(drafts, { fingerprints: batch.fingerprints, keys, digests: batch.digests }, shift, malformed.length);
    collector.takeIn({ records: drafts.length - malformed.length, malformed, blankLines: 0, unclosedQuote: null, lines: 0 });
    records += drafts.length;
    yield records;
  }
  const unclosedQuote = end.unclosedQuote && { ...end.unclosedQuote, line: end.unclosedQuote.line + shift };
  collector.takeIn({ records: 0, malformed: [], blankLines: end.blankLines, unclosedQuote, lines: end.lines });
}
