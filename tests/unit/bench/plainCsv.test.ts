import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { splitCsv } from '../../../bench/browser/plainCsv';
import { warmUpCsv } from '$lib/core/data/warmUpCsv';

/** papaparse's records, without the empty record it reads after a final line break. */
function papa(text: string): string[][] {
  const data = Papa.parse<string[]>(text, { delimiter: ',' }).data;
  const last = data.at(-1);
  return last?.length === 1 && last[0] === '' ? data.slice(0, -1) : data;
}

describe('the plain import reads CSV as papaparse does', () => {
  it.each([
    ['plain lines', 'a,b,c\n1,2,3\n4,5,6\n'],
    ['no final line break', 'a,b\n1,2'],
    ['CRLF', 'a,b\r\n1,2\r\n'],
    ['quoted commas, line breaks and doubled quotes', 'id,text\n1,"one, two"\n2,"line\nbreak"\n3,"say ""hi"""\n4,""\n'],
    ['empty fields and a comma ending the text', 'a,b,c\n,,\n1,,3\nx,y,'],
    ['non-ASCII text', 'id,text\n1,café €5 😀\n2,"naïve, ok"\n'],
  ])('%s', (_name, text) => {
    expect(splitCsv(text)).toEqual(papa(text));
  });

  it('the synthetic messy file of the import rehearsal: every record and field', () => {
    const text = warmUpCsv(2_000);
    const records = splitCsv(text);
    expect(records.length).toBeGreaterThan(2_000);
    expect(records).toEqual(papa(text));
  });

  it('refuses a quote that never closes', () => {
    expect(() => splitCsv('a,b\n1,"open\n')).toThrow(/unclosed quote/);
  });
});
