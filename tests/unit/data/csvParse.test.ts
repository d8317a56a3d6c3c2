import { describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/core/data/csvParse';
import { uniqueHeader } from '$lib/core/data/csvRecords';

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
    await parseCsv(csv, { chunkSize: 64, onProgress: (p) => seen.push(p.cursor) });
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
