import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import {
  DATASET_DOCUMENT_KIND,
  csvField,
  escapeFormulaCell,
  metaColumnsOf,
  metaHeader,
  rowsToCsv,
  rowsToJson,
  toCsv,
  unescapeFormulaCell,
  type DatasetDocument,
} from '$lib/core/data/csvExport';
import type { ColumnMapping, DataRow } from '$lib/core/data/dataset';
import { applyDecisions, validateRecords } from '$lib/core/data/validation';
import { records } from './records';

/** Parses CSV like the importer: papaparse, then formula unescaping on every cell. */
function importCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data.map((row) => row.map(unescapeFormulaCell));
}

describe('toCsv: RFC 4180', () => {
  it('writes a header, CRLF after every record, and quotes only when needed', () => {
    expect(toCsv(['a', 'b'], [['x', 'y'], ['1, 2', 'say "hi"']])).toBe('a,b\r\nx,y\r\n"1, 2","say ""hi"""\r\n');
  });

  it('quotes fields with line breaks', () => {
    expect(toCsv(['t'], [['two\nlines'], ['cr\rhere'], ['crlf\r\nhere']])).toBe('t\r\n"two\nlines"\r\n"cr\rhere"\r\n"crlf\r\nhere"\r\n');
  });

  it('writes null as an empty field and numbers as numbers', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, 0, -3, 1.5], [1e21, NaN, Infinity, '']])).toBe('a,b,c,d\r\n,0,-3,1.5\r\n1e+21,,,\r\n');
  });
});

describe('formula-injection escaping', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['\rx', `"'\rx"`],
    ["'=x", "''=x"],
    ["''+x", "'''+x"],
  ])('escapes the string %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each(['a=b', "'hello", "it's", 'x-1', ' =not first', ''])('leaves %j alone', (input) => {
    expect(csvField(input)).toBe(input.includes(',') ? `"${input}"` : input);
  });

  it('never escapes numbers: -3 stays -3', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField('-3')).toBe("'-3");
  });

  it('unescapes exactly what was escaped', () => {
    const tricky = ['=1+1', '+1', '-1', '@x', '\tx', '\rx', "'=x", "''=x", "'x", "'", "''", 'plain', '', "'-", '-', '=', "it's"];
    for (const s of tricky) expect(unescapeFormulaCell(escapeFormulaCell(s)), JSON.stringify(s)).toBe(s);
    expect(unescapeFormulaCell("'hello")).toBe("'hello");
  });

  it('round-trips through papaparse', () => {
    const cells = ['=cmd|" /C calc"!A0', '-2+3', '@here', "'=x", 'multi\nline, "quoted"', '\ttabbed', '\r\nstarts with CRLF', "it's", ''];
    const csv = toCsv(['value', 'n'], cells.map((c, i) => [c, -i]));
    expect(importCsv(csv)).toEqual([['value', 'n'], ...cells.map((c, i) => [c, String(-i)])]);
  });
});

describe('rowsToCsv', () => {
  const rows: DataRow[] = [
    { key: 'T-1', text: 'Refund\n\nI was charged twice, again', label: 'Billing', timestamp: '2026-01-05T09:14:27.000Z', split: 'train', meta: { channel: 'email', amount: -12.5, split: 'x' } },
    { key: 'T-2', text: '=HYPERLINK("http://evil")', label: null, meta: { channel: null, amount: 3 } },
  ];

  it('writes key, text, label, timestamp, split, then metadata; renames colliding metadata columns', () => {
    expect(metaHeader(['channel', 'split', 'meta_split', 'key'])).toEqual(['channel', 'meta_split', 'meta_meta_split', 'meta_key']);
    const csv = rowsToCsv(rows, ['channel', 'amount', 'split']);
    expect(csv.split('\r\n')[0]).toBe('key,text,label,timestamp,split,channel,amount,meta_split');
    expect(importCsv(csv)).toEqual([
      ['key', 'text', 'label', 'timestamp', 'split', 'channel', 'amount', 'meta_split'],
      ['T-1', 'Refund\n\nI was charged twice, again', 'Billing', '2026-01-05T09:14:27.000Z', 'train', 'email', '-12.5', 'x'],
      ['T-2', '=HYPERLINK("http://evil")', '', '', '', '', '3', ''],
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('re-imports to the same rows through validation', () => {
    const csv = rowsToCsv(rows, ['channel', 'amount']);
    const [header, ...body] = importCsv(csv);
    const mapping: ColumnMapping = {
      textColumns: ['text'],
      labelColumn: 'label',
      timestampColumn: 'timestamp',
      idColumn: 'key',
      metaTypes: { channel: 'category', amount: 'number' },
    };
    const recs = records(body);
    const { rows: back } = applyDecisions(validateRecords(header, recs, [], mapping), recs, [], {});
    const expected = rows.map((r) => ({ ...r, split: undefined, meta: { channel: r.meta.channel, amount: r.meta.amount } }));
    expect(back.map((r) => ({ ...r, split: undefined }))).toEqual(expected);
  });
});

describe('metaColumnsOf', () => {
  it('lists every meta column once, in the order rows first show them', () => {
    const rows: Pick<DataRow, 'meta'>[] = [{ meta: { b: 1 } }, { meta: {} }, { meta: { a: 'x', b: 2 } }, { meta: { c: null, a: 'y' } }];
    expect(metaColumnsOf(rows)).toEqual(['b', 'a', 'c']);
    expect(metaColumnsOf([])).toEqual([]);
  });
});

describe('rowsToJson', () => {
  it('wraps rows in the versioned document', () => {
    const rows: DataRow[] = [{ key: 'a', text: 'hello', label: null, meta: { n: 1 } }];
    const json = rowsToJson(rows, { name: 'tickets', exportedAt: '2026-03-01T00:00:00.000Z', contentHash: 'abc', seed: 7 });
    const doc = JSON.parse(json) as DatasetDocument;
    expect(doc).toEqual({
      kind: DATASET_DOCUMENT_KIND,
      schemaVersion: 1,
      data: { name: 'tickets', exportedAt: '2026-03-01T00:00:00.000Z', contentHash: 'abc', seed: 7, rowCount: 1, rows },
    });
    expect(doc.kind).toBe('lifecycle-lab/dataset');
    expect(json).not.toContain('undefined');
  });
});
