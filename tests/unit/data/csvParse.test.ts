import { describe, expect, it } from 'vitest';
import { NotTextError, parseCsv } from '$lib/core/data/csvParse';
import { malformedDetail, unclosedQuoteMessage, unclosedQuoteOf, uniqueHeader } from '$lib/core/data/csvRecords';
import { validateRecords } from '$lib/core/data/validation';
import { createRng } from '$lib/core/random';
import { cp1252, utf16, utf8 } from './textBytes';

/** Parses with a tiny chunk size too, so every case also crosses chunk boundaries. */
async function both(csv: string) {
  const whole = await parseCsv(csv);
  const chunked = await parseCsv(csv, { chunkSize: 7 });
  expect(chunked.collector.records).toEqual(whole.collector.records);
  expect(chunked.collector.malformed).toEqual(whole.collector.malformed);
  expect(chunked.delimiter).toBe(whole.delimiter);
  return whole;
}

describe('parseCsv', () => {
  it('reads a header and records with their line numbers', async () => {
    const r = await both('id,text,label\n1,hello,A\n2,world,B\n');
    expect(r.collector.header).toEqual(['id', 'text', 'label']);
    expect(r.collector.records).toEqual([
      { line: 2, fields: ['1', 'hello', 'A'] },
      { line: 3, fields: ['2', 'world', 'B'] },
    ]);
    expect(r.collector.malformed).toEqual([]);
    expect(r.delimiter).toBe(',');
  });

  it('strips a UTF-8 byte order mark from the first header cell', async () => {
    const r = await both('\ufeffid,text\n1,a\n');
    expect(r.collector.header).toEqual(['id', 'text']);
  });

  it('handles CRLF and LF line endings alike', async () => {
    const crlf = await both('id,text\r\n1,a\r\n2,b\r\n');
    const lf = await both('id,text\n1,a\n2,b\n');
    expect(crlf.collector.records).toEqual(lf.collector.records);
  });

  it('keeps quoted fields with embedded newlines, delimiters and doubled quotes, and counts their lines', async () => {
    const csv = 'id,text,label\n1,"line one\nline two, with comma","A"\n2,"she said ""hi""",B\n3,"a\r\nb\r\nc",C\n4,end,D\n';
    const r = await both(csv);
    expect(r.collector.records).toEqual([
      { line: 2, fields: ['1', 'line one\nline two, with comma', 'A'] },
      { line: 4, fields: ['2', 'she said "hi"', 'B'] },
      { line: 5, fields: ['3', 'a\r\nb\r\nc', 'C'] },
      { line: 8, fields: ['4', 'end', 'D'] },
    ]);
  });

  it('reports ragged rows with their line numbers instead of dropping them', async () => {
    const r = await both('a,b,c\n1,2,3\n4,5\n6,7,8,9\n\n10,11,12\n');
    expect(r.collector.records.map((x) => x.line)).toEqual([2, 6]);
    expect(r.collector.malformed).toEqual([
      { line: 3, fieldCount: 2, expected: 3, fields: ['4', '5'], problem: 'too-few-fields' },
      { line: 4, fieldCount: 4, expected: 3, fields: ['6', '7', '8', '9'], problem: 'too-many-fields' },
    ]);
    expect(r.collector.blankLines).toBeGreaterThanOrEqual(1);
  });

  it('accepts one trailing empty field from a trailing delimiter', async () => {
    const r = await both('a,b\n1,2,\n');
    expect(r.collector.records).toEqual([{ line: 2, fields: ['1', '2'] }]);
  });

  it('reports an unterminated quote at the line where it opens', async () => {
    const r = await parseCsv('a,b\n1,"open\n2,x\n');
    expect(r.collector.records).toEqual([]);
    expect(r.collector.malformed).toHaveLength(1);
    expect(r.collector.malformed[0]).toMatchObject({ line: 2, problem: 'unterminated-quote' });
  });

  it('detects semicolon and tab delimiters', async () => {
    const semi = await both('id;text;label\n1;"a;b";X\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.collector.records[0].fields).toEqual(['1', 'a;b', 'X']);
    const tab = await both('id\ttext\tlabel\n1\thello, world\tX\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.collector.records[0].fields).toEqual(['1', 'hello, world', 'X']);
  });

  it('uses a delimiter the caller chooses', async () => {
    const r = await parseCsv('a;b\n1;2\n', { delimiter: ',' });
    expect(r.collector.header).toEqual(['a;b']);
  });

  it('can be stopped between chunks', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i},text ${i}`).join('\n');
    let chunks = 0;
    const r = await parseCsv(`id,text\n${rows}\n`, { chunkSize: 100, shouldAbort: () => ++chunks >= 3 });
    expect(r.aborted).toBe(true);
    expect(r.collector.records.length).toBeLessThan(500);
  });

  it('reports progress as records and characters', async () => {
    const seen: number[] = [];
    const csv = 'id,text\n' + Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n');
    await parseCsv(csv, { chunkSize: 64, onProgress: (p) => seen.push(p.bytes) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(csv.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('names blank and repeated header cells so every column can be mapped', async () => {
    const r = await parseCsv('text,,text\n1,2,3\n');
    expect(r.collector.header).toEqual(['text', 'column_2', 'text_2']);
    expect(uniqueHeader(['a', 'a', 'a'])).toEqual(['a', 'a_2', 'a_3']);
  });
});

describe('parseCsv on file bytes', () => {
  const blob = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes]);

  it('keeps 2-, 3- and 4-byte characters that straddle a chunk boundary whole', async () => {
    const texts = ['Crème brûlée', 'costs 5 € — ok', 'thumbs 👍 and 😀'];
    const csv = `id,text\n${texts.map((t, i) => `${i},${t}`).join('\n')}\n`;
    const bytes = utf8(csv);
    // Every chunk size up to 9 puts some boundary inside each multi-byte character.
    for (let chunkSize = 2; chunkSize <= 9; chunkSize++) {
      const r = await parseCsv(blob(bytes), { chunkSize });
      expect(r.collector.records.map((x) => x.fields[1])).toEqual(texts);
      expect(r.decoding).toMatchObject({ encoding: 'utf-8', replacements: 0 });
    }
  });

  it('reads a UTF-16 file (LE and BE, with a byte order mark) of more than two chunks to its last row', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},Grüße aus Köln ${i} 😀,B`);
    const csv = `id,text,label\r\n${rows.join('\r\n')}\r\n`;
    for (const order of ['le', 'be'] as const) {
      const bytes = utf16(csv, order);
      const chunkSize = 1000;
      expect(bytes.length).toBeGreaterThan(2 * chunkSize);
      const r = await parseCsv(blob(bytes), { chunkSize });
      expect(r.decoding).toMatchObject({ encoding: `utf-16${order}`, guess: { reason: 'bom' }, replacements: 0 });
      expect(r.collector.header).toEqual(['id', 'text', 'label']);
      expect(r.collector.records).toHaveLength(200);
      expect(r.collector.records.at(-1)).toEqual({ line: 201, fields: ['199', 'Grüße aus Köln 199 😀', 'B'] });
      expect(r.collector.malformed).toEqual([]);
    }
  });

  it('suggests and reads Windows-1252 when the file is not UTF-8, and reads it as the person chooses', async () => {
    const bytes = cp1252('id;text;label\n1;plain;A\n2;Crème brûlée à 5 €;B\n');
    const auto = await parseCsv(blob(bytes));
    expect(auto.decoding).toMatchObject({ encoding: 'windows-1252', guess: { encoding: 'windows-1252', notUtf8Line: 3 }, replacements: 0 });
    expect(auto.decoding!.previewLines).toEqual(['id;text;label', '1;plain;A', '2;Crème brûlée à 5 €;B']);
    expect(auto.collector.records[1].fields[1]).toBe('Crème brûlée à 5 €');

    const asUtf8 = await parseCsv(blob(bytes), { encoding: 'utf-8' });
    expect(asUtf8.decoding).toMatchObject({ encoding: 'utf-8', guess: { encoding: 'windows-1252' }, replacements: 5 });
    expect(asUtf8.collector.records[1].fields[1]).toBe('Cr\ufffdme br\ufffdl\ufffde \ufffd 5 \ufffd');
  });

  it('lets a stop in between chunks even when the stream of the file has them all queued already', async () => {
    const text = 'id,text\n' + Array.from({ length: 2_000 }, (_, i) => `${i},row ${i}`).join('\n');
    // A file whose stream is filled at once: its reads settle without a turn of the event loop.
    class QueuedBlob extends Blob {
      override slice(start?: number, end?: number): Blob {
        const part = super.slice(start, end);
        if (end !== undefined) return part;
        const stream = () => new ReadableStream<Uint8Array>({ start: async (c) => (c.enqueue(new Uint8Array(await part.arrayBuffer())), c.close()) });
        return { size: part.size, stream } as Blob;
      }
    }
    let stop = false;
    setTimeout(() => (stop = true), 0);
    const result = await parseCsv(new QueuedBlob([utf8(text)]), { chunkSize: 256, shouldAbort: () => stop });
    expect(result.aborted).toBe(true);
    expect(result.collector.count).toBeLessThan(2_000);
  });

  it('reports progress in bytes of the file', async () => {
    const bytes = utf8('id,text\n' + Array.from({ length: 50 }, (_, i) => `${i},é`).join('\n'));
    const seen: number[] = [];
    await parseCsv(blob(bytes), { chunkSize: 64, onProgress: (p) => seen.push(p.bytes) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('refuses random bytes and files with NUL bytes before parsing, saying why', async () => {
    const rng = createRng('not-a-csv');
    const random = Uint8Array.from({ length: 100_000 }, () => Math.floor(rng() * 256));
    await expect(parseCsv(blob(random))).rejects.toThrow(NotTextError);
    await expect(parseCsv(blob(random))).rejects.toThrow(/This file is not text: its first 64 KiB contain \d+ NUL characters/);
    const withNul = utf8('id,text\n1,a\u0000b\n');
    await expect(parseCsv(blob(withNul))).rejects.toThrow(/1 NUL characters/);
    // UTF-16 has a zero byte in every ASCII character, but no NUL character: it is text.
    await expect(parseCsv(blob(utf16('id,text\n1,a\n', 'le')))).resolves.toMatchObject({ decoding: { encoding: 'utf-16le' } });
  });
});

describe('an unclosed quote', () => {
  /** 1,000 lines: the header and 999 records; the record on line 3 opens a quote it never closes. */
  const lines = ['id,text,label', ...Array.from({ length: 999 }, (_, i) => (i === 1 ? `${i},"opens a quote,A` : `${i},text ${i},A`))];
  const csv = `${lines.join('\n')}\n`;

  it('says on which line the quote opened, how many lines it swallowed, and that they were not read as rows', async () => {
    for (const r of [await parseCsv(csv, { chunkSize: 500 }), await parseCsv(new Blob([csv]), { chunkSize: 500 })]) {
      expect(r.collector.records).toHaveLength(1);
      expect(r.collector.malformed).toHaveLength(1);
      expect(r.collector.unclosedQuote).toEqual({ line: 3, swallowedLines: 997 });
    }
    expect(unclosedQuoteMessage({ line: 3, swallowedLines: 997 })).toBe(
      'A quote opened on line 3 is never closed, so the 997 lines after it (lines 4–1000, to the end of the file) were read into one field of that record: ' +
        'the rest of the file was not read as rows. Close the quote in the file (a quote inside a quoted text is written twice: "") and choose the file again.',
    );
  });

  it('finds the opening line when an earlier field of the record spans lines', () => {
    expect(unclosedQuoteOf(5, ['1', 'two\nlines', 'open\nrest\nof file'])).toEqual({ line: 6, swallowedLines: 2 });
    expect(unclosedQuoteOf(5, ['1', 'open at the end\n'])).toEqual({ line: 5, swallowedLines: 0 });
  });

  it('reports a stray quote that ran two lines into one record, instead of losing the second silently', async () => {
    const r = await both('id,text,label\n1,"cover "loose" after storm,A\n2,"next",B\n3,ok,C\n');
    expect(r.collector.records).toEqual([{ line: 4, fields: ['3', 'ok', 'C'] }]);
    expect(r.collector.malformed).toMatchObject([{ line: 2, problem: 'stray-quote' }]);
    expect(malformedDetail(r.collector.malformed[0])).toBe('lines 2–3 were read as one record: a quote inside a quoted field is not doubled ("")');
    // On one line a stray quote only stays in the text: the record is kept.
    expect((await both('id,text\n1,"a "b" c"\n')).collector.records).toHaveLength(1);
  });

  it('is named in the validation report entry of the record', async () => {
    const r = await parseCsv(csv);
    const report = validateRecords(r.collector.header!, r.collector.records, r.collector.malformed, {
      textColumns: ['text'], labelColumn: 'label', timestampColumn: null, idColumn: 'id', metaTypes: {},
    });
    const fieldCount = report.categories.find((c) => c.category === 'field-count')!;
    expect(fieldCount.examples[0]).toMatchObject({
      line: 3,
      detail: 'the quote opened on line 3 is never closed: the 997 lines after it are in this record, not read as rows',
    });
  });
});
