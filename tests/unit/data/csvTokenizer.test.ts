/**
 * The byte tokenizer against papaparse 5.7 (what the import used before, and still uses to guess
 * the delimiter): the same rows, the same quote errors, and through the record collector the same
 * records, malformed records and line numbers, on messy inputs whole and cut into chunks.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { tokenizeCsv, type Newline } from '$lib/core/data/csvTokenizer';
import { CsvRecordCollector, uniqueHeader } from '$lib/core/data/csvRecords';
import { parseCsv, sniffCsv } from '$lib/core/data/csvParse';
import { createRng } from '$lib/core/random';
import { messyTicketsCsv, sensorCsv } from '../workers/messyCsv';
import { cp1252, utf16, utf8 } from './textBytes';

type Err = { code: string; row?: number };
const errorSet = (errors: readonly Err[], rows: number) => [...new Set(errors.filter((e) => e.row! < rows).map((e) => `${e.code}@${e.row}`))].sort();

/** papaparse on the whole text, as the import called it. */
function papaRows(text: string, delimiter: string, newline: Newline) {
  const r = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, false) as Papa.ParseResult<string[]>;
  return { rows: r.data, errors: errorSet(r.errors, r.data.length) };
}

/** The import's reading before the tokenizer: papaparse over text chunks, the unfinished row read again with the next. */
function papaCollector(text: string, chunkSize: number) {
  const { newline, delimiter } = sniffCsv(text.slice(0, 64 * 1024));
  const collector = new CsvRecordCollector();
  let partial = '';
  let base = 0;
  for (let from = 0; from < text.length; from += chunkSize) {
    const last = from + chunkSize >= text.length;
    const aggregate = partial + text.slice(from, from + chunkSize);
    const r = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(aggregate, base, !last) as Papa.ParseResult<string[]>;
    if (!last) {
      partial = aggregate.substring(r.meta.cursor - base);
      base = r.meta.cursor;
    }
    collector.addChunk(r.data, r.errors);
  }
  if (collector.header) collector.header = uniqueHeader(collector.header);
  return collector;
}

const shape = (c: CsvRecordCollector) => ({
  header: c.header, headerLine: c.headerLine, records: c.records, malformed: c.malformed, blankLines: c.blankLines, unclosedQuote: c.unclosedQuote,
});

/** Random text from the pieces that make CSV hard. */
function messyText(seed: string, pieces: number): string {
  const rng = createRng(seed);
  const parts = ['a', 'bc', ' ', '  ', '"', '"', '""', ',', ',', ';', '\t', '\r\n', '\n', '\r', '\n\n', 'é', '€', '😀', '\u00a0', '\ufeff', "'=1", 'x y'];
  let s = '';
  for (let i = 0; i < pieces; i++) s += parts[Math.floor(rng() * parts.length)];
  return s;
}

