import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parseCsv } from '$lib/core/data/csvParse';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import { ISSUE_CATEGORIES } from '$lib/core/data/issues';
import { warmUpCsv } from '$lib/core/data/warmUpCsv';
import { rehearseImport } from '$lib/core/data/importRehearsal';

const dates = plausibleDateRange(1990, '2026-12-04T00:00:00.000Z');

describe('the synthetic file an import is rehearsed on', () => {
  it('is the same CSV for papaparse, and holds what real files hold: every issue category, quoted line breaks, non-ASCII text', async () => {
    const text = warmUpCsv(5000);
    expect(warmUpCsv(5000)).toBe(text);
    const papa = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true });
    expect(papa.data).toHaveLength(5001);
    expect(papa.data.some((r) => r[2]?.includes('\r\n'))).toBe(true);
    expect(papa.data.some((r) => /[\u0100-\uffff]/.test(r[2] ?? ''))).toBe(true);
    expect(papa.data.some((r) => /\p{Extended_Pictographic}/u.test(r[2] ?? ''))).toBe(true);

    const streamed = new StreamedValidation(dates);
    const { collector } = await parseCsv(new Blob([text]), { onChunk: (c) => streamed.follow(c) });
    expect(collector.count).toBe(5000);
    const report = streamed.reportFor(collector.count, streamed.mapping!, dates)!;
    const found = new Set(report.categories.filter((c) => c.count > 0).map((c) => c.category));
    expect(ISSUE_CATEGORIES.filter((c) => !found.has(c))).toEqual([]);
  });
});

describe('rehearseImport', () => {
  it('reads, checks and applies the defaults to every synthetic record', async () => {
    expect(await rehearseImport(dates, () => false, 3000)).toEqual({ records: 3000, complete: true });
  });

  it('stops at the next chunk once told to, incomplete', async () => {
    let asked = 0;
    const rehearsal = await rehearseImport(dates, () => ++asked > 1, 5000);
    expect(rehearsal.complete).toBe(false);
    expect(rehearsal.records).toBeGreaterThan(0);
    expect(rehearsal.records).toBeLessThan(5000);
  });
});
