/**
 * Retraining in the compute worker: the champion's family, parameters, vectorizer settings and
 * seed, trained again on the newest dataset version as it is — its labelled rows without a split
 * were placed by time in an earlier step (db/retrain.ts saveRetrainSplit), so the version trained
 * on is the one the governance policy was asked about. Champion and challenger then predict the
 * same rows — the original test split and the recent holdout (core/loop/retrainSplit.ts) —
 * through the serving predictor, and the run, model version and alias are stored in one
 * transaction. Cancelled, failed or refused, nothing is written.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import type { DataRow } from '$lib/core/data/dataset';
import type { Slice } from '$lib/core/data/slices';
import { getRunArtifact, trainedRunRecord } from '$lib/db/runs';
import { retrainSituation, saveChallenger } from '$lib/db/retrain';
import { assertMayProceed } from '$lib/db/governanceGate';
import { splitFirstReason } from '$lib/core/loop/retrainStep';
import { trainedOnWords } from '$lib/core/loop/retrainSplit';
import { compareOnRows, type ChallengerComparison } from '$lib/core/loop/challengerEval';
import { MCNEMAR_ALPHA } from '$lib/core/loop/mcnemar';
import { vectorizerSettingsOf } from '$lib/core/models/runReport';
import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { nowIso, nowMs } from '$lib/clock';
import type { RetrainRequest, RetrainResult, TrainProgress } from './computeProtocol';
import type { RpcContext } from './rpc';
import { checkRoomEarly, fitWithProgress, modelFiles, TrainingReporter } from './trainRun';
import { withProjectLock } from './projectLock';

export async function retrainRun(db: LifecycleDatabase, request: RetrainRequest, ctx: RpcContext<TrainProgress>): Promise<RetrainResult> {
  const { projectId } = request;
  const situation = await retrainSituation(db, projectId);
  if (situation.step === 'none') throw new Error(situation.reason);
  const { champion, championName: name, newest, split } = situation.basis;
  if (situation.step === 'split') throw new Error(splitFirstReason(newest.number, situation.rows));
  const reporter = new TrainingReporter(ctx, champion.run.params);
  reporter.report('load');
  // The policy first (saving asks again): a refusal costs no training.
  await assertMayProceed(db, projectId, 'train', { kind: 'dataset-version', id: newest.id }, nowMs());
  ctx.throwIfCancelled();

  const job = {
    family: champion.run.family, params: champion.run.params, vectorizer: vectorizerSettingsOf(champion.run.vectorizer), seed: champion.run.seed,
    preferred: request.preferred, slices: request.slices,
  };
  const what = 'store the challenger and its model';
  const room = checkRoomEarly(what);
  const { result, choice } = await fitWithProgress(job, split, ctx, reporter, room);
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
    const artifactOut = await modelFiles(result, what, room.latest());
    ctx.throwIfCancelled();
    const challenge: ChallengerComparison = {
      championVersionId: champion.version.id, championName: name, championRunId: champion.run.id,
      datasetVersionId: newest.id, datasetVersionNumber: newest.number,
      originalTest, recentHoldout, split: trainedOnWords(newest.number, split), alpha: MCNEMAR_ALPHA,
    };
    const run = trainedRunRecord(result, {
      projectId, datasetVersion: newest, family: job.family, seed: job.seed, vectorizer: job.vectorizer, backend: choice.backend, fallbackReason: choice.fallbackReason,
      backendChoice: { by: choice.by, reason: choice.reason },
      createdAt: nowIso(), totalMs: performance.now() - reporter.started, appVersion: __APP_VERSION__,
    });
    return await withProjectLock(projectId, () => saveChallenger(db, { datasetVersion: newest, run: { ...run, challenge }, artifact: artifactOut, champion: champion.version, by: request.by }));
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

