/**
 * Turns the tokenizer's chunked rows (`csvTokenizer.ts`, papaparse's reading) into records with
 * the line numbers a person sees in a text editor, and separates the records whose shape is
 * wrong — so nothing is dropped silently.
 *
 * The tokenizer reports rows, not lines: a quoted field may span several lines. A record starts on
 * the line after the previous record ends, so we count the line breaks inside its fields.
 */
import type { RawRecord } from './dataset';
import { unescapeFormulaCell } from './csvExport';

/**
 * A record whose field count differs from the header's, a quote left open, or a stray quote:
 * a quote inside a quoted field that is not doubled, after which the field ran on over a line
 * break and took in what should have been the next record(s).
 */
export interface MalformedRecord {
  line: number;
  fieldCount: number;
  expected: number;
  fields: string[];
  problem: 'too-few-fields' | 'too-many-fields' | 'unterminated-quote' | 'stray-quote';
}

/** A quote error of a row, as papaparse names them (the subset of its ParseError we use). */
export interface ChunkError {
  code: string;
  /** Row index within the chunk. */
  row?: number;
}

/** Counts line breaks in a field: CRLF and LF count once each, a lone CR once. */
export function lineBreaks(field: string): number {
  // Most fields have none: two native scans instead of a loop over every character.
  let n = 0;
  for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  for (let i = field.indexOf('\r'); i >= 0; i = field.indexOf('\r', i + 1)) if (field.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/**
 * A quote that is never closed: the parser reads everything after it, to the end of the file,
 * into one field, so the rest of the file is not read as rows.
 */
export interface UnclosedQuote {
  /** Line the quote opens on. */
  line: number;
  /** Lines after `line` read into the quoted field instead of as rows (all the rest of the file). */
  swallowedLines: number;
}

/**
 * Where the open quote of a record starting at `line` is: the parser puts the rest of the file
 * into the record's last field, so the quote opens after the line breaks of the fields before it.
 */
export function unclosedQuoteOf(line: number, fields: readonly string[]): UnclosedQuote {
  let opens = line;
  for (let i = 0; i < fields.length - 1; i++) opens += lineBreaks(fields[i]);
  const rest = fields.at(-1) ?? '';
  // A line break that ends the file ends the last line; it does not start another one.
  const swallowedLines = lineBreaks(rest) - (/(\r\n|\n|\r)$/.test(rest) ? 1 : 0);
  return { line: opens, swallowedLines };
}

/** The short form for the record's entry in the validation report. */
export function unclosedQuoteDetail({ line, swallowedLines }: UnclosedQuote): string {
  if (swallowedLines === 0) return `the quote opened on line ${line}, the file's last line, is never closed`;
  const after = swallowedLines === 1 ? 'the line after it is' : `the ${swallowedLines.toLocaleString('en-US')} lines after it are`;
  return `the quote opened on line ${line} is never closed: ${after} in this record, not read as rows`;
}

/** What is wrong with a malformed record, for its entry in the validation report. */
export function malformedDetail(m: Pick<MalformedRecord, 'line' | 'fields' | 'fieldCount' | 'expected'> & { problem?: MalformedRecord['problem'] }): string {
  if (m.problem === 'unterminated-quote') return unclosedQuoteDetail(unclosedQuoteOf(m.line, m.fields));
  if (m.problem === 'stray-quote') {
    let last = m.line;
    for (const f of m.fields) last += lineBreaks(f);
    return `lines ${m.line}–${last} were read as one record: a quote inside a quoted field is not doubled ("")`;
  }
  return `${m.fieldCount} fields, expected ${m.expected}`;
}

/** The person-facing explanation, the same in the validation report and on the import page. */
export function unclosedQuoteMessage({ line, swallowedLines }: UnclosedQuote): string {
  if (swallowedLines === 0) return `A quote opened on line ${line}, the file's last line, is never closed.`;
  const lines = swallowedLines === 1 ? `line ${line + 1}` : `lines ${line + 1}–${line + swallowedLines}`;
  return (
    `A quote opened on line ${line} is never closed, so the ${swallowedLines.toLocaleString('en-US')} ${swallowedLines === 1 ? 'line' : 'lines'} after it ` +
    `(${lines}, to the end of the file) were read into one field of that record: the rest of the file was not read as rows. ` +
    'Close the quote in the file (a quote inside a quoted text is written twice: "") and choose the file again.'
  );
}

export class CsvRecordCollector {
  header: string[] | null = null;
  /** 1-based line of the header row. */
  headerLine = 0;
  readonly records: RawRecord[] = [];
  readonly malformed: MalformedRecord[] = [];
  /** Blank lines seen (they hold no data and are skipped). */
  blankLines = 0;
  /** Set when a quote is never closed (then it is in the last record). */
  unclosedQuote: UnclosedQuote | null = null;
  /**
   * False while a chunk of the input is fed in batches and some are still to come: a reader
   * that guesses from "the first chunk's records" waits for them all, so the guess does not
   * depend on the batch size.
   */
  atChunkEnd = true;
  #line = 1;
  /** Well-formed records handed on and dropped (`releaseRecords`). */
  #released = 0;

  /** Feeds one chunk of rows (header included in the first). */
  addChunk(rows: string[][], errors: readonly ChunkError[] = []): void {
    const rowsWith = (code: string) => new Set(errors.filter((e) => e.code === code && e.row !== undefined).map((e) => e.row!));
    const unterminated = rowsWith('MissingQuotes');
    const strayQuotes = rowsWith('InvalidQuotes');
    for (let r = 0; r < rows.length; r++) {
      // Undo the formula-injection escaping our own exports apply (see csvExport.ts). Records are
      // drafted and released chunk by chunk, so the tokenizer's arrays are used as they are.
      const fields = rows[r];
      let breaks = 0;
      for (let f = 0; f < fields.length; f++) {
        // Only a cell that starts with ' can be an escaped formula: no regular expression for the rest.
        if (fields[f].charCodeAt(0) === 0x27) fields[f] = unescapeFormulaCell(fields[f]);
        breaks += lineBreaks(fields[f]);
      }
      const line = this.#line;
      this.#line += 1 + breaks;
      if (fields.length === 1 && fields[0] === '') {
        this.blankLines++;
        continue;
      }
      if (!this.header) {
        if (unterminated.has(r)) this.unclosedQuote = unclosedQuoteOf(line, fields);
        // A byte order mark survives when the text was decoded without BOM handling.
        this.header = fields.map((h, i) => h.replace(/^\ufeff/, '').trim() || `column_${i + 1}`);
        this.headerLine = line;
        continue;
      }
      const expected = this.header.length;
      if (unterminated.has(r)) {
        this.unclosedQuote = unclosedQuoteOf(line, fields);
        this.malformed.push({ line, fieldCount: fields.length, expected, fields: fields.slice(), problem: 'unterminated-quote' });
      } else if (strayQuotes.has(r) && breaks > 0) {
        // On one line a stray quote only keeps a quote in the text; over lines it swallowed records.
        this.malformed.push({ line, fieldCount: fields.length, expected, fields: fields.slice(), problem: 'stray-quote' });
      } else if (fields.length !== expected) {
        // A trailing delimiter on every line is common in exports: one extra empty field is fine.
        if (fields.length === expected + 1 && fields[expected] === '') {
          this.records.push({ line, fields: fields.slice(0, expected) });
          continue;
        }
        this.malformed.push({
          line,
          fieldCount: fields.length,
          expected,
          fields: fields.slice(),
          problem: fields.length < expected ? 'too-few-fields' : 'too-many-fields',
        });
      } else {
        this.records.push({ line, fields });
      }
    }
  }

  /** Records read so far, well-formed and malformed (released ones included). */
  get count(): number {
    return this.#released + this.records.length + this.malformed.length;
  }

  /** Drops the well-formed records read so far, once a reader has taken what it needs of them. */
  releaseRecords(): void {
    this.#released += this.records.length;
    this.records.length = 0;
  }
}

/** Header names must be unique to map columns: "a, a" becomes "a, a_2". */
export function uniqueHeader(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}
