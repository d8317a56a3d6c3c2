/**
 * Snapshot work for the data worker: exporting, reading and importing a snapshot of a real
 * project means megabytes of JSON to build, parse and check (about a second at 10k monitoring
 * buckets), which must not freeze the page.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot, importSnapshot, SnapshotImportError } from '$lib/db/snapshot';
import type { SnapshotOptions } from '$lib/core/snapshot/document';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { serializeSnapshot, snapshotFileName } from '$lib/core/snapshot/serialize';
import { pmSummary } from '$lib/core/snapshot/pmSummary';
import type { DataResults } from './dataProtocol';

export async function snapshotExportJob(db: LifecycleDatabase, projectId: string, options: SnapshotOptions): Promise<DataResults['snapshotExport']> {
  const doc = await exportSnapshot(db, projectId, options);
  // Indented for people to read and diff; rows make it long, so those files stay compact.
  return { text: serializeSnapshot(doc, { pretty: !options.includeRows }), fileName: snapshotFileName(doc) };
}

export function snapshotReadJob(text: string): DataResults['snapshotRead'] {
  const result = readSnapshot(text);
  return result.ok ? { ok: true, document: result.document } : { ok: false, problems: result.problems };
}

export async function snapshotImportJob(db: LifecycleDatabase, text: string, by: string): Promise<DataResults['snapshotImport']> {
  try {
    return { ok: true, ...(await importSnapshot(db, text, { by })) };
  } catch (error) {
    if (error instanceof SnapshotImportError) return { ok: false, problems: error.problems };
    throw error;
  }
}

export async function pmSummaryJob(db: LifecycleDatabase, projectId: string): Promise<DataResults['pmSummary']> {
  return pmSummary(await exportSnapshot(db, projectId, { includeRows: false, includeWeights: false, maskPii: false }));
}
