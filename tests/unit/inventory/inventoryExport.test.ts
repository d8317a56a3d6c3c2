import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { inventoryRows } from '$lib/core/inventory/inventoryRow';
import { INVENTORY_CSV_COLUMNS, INVENTORY_DOCUMENT_KIND, inventoryCsv, inventoryJson } from '$lib/core/inventory/inventoryExport';
import { projectFacts, versionFacts } from './fixtures';

const rows = inventoryRows(
  [
    projectFacts({ projectName: 'Sales, "EU"\nteam', versions: [versionFacts({ modelName: '=HYPERLINK("http://x","y")' }, { aliases: ['champion', 'stable'] })] }),
    projectFacts({ projectId: 'p-2', projectName: '@risk', tier: 'limited', versions: [versionFacts({ modelVersionId: 'mv-2', modelName: '-minus', runId: 'run-b' })] }),
  ],
  0,
);

describe('inventoryCsv', () => {
  it('quotes commas, quotes and newlines (RFC 4180) and ends each record with CRLF', () => {
    const csv = inventoryCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(INVENTORY_CSV_COLUMNS.join(','));
    expect(csv).toContain('"Sales, ""EU""\nteam"');
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(3);
    const byName = Object.fromEntries(parsed.slice(1).map((r) => [r[1], Object.fromEntries(INVENTORY_CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
    expect(byName['p-1']).toMatchObject({ project: 'Sales, "EU"\nteam', version: '1', tier: 'not assessed', aliases: 'champion stable', serving: 'not deployed', blocked: 'no', open_waivers: '0', next_review: 'not scheduled' });
  });

  it('guards against formula injection: text cells starting with = + - @ get a leading apostrophe, numbers do not', () => {
    const parsed = Papa.parse<string[]>(inventoryCsv(rows), { newline: '\r\n', skipEmptyLines: true }).data;
    const first = parsed.find((r) => r[1] === 'p-1')!;
    const second = parsed.find((r) => r[1] === 'p-2')!;
    expect(first[2]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(second[0]).toBe("'@risk");
    expect(second[2]).toBe("'-minus");
    expect(second[3]).toBe('1');
  });
});

describe('inventoryJson', () => {
  it('is a versioned document carrying the rows as shown', () => {
    const doc = JSON.parse(inventoryJson(rows, '2026-04-01T00:00:00.000Z'));
    expect(doc).toMatchObject({ kind: INVENTORY_DOCUMENT_KIND, schemaVersion: 1, exportedAt: '2026-04-01T00:00:00.000Z' });
    expect(doc.data.rows).toEqual(JSON.parse(JSON.stringify(rows)));
  });
});
