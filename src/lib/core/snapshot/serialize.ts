/** Writing a snapshot to a file: its text and a file name people can sort. */
import type { SnapshotDocument } from './document';

/** The file's text; `pretty` indents by two spaces (larger, easier to read and diff). */
export function serializeSnapshot(doc: SnapshotDocument, options: { pretty?: boolean } = {}): string {
  return JSON.stringify(doc, null, options.pretty ? 2 : undefined);
}

/** "support-ticket-triage-snapshot-2026-03-01.json": the project name made file-safe, and the export day. */
export function snapshotFileName(doc: SnapshotDocument): string {
  const base = doc.project.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
  return `${base}-snapshot-${doc.exportedAt.slice(0, 10)}.json`;
}
