/**
 * The inventory as files: CSV for spreadsheets and JSON for tools. Both carry the rows as shown
 * (filtered and sorted by the caller). The CSV goes through the project's one writer
 * (data/csvExport.ts): RFC 4180 quoting, CRLF records, and formula-injection guarding — a text
 * cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet shows it
 * as text (project and model names are typed by people; a name like `=HYPERLINK(…)` stays inert).
 */
import { toCsv, type CsvCell } from '$lib/core/data/csvExport';
import type { InventoryRow } from './inventoryRow';

export const INVENTORY_CSV_COLUMNS = [
  'project',
  'project_id',
  'model',
  'version',
  'model_version_id',
  'tier',
  'aliases',
  'serving',
  'gates',
  'blocked',
  'open_waivers',
  'nearest_waiver_expiry',
  'next_review',
  'next_review_date',
  'drift_report_at',
  'drifted_checks',
  'checks',
  'dataset_drift',
] as const;

const driftCells = (r: InventoryRow): CsvCell[] =>
  r.drift ? [r.drift.at, r.drift.drifted, r.drift.checks, r.drift.datasetDrift ? 'yes' : 'no'] : [null, null, null, null];

export function inventoryCsv(rows: readonly InventoryRow[]): string {
  return toCsv(
    [...INVENTORY_CSV_COLUMNS],
    rows.map((r) => [
      r.projectName,
      r.projectId,
      r.modelName,
      r.version,
      r.modelVersionId,
      r.tier,
      r.aliases.join(' '),
      r.servingText,
      r.gates.map((g) => `${g.name}: ${g.words}`).join('; '),
      r.blocked ? 'yes' : 'no',
      r.waivers.count,
      r.waivers.nearestExpiry,
      r.review.text,
      r.review.at,
      ...driftCells(r),
    ]),
  );
}

export const INVENTORY_DOCUMENT_KIND = 'lifecycle-lab.model-inventory';

/** `{ kind, schemaVersion, exportedAt, data: { rows } }`, two-space indented. */
export function inventoryJson(rows: readonly InventoryRow[], exportedAt: string): string {
  return `${JSON.stringify({ kind: INVENTORY_DOCUMENT_KIND, schemaVersion: 1, exportedAt, data: { rows } }, null, 2)}\n`;
}
