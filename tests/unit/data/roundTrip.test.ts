import { describe, expect, it } from 'vitest';
import { rowsToCsv } from '$lib/core/data/csvExport';
import { hashRows } from '$lib/core/data/hash';
import { stratifiedSplit } from '$lib/core/data/split';
import type { DataRow } from '$lib/core/data/dataset';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, loadDatasetState } from '$lib/db/datasets';
import { ImportJob } from '$lib/workers/importJob';
import { DatasetStates } from '$lib/workers/datasetStates';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { freshDbsPerTest } from '../db/testDb';
import { testContext } from '../workers/rpcContext';

const open = freshDbsPerTest();

/**
 * The data worker's import job on a fresh database: parse, check with the suggested mapping and
 * the default date range, commit with the default choices; the stored version's rows.
 */
async function importCsv(csv: string): Promise<DataRow[]> {
  const db = open();
  const project = await createProject(db, { name: 'Round trip' });
  const job = new ImportJob(db);
  const parsed = await job.parse({ type: 'parse', file: new Blob([csv]), fileName: 'export.csv', delimiter: 'auto', encoding: 'auto' }, testContext());
  await job.validate({ type: 'validate', mapping: parsed.suggested, dates: { earliestYear: 1990, now: '2026-12-04T00:00:00.000Z' } });
  const { version } = await job.commit({ type: 'commit', projectId: project.id, decisions: {}, message: '' }, testContext());
  const state = await loadDatasetState(db, version.id);
  expect(version.contentHash).toBe(state.contentHash);
  return state.rows;
}

/** Stores rows as a version, exports it as CSV through the data worker's export handler, then imports that. */
async function roundTrip(rows: DataRow[]): Promise<DataRow[]> {
  const db = open();
  const project = await createProject(db, { name: 'Export' });
  const version = await createDatasetVersion(db, { projectId: project.id, source: { name: 'rows' }, message: 'rows', schema: [], rows });
  const exported = await explorationHandlers(db, new DatasetStates(db)).export(
    { type: 'export', versionId: version.id, format: 'csv', name: 'Sensor Readings', exportedAt: '2026-12-04T00:00:00.000Z' },
    testContext(),
  );
  expect(exported.fileName).toBe('sensor-readings-v1.csv');
  return importCsv(exported.text);
}

/** Sensor readings (not tickets) with metadata of every type, some awkward on purpose. */
function readings(count: number): DataRow[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `r-${i + 1}`,
    text: `Reading ${i + 1}: sensor ${i % 7} reports ${(20 + (i % 13) / 10).toFixed(1)} degrees${i % 11 === 0 ? ', check the fan' : ''}`,
    label: i % 5 === 0 ? null : i % 3 === 0 ? 'alarm' : 'normal',
    timestamp: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
    meta: {
      site: ['north', 'south', 'east'][i % 3], // category
      reading: i % 9 === 0 ? null : 20 + (i % 13) / 10 - 5, // number, some blank, some negative
      calibrated: i % 4 === 0 ? null : new Date(Date.UTC(2024, i % 12, 1 + (i % 28))).toISOString(), // date
      note: i % 6 === 0 ? `free text note number ${i}, "quoted"` : null, // text
      // Named like roles the guesser looks for: they must stay metadata.
      subject: `topic ${i}`,
      created_at: `${2020 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}`,
      category: ['A', 'B'][i % 2],
      // Strings that look like numbers or dates to a guesser, but are not written like ours.
      zip: ['02134', '10115', '75001'][i % 3],
      price: ['12.50', '1,200', '3'][i % 3],
    },
  }));
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

  it.each([
    ['every timestamp empty', (r: DataRow) => ({ ...r, timestamp: undefined })],
    ['some timestamps empty', (r: DataRow, i: number) => (i % 4 === 1 ? { ...r, timestamp: undefined } : r)],
    ['every row unlabelled', (r: DataRow) => ({ ...r, label: null })],
    ['no metadata and no timestamps', (r: DataRow) => ({ ...r, meta: {}, timestamp: undefined })],
  ])('re-imports sensor readings with %s to the same content hash', async (_, change) => {
    const rows = readings(120).map(change).map(({ timestamp, ...r }) => (timestamp === undefined ? r : { ...r, timestamp }));
    const back = await roundTrip(rows);
    expect(back).toEqual(rows);
    expect(hashRows(back)).toBe(hashRows(rows));
  });

  it('re-imports split, partly split and unsplit readings to the same content hash', async () => {
    const rows = readings(90);
    const splits = stratifiedSplit(rows, { seed: 'sensors' });
    // A time split that left undated rows out: some rows have no split.
    const split = rows.map((r, i) => (i % 10 === 0 ? r : { ...r, split: splits[i] }));
    const back = await roundTrip(split);
    expect(back.map((r) => r.split)).toEqual(split.map((r) => r.split));
    expect(hashRows(back)).toBe(hashRows(split));
  });
});
