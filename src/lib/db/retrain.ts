/**
 * Retraining's reads and its two writes. Reads: the project's champion (the version holding the
 * serving alias, and its run) and what retraining can do next on the newest dataset version
 * (core/loop/retrainStep.ts). Writes, each all or nothing: (1) the labelled rows without a split
 * placed by time, as a dataset version (change `split`), nothing trained — so the governance
 * policy can be asked about exactly that version before training; (2) the challenger: the run with
 * its comparison, the registered model version and its `challenger` alias. The gates apply as on
 * every path: saveRun asks the policy whether this data may be trained on, setAlias whether the
 * alias may move.
 */
import type { LifecycleDatabase } from './database';
import type { DatasetVersionRecord, ModelVersionRecord, RunArtifactRecord, RunRecord, SplitInfo } from './records';
import type { DatasetState } from '$lib/core/data/datasetState';
import { DEFAULT_RETRAIN_SPLIT, retrainSplit, type RetrainSplit, type RetrainSplitOptions } from '$lib/core/loop/retrainSplit';
import { retrainStep, type RetrainStep } from '$lib/core/loop/retrainStep';
import { latestDatasetVersion, loadDatasetState, writeDerivedVersion } from './datasets';
import { registerRun, setAlias } from './registry';
import { saveRun } from './runs';
import { withGateTables } from './governanceGate';
import { championOf } from '$lib/core/registry/champion';

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
    const version = championOf(await db.modelVersions.where('projectId').equals(projectId).toArray());
    if (!version) return null;
    const run = await db.runs.get(version.runId);
    return run ? { version, run } : null;
  });
}

/** Reads a dataset version's rows; the data worker passes its cache. */
export type LoadRows = (versionId: string) => Promise<DatasetState>;

/** What retraining works from, when there is something to do. */
export interface RetrainBasis {
  champion: Champion;
  /** "name version N". */
  championName: string;
  newest: DatasetVersionRecord;
  state: DatasetState;
  /** The retraining split worked out on the newest version's rows. */
  split: RetrainSplit;
}

/** The next step (core's decision) and, unless it is 'none', what it works from. */
export type RetrainSituation = Extract<RetrainStep, { step: 'none' }> | (Exclude<RetrainStep, { step: 'none' }> & { basis: RetrainBasis });

/** Reads the champion, the newest version and the rows of both, and asks core what retraining can do next. */
export async function retrainSituation(db: LifecycleDatabase, projectId: string, shares: RetrainSplitOptions = DEFAULT_RETRAIN_SPLIT, load: LoadRows = (id) => loadDatasetState(db, id)): Promise<RetrainSituation> {
  const [champion, newest] = await Promise.all([findChampion(db, projectId), latestDatasetVersion(db, projectId)]);
  const championName = champion ? `${champion.version.modelName} version ${champion.version.version}` : null;
  const trainedOn = champion?.run.datasetVersionId;
  const facts = { champion: championName, championHasData: !!trainedOn, newestNumber: newest?.number ?? null, sameVersion: !!newest && newest.id === trainedOn };
  // Asked first without the rows (counted as if there were new labelled ones), so a plain refusal reads none.
  const early = retrainStep({ ...facts, newRows: 1, newLabelled: 1, unsplitLabelled: 0 });
  if (!champion || !newest || !trainedOn || early.step === 'none') return early as Extract<RetrainStep, { step: 'none' }>;
  const state = await load(newest.id);
  const old = await load(trainedOn);
  const split = retrainSplit(state.rows, old, shares);
  const step = retrainStep({ ...facts, newRows: split.newRows, newLabelled: split.newLabelled, unsplitLabelled: split.unsplitLabelled });
  return step.step === 'none' ? step : { ...step, basis: { champion, championName: championName!, newest, state, split } };
}

/** What the Retrain page shows before anything is done: plain data, from the data worker. */
export interface RetrainPlan {
  step: RetrainStep;
  /** The newest dataset version. */
  newestId: string | null;
  newestNumber: number | null;
  /** Labelled rows without a split (what step 1 places), and whether their timestamps order them or the order they were added. */
  unsplitLabelled: number;
  order: RetrainSplit['order'];
  /** Rows without a label: left out of training. */
  unlabelled: number;
  /** Rows in each comparison once retrained (after placing, (b) grows by the rows placed in test). */
  originalTest: number;
  recentHoldout: number;
}

