/**
 * The retraining benchmark's page side (loop.retrain.10k.ms): in a fresh database, a champion
 * trained on n seeded tickets (the oldest n, split 70/15/15), then `added` newer labelled tickets
 * appended without a split as production rows, then both retraining steps run here in the page —
 * the split step (new rows placed by time, written as a dataset version), then the compute
 * worker's retrain job: training, champion and challenger predicting the same rows, McNemar, and
 * the one transaction that stores the run, version and alias. Only the two steps are timed.
 */
import { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { registerRun, setAlias } from '$lib/db/registry';
import { ticketToRow } from '$lib/db/sampleProject';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { getModelFamily } from '$lib/core/models/families';
import { trainRun } from '$lib/workers/trainRun';
import { retrainRun } from '$lib/workers/retrainRun';
import { saveRetrainSplit } from '$lib/db/retrain';
import { DEFAULT_RETRAIN_SPLIT } from '$lib/core/loop/retrainSplit';
import type { RpcContext } from '$lib/workers/rpc';
import type { TrainProgress } from '$lib/workers/computeProtocol';
import type { RetrainBenchResult } from './pageApi';

const SEED = 'bench-retrain';

/** A job context that is never cancelled and notes when each phase started. */
function context(): RpcContext<TrainProgress> & { phases: Record<string, number> } {
  const phases: Record<string, number> = {};
  return {
    phases,
    progress: (p) => void (phases[p.phase] ??= performance.now()),
    cancelled: false,
    throwIfCancelled: () => undefined,
  };
}

export async function retrainBench(n: number, added: number): Promise<RetrainBenchResult> {
  const db = new LifecycleDatabase(`lifecycle-lab-bench-retrain-${Date.now()}`);
  try {
    await db.open();
    const projectId = (await createProject(db, { name: `Bench retrain ${n}+${added}` })).id;
    const all = generateTickets({ seed: SEED, count: n + added }).map(ticketToRow).sort((a, b) => (a.timestamp! < b.timestamp! ? -1 : 1));
    const old = all.slice(0, n);
    const splits = stratifiedSplit(old, { seed: 'split-1' });
    const counts = { train: 0, validation: 0, test: 0 };
    splits.forEach((s) => counts[s]++);
    const v1 = await createDatasetVersion(db, {
      projectId, source: { name: 'bench:generator', seed: SEED }, message: `${n} tickets`, schema: [],
      rows: old.map((r, i) => ({ ...r, split: splits[i] })), split: { seed: 'split-1', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts },
    });
    const t0 = performance.now();
    const run = await trainRun(db, {
      type: 'train', projectId, datasetVersionId: v1.id, family: 'softmax-regression', params: { ...getModelFamily('softmax-regression').defaults },
      vectorizer: DEFAULT_VECTORIZER, seed: 'bench', preferred: 'webgl', slices: [],
    }, context());
    const championMs = performance.now() - t0;
    const version = await registerRun(db, { runId: run.id, modelName: 'Router', by: 'bench' });
    await setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: version.id, by: 'bench', reason: 'bench' });
    const fresh = all.slice(n).map((r) => ({ ...r, meta: { ...r.meta, source: 'feedback' } }));
    await writeDerivedVersion(db, { parent: v1, state: await loadDatasetState(db, v1.id), delta: { upserts: fresh, removedKeys: [] }, message: `${added} production rows`, change: 'production' });

    const ctx = context();
    const t0split = performance.now();
    await saveRetrainSplit(db, { projectId, shares: DEFAULT_RETRAIN_SPLIT, by: 'bench' });
    const t1 = performance.now();
    const result = await retrainRun(db, { type: 'retrain', projectId, preferred: 'webgl', slices: [], by: 'bench' }, ctx);
    const retrainMs = performance.now() - t0split;
    const { challenge } = result.run;
    const end = t0split + retrainMs;
    const phase = (from: string, to: string) => (ctx.phases[to] ?? end) - (ctx.phases[from] ?? t1);
    return {
      rows: n,
      added,
      retrainMs,
      championMs,
      backend: result.run.backend,
      phasesMs: { split: t1 - t0split, load: phase('load', 'vectorize'), train: phase('vectorize', 'compare'), compare: phase('compare', 'save'), save: end - (ctx.phases.save ?? t1) },
      originalTest: challenge?.originalTest?.n ?? 0,
      recentHoldout: challenge?.recentHoldout?.n ?? 0,
      accuracy: {
        championOriginal: challenge?.originalTest?.champion.accuracy ?? NaN,
        challengerOriginal: challenge?.originalTest?.challenger.accuracy ?? NaN,
        championHoldout: challenge?.recentHoldout?.champion.accuracy ?? NaN,
        challengerHoldout: challenge?.recentHoldout?.challenger.accuracy ?? NaN,
      },
      mcnemarP: { original: challenge?.originalTest?.mcnemar.pValue ?? NaN, holdout: challenge?.recentHoldout?.mcnemar.pValue ?? NaN },
    };
  } finally {
    await db.delete().catch(() => undefined);
  }
}
