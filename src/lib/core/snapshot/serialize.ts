/** Writing a snapshot to a file: its text and a file name people can sort. */
import type { SnapshotDocument } from './document';
import { fileSlug } from '../fileNames';

/** The file's text; `pretty` indents by two spaces (larger, easier to read and diff). */
export function serializeSnapshot(doc: SnapshotDocument, options: { pretty?: boolean } = {}): string {
  return JSON.stringify(doc, null, options.pretty ? 2 : undefined);
}

/** "support-ticket-triage-snapshot-2026-03-01.json": the project name made file-safe, and the export day. */
export function snapshotFileName(doc: SnapshotDocument): string {
  const base = fileSlug(doc.project.name, 'project', 60);
  return `${base}-snapshot-${doc.exportedAt.slice(0, 10)}.json`;
}