export async function retrainPlan(db: LifecycleDatabase, projectId: string, load?: LoadRows): Promise<RetrainPlan> {
  const situation = await retrainSituation(db, projectId, DEFAULT_RETRAIN_SPLIT, load);
  const { basis, ...step } = 'basis' in situation ? situation : { ...situation, basis: null };
  const newest = basis?.newest ?? (await latestDatasetVersion(db, projectId));
  const split = basis?.split;
  return {
    step, newestId: newest?.id ?? null, newestNumber: newest?.number ?? null,
    unsplitLabelled: split?.unsplitLabelled ?? 0, order: split?.order ?? 'time', unlabelled: split?.unlabelled ?? 0,
    originalTest: split?.originalTest.length ?? 0, recentHoldout: split?.recentHoldout.length ?? 0,
  };
}

/**
 * Step 1: places the newest version's labelled rows without a split by time and writes the result
 * as the next dataset version (change `split`); nothing is trained. Refuses, writing nothing, when
 * retraining has nothing to do, when every labelled row already has a split, or when another
 * version was saved meanwhile.
 */
export async function saveRetrainSplit(db: LifecycleDatabase, input: { projectId: string; shares: RetrainSplitOptions; by: string; load?: LoadRows }): Promise<DatasetVersionRecord> {
  const situation = await retrainSituation(db, input.projectId, input.shares, input.load);
  if (situation.step === 'none') throw new Error(situation.reason);
  const { newest: parent, state, split } = situation.basis;
  if (situation.step === 'retrain') throw new Error(`Every labelled row of dataset v${parent.number} already has a split: retrain on it as it is.`);
  const { holdoutShare: h, validationShare: v } = input.shares;
  const splitInfo: SplitInfo = { ...(parent.split ?? { seed: 'retrain', method: 'time', ratios: [1 - h - v, v, h] }), counts: { ...split.counts } };
  return db.transaction('rw', [db.projects, db.datasetVersions, db.rowBlocks, db.labelEvents, db.auditLog], async () => {
    await assertNewest(db, parent, 'placing rows');
    return writeDerivedVersion(db, {
      parent, state, delta: { upserts: [...split.assigned], removedKeys: [] }, message: `Retraining split: ${split.words}`, change: 'split', split: splitInfo, actor: input.by,
    });
  });
}

async function assertNewest(db: LifecycleDatabase, version: DatasetVersionRecord, doing: string): Promise<void> {
  const newest = await latestDatasetVersion(db, version.projectId);
  if (newest?.id !== version.id) {
    throw new Error(`Dataset v${newest?.number ?? '?'} was saved while ${doing} on v${version.number}; try again so retraining works from the newest data.`);
  }
}

export interface ChallengerSave {
  /** The newest dataset version, trained on as it is (every labelled row has a split). */
  datasetVersion: DatasetVersionRecord;
  run: Omit<RunRecord, 'number'>;
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
  const { datasetVersion, champion } = input;
  const tables = withGateTables(db, [
    db.projects, db.imports, db.datasetVersions, db.rowBlocks, db.labelEvents, db.runs, db.runArtifacts, db.modelVersions, db.aliasEvents, db.auditLog,
  ]);
  return db.transaction('rw', tables, async () => {
    await assertNewest(db, datasetVersion, 'retraining');
    const run = await saveRun(db, input.run, input.artifact);
    const version = await registerRun(db, {
      runId: run.id,
      modelName: champion.modelName,
      description: `Retrained from version ${champion.version} (run ${run.number}) on dataset v${datasetVersion.number}.`,
      tags: { retrainedFrom: `${champion.modelName} v${champion.version}` },
      by: input.by,
    });
    await setAlias(db, {
      projectId: datasetVersion.projectId, modelName: champion.modelName, alias: CHALLENGER_ALIAS, versionId: version.id, by: input.by,
      reason: `Retrained from the champion (version ${champion.version}) on dataset v${datasetVersion.number}`,
    });
    return { datasetVersion, run, version: { ...version, aliases: [...version.aliases, CHALLENGER_ALIAS].sort() } };
  });
}
