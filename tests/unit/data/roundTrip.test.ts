import { describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/core/data/csvParse';
import { suggestMapping } from '$lib/core/data/inferTypes';
import { applyDecisions, validateRecords } from '$lib/core/data/validation';
import { rowsToCsv } from '$lib/core/data/csvExport';
import { hashRows } from '$lib/core/data/hash';
import { stratifiedSplit } from '$lib/core/data/split';
import type { DataRow } from '$lib/core/data/dataset';
import { generateTickets } from '$lib/core/scenarios/tickets';

/** The import pipeline as the data worker runs it, with the suggested mapping and default decisions. */
async function importCsv(csv: string): Promise<DataRow[]> {
  const { collector } = await parseCsv(csv);
  const mapping = suggestMapping(collector.header!, collector.records);
  const report = validateRecords(collector.header!, collector.records, collector.malformed, mapping);
  return applyDecisions(report, collector.records, collector.malformed, {}).rows;
}

describe('export → import round trip', () => {
  it('re-imports an exported version, split included, to the same content hash', async () => {
    const tickets = generateTickets({ count: 300, seed: 'round-trip' });
    let rows: DataRow[] = tickets.map((t) => ({
      key: t.id,
      text: `${t.subject}\n\n${t.body}`,
      label: t.label,
      timestamp: t.createdAt,
      meta: { channel: t.channel, tier: t.tier },
    }));
    const splits = stratifiedSplit(rows, { seed: 's' });
    rows = rows.map((r, i) => ({ ...r, split: splits[i] }));
    // Hostile and awkward cells: a formula, a leading minus, quotes, a comma.
    rows[0] = { ...rows[0], text: '=HYPERLINK("http://evil.example","click")' };
    rows[1] = { ...rows[1], text: '-5 stars, "never again"' };
    rows[2] = { ...rows[2], meta: { ...rows[2].meta, channel: '@support' } };

    const csv = rowsToCsv(rows, ['channel', 'tier']);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const reimported = await importCsv(csv);
    expect(reimported).toHaveLength(rows.length);
    expect(reimported[0].text).toBe(rows[0].text);
    expect(reimported[2].meta.channel).toBe('@support');
    expect(reimported.map((r) => r.split)).toEqual(rows.map((r) => r.split));
    expect(hashRows(reimported)).toBe(hashRows(rows));
  });
});
