/**
 * Retraining in the compute worker: the champion's family, parameters, vectorizer settings and
 * seed, trained again on the newest dataset version with the retraining split (core/loop/
 * retrainSplit.ts), then champion and challenger predict the same rows — the original test split
 * and the recent holdout — through the serving predictor, and everything is stored in one
 * transaction (db/retrain.ts). Cancelled or failed, nothing is written.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import type { DataRow } from '$lib/core/data/dataset';
import type { Slice } from '$lib/core/data/slices';
import { latestDatasetVersion, loadDatasetState } from '$lib/db/datasets';
import { getRunArtifact, trainedRunRecord } from '$lib/db/runs';
import { findChampion, saveChallenger } from '$lib/db/retrain';
import { assertMayProceed } from '$lib/db/governanceGate';
import { retrainSplit, type RetrainSplitOptions } from '$lib/core/loop/retrainSplit';
import { compareOnRows, type ChallengerComparison } from '$lib/core/loop/challengerEval';
import { MCNEMAR_ALPHA } from '$lib/core/loop/mcnemar';
import { vectorizerSettingsOf } from '$lib/core/models/runReport';
import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { nowIso, nowMs } from '$lib/clock';
import type { RetrainRequest, RetrainResult, TrainProgress } from './computeProtocol';
import type { RpcContext } from './rpc';
import { fitWithProgress, modelFiles, TrainingReporter } from './trainRun';
import { withProjectLock } from './projectLock';

const rowsWord = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

export async function retrainRun(db: LifecycleDatabase, request: RetrainRequest, ctx: RpcContext<TrainProgress>): Promise<RetrainResult> {
  const { projectId } = request;
  const champion = await findChampion(db, projectId);
  if (!champion) throw new Error('There is no champion to retrain: register a model version and give it the champion alias first.');
  const name = `${champion.version.modelName} version ${champion.version.version}`;
  const reporter = new TrainingReporter(ctx, champion.run.params);
  reporter.report('load');
  const newest = await latestDatasetVersion(db, projectId);
  const trainedOn = champion.run.datasetVersionId;
  if (!trainedOn) throw new Error(`The champion (${name}) came in as a package without its training data, so new rows cannot be told from the rows it learned from.`);
  if (!newest || newest.id === trainedOn) {
    throw new Error(`There is nothing new to retrain on: the newest dataset version is the one the champion (${name}) was trained on. Collect or import new rows first.`);
  }
  // The policy first (saving asks again): a refusal costs no training.
  await assertMayProceed(db, projectId, 'train', { kind: 'dataset-version', id: newest.id }, nowMs());
  const [state, old] = await Promise.all([loadDatasetState(db, newest.id), loadDatasetState(db, trainedOn)]);
  const shares: RetrainSplitOptions = { holdoutShare: request.holdoutShare, validationShare: request.validationShare };
  const split = retrainSplit(state.rows, new Set(old.rows.map((r) => r.key)), shares);
  if (!split.newRows) throw new Error(`Dataset v${newest.number} has no rows that the champion's training data did not have, so there is nothing new to retrain on.`);
  if (!split.newLabelled) throw new Error(`None of the ${rowsWord(split.newRows)} added since the champion's training data has a label yet: label some first, then retrain.`);
  ctx.throwIfCancelled();

  const job = {
    family: champion.run.family, params: champion.run.params, vectorizer: vectorizerSettingsOf(champion.run.vectorizer), seed: champion.run.seed,
    preferred: request.preferred, slices: request.slices,
  };
  const { result, choice } = await fitWithProgress(job, split, ctx, reporter);
  try {
    reporter.report('compare');
    const artifact = await getRunArtifact(db, champion.run.id);
    if (!artifact) throw new Error(`The champion's model files (${name}) are missing, so it cannot be compared.`);
    const models = {
      champion: createPredictor({ model: artifact, vectorizer: artifact.vectorizer, classes: champion.run.classes ?? [] }),
      challenger: createPredictor({ model: result.serialized, vectorizer: result.vectorizer.toJSON(), classes: result.classes }),
    };
    const compared = (rows: readonly DataRow[]) => compare(rows, models, request.slices);
    const originalTest = compared(split.originalTest);
    const recentHoldout = compared(split.recentHoldout);
    ctx.throwIfCancelled();

    reporter.report('save');
    const artifactOut = await modelFiles(result, 'store the challenger and its model');
    ctx.throwIfCancelled();
    const message = `Retraining split: ${split.words}`;
    return await withProjectLock(projectId, () => saveChallenger(db, {
      parent: newest, state, assigned: split.assigned, message, counts: split.counts, shares, artifact: artifactOut, champion: champion.version, by: request.by,
      run: (datasetVersion) => {
        const challenge: ChallengerComparison = {
          championVersionId: champion.version.id, championName: name, championRunId: champion.run.id,
          datasetVersionId: datasetVersion.id, datasetVersionNumber: datasetVersion.number,
          originalTest, recentHoldout, split: split.words, ...shares, alpha: MCNEMAR_ALPHA,
        };
        const run = trainedRunRecord(result, {
          projectId, datasetVersion, family: job.family, seed: job.seed, vectorizer: job.vectorizer, backend: choice.backend, fallbackReason: choice.fallbackReason,
          createdAt: nowIso(), totalMs: performance.now() - reporter.started, appVersion: __APP_VERSION__,
        });
        return { ...run, challenge };
      },
    }));
  } finally {
    result.model.dispose();
  }
}

/** Both models predict the same rows (null when there are none). */
function compare(rows: readonly DataRow[], models: { champion: Predictor; challenger: Predictor }, slices: readonly Slice[]) {
  if (!rows.length) return null;
  const texts = rows.map((r) => r.text);
  const labels = (model: Predictor) => model.predict(texts).map((p) => p.label);
  return compareOnRows({ rows, champion: labels(models.champion), challenger: labels(models.challenger), slices });
}