describe('tokenizeCsv', () => {
  it('reads rows and quote errors as papaparse does, on 3,000 random messy texts and every line break and delimiter', () => {
    for (let i = 0; i < 3000; i++) {
      const text = messyText(`tok-${i}`, 1 + (i % 60));
      for (const [delimiter, newline] of [[',', '\n'], [',', '\r\n'], [';', '\r'], ['\t', '\n']] as const) {
        const want = papaRows(text, delimiter, newline);
        const got = tokenizeCsv(utf8(text), delimiter, newline, true);
        expect({ text, rows: got.rows, errors: errorSet(got.errors, got.rows.length) }).toEqual({ text, ...want });
      }
    }
  });

  it('reads the named hard cases as papaparse does', () => {
    const cases = [
      'a,b\n"x ""y"" z",2\n', // doubled quotes
      'a,b\r\n"1\r\n2",3\r\n', // CRLF inside a quoted field
      'a,b\n1\r2,3\n', // a lone CR in an LF file is text
      'a,b\n"open,\n1,2\n', // a quote never closed
      'a,b\n"x" ,2\n"y"  \n', // spaces after a closing quote
      'a,b\n"x"\u00a0,2\n', // a no-break space after a closing quote
      'a,b\n"x"y,2\n3,4\n', // text after a closing quote: an invalid quote
      'a,b\nx"y,2\n', // a quote inside an unquoted field
      'a,b\n\n\n1,2\n', // empty lines
      'a,b\n1,2,3\n4\n', // ragged rows
      'a,b\n1,"2"', // a closing quote at the end of the input
      'a,b\n1,"2""', // a doubled quote at the end of the input
      '', '\n', '"', '""', ',', 'a',
    ];
    for (const text of cases) {
      const want = papaRows(text, ',', text.includes('\r\n') ? '\r\n' : '\n');
      const got = tokenizeCsv(utf8(text), ',', text.includes('\r\n') ? '\r\n' : '\n', true);
      expect({ text, rows: got.rows, errors: errorSet(got.errors, got.rows.length) }).toEqual({ text, ...want });
    }
  });

  it('leaves an unfinished last row for the next bytes, unless they are the last', () => {
    const bytes = utf8('a,b\n1,"two\nlines');
    const first = tokenizeCsv(bytes, ',', '\n', false);
    expect(first.rows).toEqual([['a', 'b']]);
    expect(first.consumed).toBe(4);
    expect(first.errors).toEqual([]);
    expect(tokenizeCsv(bytes.subarray(first.consumed), ',', '\n', true)).toMatchObject({ rows: [['1', 'two\nlines']], errors: [{ code: 'MissingQuotes', row: 0 }] });
  });

  it('keeps plain rows one byte per character and counts bytes that are not UTF-8', () => {
    const r = tokenizeCsv(Uint8Array.of(0x61, 0x2c, 0xff, 0x0a, 0x62, 0x2c, 0xe2, 0x82, 0x0a), ',', '\n', true);
    expect(r.rows).toEqual([['a', '\ufffd'], ['b', '\ufffd'], ['']]);
    expect(r.replacements).toBe(2);
  });
});

describe('parseCsv against the papaparse reading', () => {
  const files: [string, string][] = [
    ['messy tickets (CRLF, multi-line quoted fields, ragged rows, blank lines)', messyTicketsCsv(400)],
    ['a semicolon sensor log (LF, quoted multi-line fields, no final line break)', sensorCsv(300)],
    ['a tab-separated file with a stray quote and an unclosed one', 'k\tv\n1\t"a "b" c"\n2\t"x\ny"z\n3\tok\n4\t"never closed\n5\tgone\n'],
    ['a byte order mark, empty lines and a trailing delimiter', '\ufeffid,text,\n1,a,\n\n2,"b\r\nc",\n'],
    ['lone CRs in a CRLF file', 'id,text\r\n1,a\rb\r\n2,"c\rd"\r\n'],
    ...Array.from({ length: 40 }, (_, i): [string, string] => [`random messy text ${i}`, `h1,h2,h3\n${messyText(`file-${i}`, 400)}`]),
  ];

  it('gives the same header, records, malformed records and line numbers, whole and in chunks', async () => {
    for (const [name, text] of files) {
      const want = shape(papaCollector(text, 1 << 20));
      for (const chunkSize of [5, 64, 1 << 20]) {
        expect({ name, chunkSize, ...shape((await parseCsv(text, { chunkSize })).collector) }).toEqual({ name, chunkSize, ...want });
        const fromBytes = await parseCsv(new Blob([utf8(text)]), { chunkSize, encoding: 'utf-8' });
        // A file's byte order mark is the decoder's to drop; papaparse saw it in the first cell.
        expect({ name, chunkSize, ...shape(fromBytes.collector) }).toEqual({ name, chunkSize, ...want });
      }
    }
  }, 30_000); // thousands of tiny reads: seconds on a loaded machine

  it('reads Windows-1252 and UTF-16 files to the same records as their UTF-8 text', async () => {
    const text = 'id;text;label\r\n1;"Crème brûlée à 5 €\r\nzweite Zeile";A\r\n2;plain;B\r\n';
    const want = shape(papaCollector(text, 1 << 20));
    for (const bytes of [cp1252(text), utf16(text, 'le'), utf16(text, 'be')]) {
      for (const chunkSize of [3, 7, 1 << 20]) expect(shape((await parseCsv(new Blob([bytes]), { chunkSize })).collector)).toEqual(want);
    }
  });
});
