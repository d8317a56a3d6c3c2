/**
 * Drift reports as the snapshot's generic report items `{ id, createdAt, kind, title, document }`.
 * A stored drift report is one item of kind 'drift-report' whose document holds the stored fields
 * (a text drift report keeps its whole report in `details`), and only that kind is imported back.
 */
import { isJsonObject, toJsonValue, type JsonObject } from './json';
import type { SnapshotReport } from './document';
import { readTextDriftHeadline, windowTitle } from '../drift/text/textDriftReport';

export const DRIFT_REPORT_KIND = 'drift-report';

/** The stored fields of a drift report besides its id, project and time. */
export interface DriftReportFields {
  referenceId: string;
  currentWindow: { from: string; to: string };
  summary: { driftedColumns: number; columns: number; datasetDrift: boolean };
  details: unknown;
}

/** A report's one-line title: a text drift report (Monitor → Drift) names its verdict and AUC. */
function titleOf(fields: DriftReportFields): string {
  const { driftedColumns, columns, datasetDrift } = fields.summary;
  const text = readTextDriftHeadline(fields.details);
  if (!text) return `Drift: ${driftedColumns} of ${columns} columns drifted${datasetDrift ? ' (dataset drift)' : ''}`;
  const auc = text.auc === null ? '?' : text.auc.toFixed(2);
  return `Text drift (${windowTitle(text.windowId).toLowerCase()}): ${text.drifted ? 'drifted' : 'no drift'}, domain classifier AUC ${auc}, ${driftedColumns} of ${columns} checks drifted`;
}

export function driftReportItem(id: string, createdAt: string, fields: DriftReportFields): SnapshotReport {
  return {
    id,
    createdAt,
    kind: DRIFT_REPORT_KIND,
    title: titleOf(fields),
    document: toJsonValue({ referenceId: fields.referenceId, currentWindow: fields.currentWindow, summary: fields.summary, details: fields.details ?? null }) as JsonObject,
  };
}

/** The stored fields of an item, or why it cannot be stored as a drift report. */
export function readDriftReportItem(item: SnapshotReport): DriftReportFields | string {
  if (item.kind !== DRIFT_REPORT_KIND) return `reports of kind "${item.kind}" cannot be stored by this version of the app.`;
  const { referenceId, currentWindow, summary, details } = item.document;
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (typeof referenceId !== 'string') return 'document.referenceId must be a string.';
  if (!isJsonObject(currentWindow) || typeof currentWindow.from !== 'string' || typeof currentWindow.to !== 'string') return 'document.currentWindow must be { from, to } times.';
  if (!isJsonObject(summary) || !isCount(summary.driftedColumns) || !isCount(summary.columns) || typeof summary.datasetDrift !== 'boolean') {
    return 'document.summary must be { driftedColumns, columns, datasetDrift }.';
  }
  return {
    referenceId,
    currentWindow: { from: currentWindow.from, to: currentWindow.to },
    summary: { driftedColumns: summary.driftedColumns as number, columns: summary.columns as number, datasetDrift: summary.datasetDrift },
    details: details ?? null,
  };
}
