/** The cost drill's project, written all or nothing: the project with its business settings, its tickets and one slice per tier. */
import type { LifecycleDatabase } from '../database';
import type { DatasetVersionRecord, ProjectRecord } from '../records';
import { createProject } from '../projects';
import { writeDatasetVersion, type PreparedDatasetVersion } from '../datasets';
import { createSlice } from '../slices';
import type { BusinessSettings } from '$lib/core/monitor/businessValue';
import type { SliceCondition } from '$lib/core/data/slices';

export interface DrillCostProjectInput {
  project: Parameters<typeof createProject>[1];
  business: BusinessSettings;
  /** The tickets, prepared outside the transaction (hashing is slow). */
  prepared: PreparedDatasetVersion;
  slices: { name: string; where: SliceCondition[] }[];
}

export function createDrillCostProject(db: LifecycleDatabase, input: DrillCostProjectInput): Promise<{ project: ProjectRecord; version: DatasetVersionRecord }> {
  return db.transaction('rw', db.tables, async () => {
    const project = await createProject(db, input.project);
    await db.projects.update(project.id, { business: input.business });
    const version = await writeDatasetVersion(db, { ...input.prepared, projectId: project.id });
    for (const slice of input.slices) await createSlice(db, { projectId: project.id, ...slice, columns: input.prepared.schema });
    return { project, version };
  });
}
