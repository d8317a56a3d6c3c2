/**
 * A model version's files and what serving it needs. The files are stored once, with the run the
 * version came from (`runArtifacts`, keyed by run id; an imported package brings its own run), so
 * every version registered from one run reads the same record.
 */
import type { LifecycleDatabase } from './database';
import type { ModelVersionRecord, RunArtifactRecord } from './records';

/** The version's model files, read through its run; undefined when they are missing. */
export function versionFiles(db: LifecycleDatabase, version: Pick<ModelVersionRecord, 'runId'>): Promise<RunArtifactRecord | undefined> {
  return db.runArtifacts.get(version.runId);
}

export function getModelVersion(db: LifecycleDatabase, id: string): Promise<ModelVersionRecord | undefined> {
  return db.modelVersions.get(id);
}

/** A model version to serve: its record, its files and the classes its run learnt. */
export interface ModelToServe {
  version: ModelVersionRecord;
  files: RunArtifactRecord;
  /** The run's class names in output order (empty when the run is gone). */
  classes: string[];
}

/** The version with its files and classes, read together; undefined when the version or its files are missing. */
export function modelToServe(db: LifecycleDatabase, versionId: string): Promise<ModelToServe | undefined> {
  return db.transaction('r', [db.modelVersions, db.runs, db.runArtifacts], async () => {
    const version = await db.modelVersions.get(versionId);
    if (!version) return undefined;
    const [run, files] = await Promise.all([db.runs.get(version.runId), db.runArtifacts.get(version.runId)]);
    return files ? { version, files, classes: run?.classes ?? [] } : undefined;
  });
}
