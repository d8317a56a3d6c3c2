/**
 * Lifecycle snapshots from the pages: download one, import one as a new project, read two for a
 * diff, and the PM summary of the live project. Files go through the same reader as every other
 * load (core/snapshot/readSnapshot.ts), so a page never judges a file differently from an import;
 * all of it runs in the data worker (workers/snapshotJobs.ts), off the page's thread: a file goes
 * there as a File handle and is read there, once its size is within the limit (core/fileLimits.ts).
 */
import type { SnapshotOptions } from '$lib/core/snapshot/document';
import type { PmSummary } from '$lib/core/snapshot/pmSummary';
import { dataCall } from '$lib/workers/dataClient';
import type { DataResults } from '$lib/workers/dataProtocol';
import { pmSummaryMarkdown } from '$lib/core/snapshot/pmSummaryMarkdown';
import { snapshotDiffMarkdown } from '$lib/core/snapshot/snapshotDiffMarkdown';
import type { SnapshotDiff } from '$lib/core/snapshot/diffSnapshots';
import { DEPLOYMENTS_CHANGED } from '$lib/workers/endpointMessages';
import { downloadText, fileSlug } from '$lib/download';
import { governanceRecords, watchLifecycleRecords } from '$lib/db';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { Live } from './live.svelte';

export type SnapshotFileResult = DataResults['snapshotRead'];
export type SnapshotImportResult = DataResults['snapshotImport'];

/** Exports the project with `options` and saves it as `<project>-snapshot-<date>.json`; returns the file name. */
export async function downloadSnapshot(projectId: string, options: SnapshotOptions): Promise<string> {
  const { text, fileName } = await dataCall({ type: 'snapshotExport', projectId, options }).result;
  downloadText(text, fileName, 'application/json');
  return fileName;
}

/** Reads and checks a snapshot file without writing anything (for the diff); the document comes without rows and weights. */
export function readSnapshotFile(file: File): Promise<SnapshotFileResult> {
  return dataCall({ type: 'snapshotRead', file }).result;
}

/** Imports a snapshot file as a new project; an invalid file writes nothing and lists every problem. */
export async function importSnapshotFile(file: File): Promise<SnapshotImportResult> {
  const result = await dataCall({ type: 'snapshotImport', file, by: displayName.current }).result;
  // The new project may bring an active deployment: let the endpoint see it at once.
  if (result.ok) navigator.serviceWorker?.controller?.postMessage({ type: DEPLOYMENTS_CHANGED });
  return result;
}

/**
 * The PM one-pager of the live project: a snapshot exported in memory (no rows, no weights) read
 * by the same pmSummary as a file, so the page and the file never disagree. Recomputed on change.
 */
export function livePmSummary(projectId: string): Live<PmSummary | null> {
  return new Live(async () => {
    // The summary is computed in the worker; reading the lifecycle records here is what makes it
    // recompute when they change (monitoring figures refresh when the page is opened again), and
    // so does reading the governance records (a decision or a waiver changes the gates' section).
    await Promise.all([watchLifecycleRecords(db, projectId), governanceRecords(db, projectId)]);
    return dataCall({ type: 'pmSummary', projectId }).result;
  }, null);
}

/** Saves the PM summary as "<project>-summary-<date>.md". */
export function downloadPmSummary(summary: PmSummary): void {
  downloadText(pmSummaryMarkdown(summary), `${fileSlug(summary.project.name)}-summary-${summary.exportedAt.slice(0, 10)}.md`, 'text/markdown');
}

/** Saves a snapshot diff as "<project>-snapshot-diff-<before>-to-<after>.md" (the export days). */
export function downloadDiffMarkdown(diff: SnapshotDiff): void {
  const day = (iso: string) => iso.slice(0, 10);
  downloadText(snapshotDiffMarkdown(diff), `${fileSlug(diff.after.project)}-snapshot-diff-${day(diff.before.exportedAt)}-to-${day(diff.after.exportedAt)}.md`, 'text/markdown');
}
