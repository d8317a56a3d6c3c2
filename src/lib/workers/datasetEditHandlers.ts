/** The data worker's changes to a dataset version: labels, a split, masked personal data, splits without leakage. */
import { relabelDelta, type DatasetState, type Delta } from '$lib/core/data/datasetState';
import { splitDelta } from '$lib/core/data/splitDelta';
import { maskDelta } from '$lib/core/data/maskDelta';
import { leakageFixDelta } from '$lib/core/data/leakageFix';
import type { LifecycleDatabase } from '$lib/db/database';
import { requireDatasetVersion, writeDerivedVersion, type DerivedVersion } from '$lib/db/datasets';
import type { DatasetVersionRecord } from '$lib/db/records';
import type { DataHandlers, DataProgress } from './dataProtocol';
import type { DatasetStates } from './datasetStates';
import { withProjectLock } from './projectLock';
import type { RpcContext } from './rpc';

type Change = Pick<DerivedVersion, 'message' | 'change' | 'split'> & { delta: Delta };

export function datasetEditHandlers(db: LifecycleDatabase, states: DatasetStates): Pick<DataHandlers, 'label' | 'split' | 'maskPii' | 'fixLeakage'> {
  /**
   * Works out a change on a version and writes it as the next one, holding the project's lock.
   * When another tab saved a newer version first, the write carries a label change over to it or
   * refuses (db/datasets.ts); the new version's rows stay in memory for the next request either way.
   */
  async function derive(versionId: string, ctx: RpcContext<DataProgress>, make: (state: DatasetState, parent: DatasetVersionRecord) => Change): Promise<DatasetVersionRecord> {
    const parent = await requireDatasetVersion(db, versionId);
    return withProjectLock(parent.projectId, async () => {
      const state = await states.load(versionId, ctx);
      const version = await writeDerivedVersion(db, { parent, state, ...make(state, parent), cachedState: (id) => states.cached(id) });
      states.rekey(versionId, version.id, state);
      return version;
    });
  }

  return {
    label: (request, ctx) =>
      derive(request.versionId, ctx, (state) => ({ delta: relabelDelta(state, request.keys, request.label), message: request.message, change: request.change })),
    split: (request, ctx) => derive(request.versionId, ctx, (state) => splitDelta(state, request)),
    maskPii: (request, ctx) => derive(request.versionId, ctx, (state) => maskDelta(state)),
    fixLeakage: (request, ctx) =>
      derive(request.versionId, ctx, (state, parent) => {
        // Leakage is checked on split versions only (datasetChecks' hasSplit), so the record is there.
        if (!parent.split) throw new Error(`v${parent.number} is not split into train, validation and test, so nothing can leak between splits.`);
        return leakageFixDelta(state, parent.split);
      }),
  };
}
