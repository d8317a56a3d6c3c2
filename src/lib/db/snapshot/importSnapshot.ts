/**
 * Import a lifecycle snapshot as a new project. The document is read and checked completely
 * first (core/snapshot/readSnapshot.ts): nothing is written unless all of it is valid. Then
 * every record is written with a fresh id in ONE transaction, so a failure half-way (a full
 * disk, a crash) leaves the database exactly as it was. An import never touches an existing
 * project: when the name is taken, the new one is called "… (imported)", "… (imported 2)", ….
 */
import type { LifecycleDatabase } from '../database';
import type { ProjectRecord } from '../records';
import { newId, nowIso } from '../ids';
import { appendAudit, appendAuditEntries } from '../audit';
import { writeRowBlocks } from '../rowBlocks';
import { PROJECT_NAME_MAX } from '../projects';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { describeProblems, readSnapshot, readSnapshotValue } from '$lib/core/snapshot/readSnapshot';
import type { SnapshotProblem } from '$lib/core/snapshot/problems';
import { IMPORT_AUDIT_ACTION } from '$lib/core/snapshot/normalizeForComparison';
import { recordsFromSnapshot } from './fromSnapshot';

/** Thrown when the snapshot is invalid; nothing was written. */
export class SnapshotImportError extends Error {
  constructor(readonly problems: SnapshotProblem[]) {
    super(describeProblems(problems));
    this.name = 'SnapshotImportError';
  }
}

export interface ImportSnapshotResult {
  project: ProjectRecord;
  /** What was not carried over, for the user. */
  warnings: string[];
  /** The schema version the file was migrated from; null when it was current. */
  migratedFrom: number | null;
}

/** `name`, or "name (imported)", "name (imported 2)", … — the first not among `taken`, within the length limit. */
export function importedName(name: string, taken: ReadonlySet<string>): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!taken.has(clean)) return clean;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = `${clean.slice(0, PROJECT_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Reads `source` (snapshot text, or an already parsed value) and writes it as a new project.
 * Throws {@link SnapshotImportError} listing every problem when it is invalid. `restore`: the
 * text is this browser's own backup of the project, which keeps its scenario (the sample stays
 * the sample); an imported file becomes an ordinary project.
 */
export async function importSnapshot(db: LifecycleDatabase, source: string | unknown, options: { by?: string; restore?: boolean } = {}): Promise<ImportSnapshotResult> {
  const read = typeof source === 'string' ? readSnapshot(source) : readSnapshotValue(source);
  if (!read.ok) throw new SnapshotImportError(read.problems);
  const doc: SnapshotDocument = read.document;
  const now = nowIso();
  const project = await db.transaction('rw', db.projectTables(), async () => {
    const taken = new Set((await db.projects.toArray()).map((p) => p.name));
    const records = recordsFromSnapshot(doc, { name: importedName(doc.project.name, taken), now, newId, keepScenario: options.restore === true });
    await db.projects.add(records.project);
    await db.canvases.add(records.canvas);
    await db.imports.bulkAdd(records.imports);
    for (const { record, rows } of records.versions) {
      await db.datasetVersions.add(record);
      await writeRowBlocks(db, record.id, rows);
    }
    await db.labelEvents.bulkAdd(records.labelEvents);
    await db.slices.bulkAdd(records.slices);
    await db.runs.bulkAdd(records.runs);
    await db.runArtifacts.bulkAdd(records.runArtifacts);
    await db.modelVersions.bulkAdd(records.modelVersions);
    await db.modelCards.bulkAdd(records.modelCards);
    await db.aliasEvents.bulkAdd(records.aliasEvents);
    await db.deployments.bulkAdd(records.deployments);
    await db.metricBuckets.bulkAdd(records.buckets);
    await db.healthChecks.bulkAdd(records.healthChecks);
    await db.driftReports.bulkAdd(records.driftReports);
    await db.gates.bulkAdd(records.gates);
    // Re-chained in the snapshot's order, times kept: the imported trail verifies in this database.
    await appendAuditEntries(db, records.project.id, records.auditLog);
    const included = [doc.options.includeRows ? 'rows' : '', doc.options.includeWeights ? 'model weights' : ''].filter(Boolean).join(' and ');
    await appendAudit(db, {
      projectId: records.project.id,
      actor: options.by ?? 'you',
      action: IMPORT_AUDIT_ACTION,
      detail: `Imported from a snapshot of “${doc.project.name}” exported ${doc.exportedAt}${included ? ` with ${included}` : ' without rows or weights'}${doc.options.maskPii ? ', personal data masked' : ''}`,
      refs: {},
    });
    return records.project;
  });
  return { project, warnings: read.warnings, migratedFrom: read.migratedFrom };
}
