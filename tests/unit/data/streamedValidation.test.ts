import { describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/core/data/csvParse';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import { suggestMapping } from '$lib/core/data/inferTypes';
import { validateRecords } from '$lib/core/data/validation';
import { messyTicketsCsv, sensorCsv } from '../workers/messyCsv';
import { cp1252, utf16, utf8 } from './textBytes';

const dates = plausibleDateRange(1990, '2026-12-04T00:00:00.000Z');
const latin1 = (text: string) => [...text].map((c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join('');

/** Parses in small chunks, checking records as they are read; returns both reports. */
async function bothReports(bytes: Uint8Array<ArrayBuffer>, chunkSize: number) {
  const streamed = new StreamedValidation(dates);
  let chunks = 0;
  const { collector: released } = await parseCsv(new Blob([bytes]), { chunkSize, onChunk: (c) => (chunks++, streamed.follow(c)) });
  const mapping = streamed.mapping!;
  // The same file read whole, its records kept: the check of all of them at once.
  const { collector } = await parseCsv(new Blob([bytes]), { chunkSize });
  const whole = validateRecords(collector.header!, collector.records, collector.malformed, mapping, { plausibleDates: dates });
  return { chunked: streamed.reportFor(released.count, mapping, dates), whole, chunks, collector, released };
}

describe('validation while a file is read', () => {
  it.each([
    ['messy tickets, UTF-8', utf8(messyTicketsCsv(600))],
    ['messy tickets, Windows-1252', cp1252(latin1(messyTicketsCsv(600)))],
    ['messy tickets, UTF-16LE', utf16(messyTicketsCsv(300), 'le')],
    ['a sensor log (not about tickets)', utf8(sensorCsv(500))],
  ])('gives the report a check of the whole file gives: %s', async (_, bytes) => {
    const { chunked, whole, chunks } = await bothReports(bytes, 997);
    expect(chunks).toBeGreaterThan(10);
    expect(chunked).toEqual(whole);
  });

  it('keeps the line numbers of malformed records, bad values and duplicates across chunks', async () => {
    const { chunked, collector } = await bothReports(utf8(messyTicketsCsv(600)), 500);
    const lines = (category: string) => chunked!.categories.find((c) => c.category === category)!.lines;
    expect(lines('field-count')).toEqual(collector.malformed.map((m) => m.line));
    expect(lines('field-count').length).toBeGreaterThan(5);
    // A record's line is where it starts in the file (its body may run over two more lines).
    const text = messyTicketsCsv(600).split(/\r\n|\n|\r/);
    const record = (line: number) => text.slice(line - 1, line + 2).join('\n');
    for (const line of lines('bad-date').slice(-5)) expect(record(line)).toMatch(/^\d*,.*(not a date|01\/02\/2026)/s);
    for (const line of lines('implausible-date').slice(-5)) expect(record(line)).toMatch(/^\d*,.*(0001-01-01|9999-12-31|1850-06-01)/s);
    expect(lines('exact-duplicate').length).toBeGreaterThan(5);
  });

  it('is not used for another mapping, other dates or a file not read to the end', async () => {
    const bytes = utf8(messyTicketsCsv(200));
    const other = async (check: (s: StreamedValidation, c: Awaited<ReturnType<typeof parseCsv>>['collector']) => unknown) => {
      const streamed = new StreamedValidation(dates);
      const { collector } = await parseCsv(new Blob([bytes]), { chunkSize: 997, onChunk: (c) => streamed.follow(c) });
      return check(streamed, collector);
    };
    expect(await other((s, c) => s.reportFor(c.count, { ...s.mapping!, labelColumn: null }, dates))).toBeNull();
    expect(await other((s, c) => s.reportFor(c.count, s.mapping!, plausibleDateRange(2000, '2026-12-04T00:00:00.000Z')))).toBeNull();
    expect(await other((s, c) => s.reportFor(c.count, { ...s.mapping!, metaTypes: { ...s.mapping!.metaTypes, amount: 'category' } }, dates))).toBeNull();
    expect(await other((s, c) => s.reportFor(c.count + 1, s.mapping!, dates))).toBeNull();
    // And it answers once: a second check validates the drafts again.
    expect(await other((s, c) => [s.reportFor(c.count, s.mapping!, dates) !== null, s.reportFor(c.count, s.mapping!, dates)])).toEqual([true, null]);
  });

  it('keeps drafts, not the parsed records, and drafts under a mapping it is given', async () => {
    const bytes = utf8(messyTicketsCsv(200));
    const suggested = new StreamedValidation(null);
    const { collector } = await parseCsv(new Blob([bytes]), { chunkSize: 997, onChunk: (c) => suggested.follow(c) });
    expect(collector.records).toEqual([]);
    expect(suggested.drafts.length).toBe(collector.count);
    expect(suggested.drafts.map((d) => d.line)).toEqual([...suggested.drafts.map((d) => d.line)].sort((a, b) => a - b));
    expect(suggested.preview.length).toBe(5);
    const mapping = { ...suggested.mapping!, labelColumn: null };
    const given = new StreamedValidation(dates, mapping);
    await parseCsv(new Blob([bytes]), { chunkSize: 997, onChunk: (c) => given.follow(c) });
    expect(given.follows(mapping) && !given.follows(suggested.mapping!)).toBe(true);
    expect(given.drafts.every((d) => d.label === '')).toBe(true);
    expect(given.reportFor(collector.count, mapping, dates)!.categories.find((c) => c.category === 'missing-label')!.count).toBe(0);
  });

  it('suggests the mapping from the whole first chunk, though a chunk is handed on in batches', async () => {
    // A `seen` column of dates for the first ~300 KB, then "n/a": a guess from the first batch
    // alone would take it as the timestamp; the chunk's records as a whole do not.
    const lines = ['id,note,seen'];
    for (let i = 0; i < 12_000; i++) {
      const seen = i < 6_000 ? `2026-01-${String((i % 28) + 1).padStart(2, '0')}` : 'n/a';
      lines.push(`${i},${'a fairly ordinary note '.repeat(2)}${i},${seen}`);
    }
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(512 * 1024);
    const streamed = new StreamedValidation(null);
    let batches = 0;
    const { collector } = await parseCsv(new Blob([utf8(text)]), { onChunk: (c) => (batches++, streamed.follow(c)) });
    expect(batches).toBeGreaterThan(1);
    const whole = await parseCsv(text);
    expect(streamed.mapping).toEqual(suggestMapping(whole.collector.header!, whole.collector.records));
    expect(streamed.mapping!.timestampColumn).toBeNull();
    expect(streamed.drafts.length).toBe(collector.count);
    expect(streamed.preview.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });
});
