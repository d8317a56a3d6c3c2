/**
 * The data worker's part of retraining: what can be done next (read on every change the page
 * sees) and step 1, placing the labelled rows without a split by time as a new dataset version.
 * Both read rows through the worker's versions in memory; the write holds the project's lock.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { retrainPlan, saveRetrainSplit } from '$lib/db/retrain';
import type { DataHandlers } from './dataProtocol';
import type { DatasetStates } from './datasetStates';
import { withProjectLock } from './projectLock';

export function retrainHandlers(db: LifecycleDatabase, states: DatasetStates): Pick<DataHandlers, 'retrainPlan' | 'retrainSplit'> {
  return {
    retrainPlan: (request, ctx) => retrainPlan(db, request.projectId, (id) => states.load(id, ctx)),
    retrainSplit: ({ projectId, holdoutShare, validationShare, by }, ctx) =>
      withProjectLock(projectId, async () => {
        const version = await saveRetrainSplit(db, { projectId, shares: { holdoutShare, validationShare }, by, load: (id) => states.load(id, ctx) });
        // The write moved the parent's rows in memory on to the new version (writeDerivedVersion's contract).
        const moved = version.parentId ? states.cached(version.parentId) : undefined;
        if (moved && version.parentId) states.rekey(version.parentId, version.id, moved);
        return version;
      }),
  };
}
