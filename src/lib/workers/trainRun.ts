/**
 * One training run in the compute worker: load the dataset version, run the core pipeline with
 * progress and cancel, and store the run with its model in one transaction.
 */
import { runPipeline } from '$lib/core/models/pipeline';
import type { Curves } from '$lib/core/models/runReport';
import type { LifecycleDatabase } from '$lib/db/database';
import { loadDatasetState, requireDatasetVersion } from '$lib/db/datasets';
import { saveRun, trainedRunRecord } from '$lib/db/runs';
import { ensureRoomFor } from '$lib/db/storage';
import type { RunRecord } from '$lib/db/records';
import type { RpcContext } from './rpc';
import { fallBackToCpu, isContextLost, startBackend } from './tfBackend';
import type { TrainProgress, TrainRequest } from './computeProtocol';
import { nowIso, nowMs } from '$lib/clock';
import { assertMayProceed } from '$lib/db/governanceGate';

export async function trainRun(db: LifecycleDatabase, request: TrainRequest, ctx: RpcContext<TrainProgress>): Promise<RunRecord> {
  const started = performance.now();
  let curves: Curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
  let epochs = Number(request.params.epochs) || 0;
  let backend: TrainProgress['backend'] = null;
  let position = { epoch: 0, batch: 0, batches: 0 };
  const report = (phase: TrainProgress['phase'], etaMs: number | null = null) =>
    ctx.progress({ phase, ...position, epochs, etaMs, curves, backend, elapsedMs: performance.now() - started });

  report('load');
  const version = await requireDatasetVersion(db, request.datasetVersionId);
  // The policy first (saveRun asks again as it stores the run): a refusal costs no training.
  await assertMayProceed(db, request.projectId, 'train', { kind: 'dataset-version', id: version.id }, nowMs());
  let choice = await startBackend(request.preferred);
  backend = choice.backend;
  if (!version.split) throw new Error(`Dataset v${version.number} is not split into train, validation and test yet.`);
  const state = await loadDatasetState(db, version.id);
  const labelled = state.rows.filter((r) => r.label !== null);
  ctx.throwIfCancelled();

  let lastReport = 0;
  const pipeline = () => runPipeline({
    train: labelled.filter((r) => r.split === 'train'),
    validation: labelled.filter((r) => r.split === 'validation'),
    test: labelled.filter((r) => r.split === 'test'),
    family: request.family,
    params: request.params,
    vectorizer: request.vectorizer,
    seed: request.seed,
    now: () => performance.now(),
    slices: request.slices,
    shouldStop: () => ctx.cancelled,
    onPhase: (phase) => report(phase),
    onEpoch: (c) => (curves = { ...c }),
    onBatch: (b) => {
      epochs = b.epochs;
      position = { epoch: b.epoch, batch: b.batch, batches: b.batches };
      const now = performance.now();
      if (now - lastReport < 100 && b.batch < b.batches) return;
      lastReport = now;
      const share = (b.epoch - 1 + b.batch / b.batches) / b.epochs;
      report('train', share > 0 ? (b.elapsedMs / share) * (1 - share) : null);
    },
  });
  let result;
  try {
    result = await pipeline();
  } catch (error) {
    // A lost WebGL context ends this attempt; the run starts over on the CPU and says why.
    if (choice.backend !== 'webgl' || ctx.cancelled || !isContextLost(error)) throw error;
    choice = await fallBackToCpu('The WebGL context was lost during training, so the run was restarted on the CPU.');
    backend = choice.backend;
    curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
    result = await pipeline();
  }
  try {
    report('save');
    ctx.throwIfCancelled();
    const { serialized } = result;
    const run = trainedRunRecord(result, {
      projectId: request.projectId,
      datasetVersion: version,
      family: request.family,
      seed: request.seed,
      vectorizer: request.vectorizer,
      backend: choice.backend,
      fallbackReason: choice.fallbackReason,
      createdAt: nowIso(),
      totalMs: performance.now() - started,
      appVersion: __APP_VERSION__,
    });
    // The weights and the vectorizer's vocabulary are most of the run's bytes.
    const vectorizer = result.vectorizer.toJSON();
    await ensureRoomFor(serialized.weightData.byteLength + JSON.stringify(vectorizer).length, 'store this run and its model');
    return await saveRun(db, run, { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer });
  } finally {
    result.model.dispose();
  }
}
