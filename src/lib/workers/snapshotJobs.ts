/**
 * Snapshot work for the data worker: exporting, reading and importing a snapshot of a real
 * project means megabytes of JSON to build, parse and check (about a second at 10k monitoring
 * buckets), which must not freeze the page. Files come as the page's File (a handle: nothing is
 * read to pass it) and are read here, after their size is checked.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot, importSnapshot, SnapshotImportError } from '$lib/db/snapshot';
import { governanceOverviewOf } from '$lib/db/governanceOverview';
import { retrainStatus } from '$lib/db/retrainFacts';
import type { SnapshotOptions } from '$lib/core/snapshot/document';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { serializeSnapshot, snapshotFileName } from '$lib/core/snapshot/serialize';
import { pmSummary } from '$lib/core/snapshot/pmSummary';
import { pmGovernance } from '$lib/core/snapshot/pmGovernance';
import { withoutRowsAndWeights } from '$lib/core/snapshot/withoutRowsAndWeights';
import type { SnapshotProblem } from '$lib/core/snapshot/problems';
import { fileSizeProblem } from '$lib/core/fileLimits';
import type { DataResults } from './dataProtocol';

export async function snapshotExportJob(db: LifecycleDatabase, projectId: string, options: SnapshotOptions): Promise<DataResults['snapshotExport']> {
  const doc = await exportSnapshot(db, projectId, options);
  // Indented for people to read and diff; rows make it long, so those files stay compact.
  return { text: serializeSnapshot(doc, { pretty: !options.includeRows }), fileName: snapshotFileName(doc) };
}

/** The file's text, or why it is not read: a file over the size limit is refused unread. */
async function snapshotText(file: Blob): Promise<{ ok: true; text: string } | { ok: false; problems: SnapshotProblem[] }> {
  const tooLarge = fileSizeProblem('snapshot', file.size);
  return tooLarge ? { ok: false, problems: [{ path: '', message: tooLarge }] } : { ok: true, text: await file.text() };
}

export async function snapshotReadJob(file: Blob): Promise<DataResults['snapshotRead']> {
  const read = await snapshotText(file);
  if (!read.ok) return read;
  const result = readSnapshot(read.text);
  return result.ok ? { ok: true, document: withoutRowsAndWeights(result.document) } : { ok: false, problems: result.problems };
}

export async function snapshotImportJob(db: LifecycleDatabase, file: Blob, by: string): Promise<DataResults['snapshotImport']> {
  const read = await snapshotText(file);
  if (!read.ok) return read;
  try {
    return { ok: true, ...(await importSnapshot(db, read.text, { by })) };
  } catch (error) {
    if (error instanceof SnapshotImportError) return { ok: false, problems: error.problems };
    throw error;
  }
}

export async function pmSummaryJob(db: LifecycleDatabase, projectId: string): Promise<DataResults['pmSummary']> {
  const doc = await exportSnapshot(db, projectId, { includeRows: false, includeWeights: false, maskPii: false });
  return pmSummary(doc, pmGovernance(await governanceOverviewOf(db, projectId, Date.now())), await retrainStatus(db, projectId, Date.now()));
}
