/**
 * Retraining's reads and its one write: the project's champion (the version holding the serving
 * alias, and its run), and the challenger saved all at once — the dataset version that records the
 * splits assigned for retraining (when any were), the run with its comparison, the registered model
 * version and its `challenger` alias — or nothing. The gates apply as on every path: saveRun asks
 * the policy whether this data may be trained on, setAlias whether the alias may move.
 */
import type { LifecycleDatabase } from './database';
import type { DatasetVersionRecord, ModelVersionRecord, RunArtifactRecord, RunRecord, SplitInfo } from './records';
import type { DataRow, SplitName } from '$lib/core/data/dataset';
import type { DatasetState } from '$lib/core/data/datasetState';
import type { RetrainSplitOptions } from '$lib/core/loop/retrainSplit';
import { latestDatasetVersion, writeDerivedVersion } from './datasets';
import { registerRun, setAlias, SERVING_ALIAS } from './registry';
import { saveRun } from './runs';
import { withGateTables } from './governanceGate';

/** The alias a retrained model is registered under. */
export const CHALLENGER_ALIAS = 'challenger';

export interface Champion {
  version: ModelVersionRecord;
  run: RunRecord;
}

/**
 * The version the endpoint serves as champion, with its run; null when no version holds the alias.
 * When several models of the project have a champion, the most recently registered one.
 */
export async function findChampion(db: LifecycleDatabase, projectId: string): Promise<Champion | null> {
  return db.transaction('r', [db.modelVersions, db.runs], async () => {
    const holders = await db.modelVersions.where('projectId').equals(projectId).filter((v) => !v.archived && v.aliases.includes(SERVING_ALIAS)).toArray();
    const version = holders.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
    if (!version) return null;
    const run = await db.runs.get(version.runId);
    return run ? { version, run } : null;
  });
}

export interface ChallengerSave {
  /** The newest dataset version the splits were worked out on, and its rows in memory. */
  parent: DatasetVersionRecord;
  state: DatasetState;
  /** Rows given a split for retraining (retrainSplit's `assigned`); none: the parent is trained on as it is. */
  assigned: readonly DataRow[];
  /** The new version's message and split counts, and the shares used (recorded when the parent had no split). */
  message: string;
  counts: Record<SplitName, number>;
  shares: RetrainSplitOptions;
  /** The run, once the dataset version it trained on is known. */
  run: (datasetVersion: DatasetVersionRecord) => Omit<RunRecord, 'number'>;
  artifact: Omit<RunArtifactRecord, 'runId'>;
  champion: ModelVersionRecord;
  by: string;
}

export interface SavedChallenger {
  datasetVersion: DatasetVersionRecord;
  run: RunRecord;
  version: ModelVersionRecord;
}

/** Writes the retrained challenger in one transaction; throws (writing nothing) on any refusal. */
export async function saveChallenger(db: LifecycleDatabase, input: ChallengerSave): Promise<SavedChallenger> {
  const { parent, champion } = input;
  const tables = withGateTables(db, [
    db.projects, db.imports, db.datasetVersions, db.rowBlocks, db.labelEvents, db.runs, db.runArtifacts, db.modelVersions, db.aliasEvents, db.auditLog,
  ]);
  return db.transaction('rw', tables, async () => {
    const newest = await latestDatasetVersion(db, parent.projectId);
    if (newest?.id !== parent.id) {
      throw new Error(`Dataset v${newest?.number ?? '?'} was saved while retraining on v${parent.number}; retrain again so the challenger learns from the newest data.`);
    }
    let datasetVersion = parent;
    if (input.assigned.length) {
      const { holdoutShare: h, validationShare: v } = input.shares;
      const split: SplitInfo = { ...(parent.split ?? { seed: 'retrain', method: 'time', ratios: [1 - h - v, v, h] }), counts: { ...input.counts } };
      datasetVersion = await writeDerivedVersion(db, {
        parent, state: input.state, delta: { upserts: [...input.assigned], removedKeys: [] }, message: input.message, change: 'split', split, actor: input.by,
      });
    }
    const run = await saveRun(db, input.run(datasetVersion), input.artifact);
    const version = await registerRun(db, {
      runId: run.id,
      modelName: champion.modelName,
      description: `Retrained from version ${champion.version} (run ${run.number}) on dataset v${datasetVersion.number}.`,
      tags: { retrainedFrom: `${champion.modelName} v${champion.version}` },
      by: input.by,
    });
    await setAlias(db, {
      projectId: parent.projectId, modelName: champion.modelName, alias: CHALLENGER_ALIAS, versionId: version.id, by: input.by,
      reason: `Retrained from the champion (version ${champion.version}) on dataset v${datasetVersion.number}`,
    });
    return { datasetVersion, run, version: { ...version, aliases: [...version.aliases, CHALLENGER_ALIAS].sort() } };
  });
}
