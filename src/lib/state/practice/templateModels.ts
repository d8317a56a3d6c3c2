/**
 * What templates that start with trained models share: train a run in the compute worker (seeded,
 * so every start gives the same model), register it, and report honest progress. Cancelling the
 * template's signal cancels the training.
 */
import { listSlices, registerRun, type ModelVersionRecord, type RunRecord } from '$lib/db';
import { computeCall } from '$lib/workers/computeClient';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { MODEL_CATALOG, type ModelFamilyId } from '$lib/core/models/catalog';
import type { VectorizerSettings } from '$lib/workers/computeProtocol';
import type { TemplateContext } from './template';

/** Who a template's set-up is recorded as, in the audit trail. */
export const TEMPLATE_ACTOR = 'Lifecycle Lab (mission set-up)';

export interface TemplateTraining {
  projectId: string;
  datasetVersionId: string;
  family: ModelFamilyId;
  /** Overrides of the family's defaults. */
  params?: Record<string, string | number | boolean | number[]>;
  vectorizer?: Partial<VectorizerSettings>;
  seed: string;
  modelName: string;
  description: string;
  /** What the progress line calls this model ("the first version"). */
  label: string;
}

/** Trains, stores and registers one model version; throws when cancelled or when training fails. */
export async function trainAndRegister(ctx: TemplateContext, input: TemplateTraining): Promise<{ run: RunRecord; version: ModelVersionRecord }> {
  const family = MODEL_CATALOG.find((f) => f.id === input.family);
  if (!family) throw new Error(`Unknown model family ${input.family}.`);
  const slices = (await listSlices(ctx.db, input.projectId)).map(({ id, name, where }) => ({ id, name, where }));
  ctx.progress(`Training ${input.label}…`, 0);
  const call = computeCall(
    {
      type: 'train',
      projectId: input.projectId,
      datasetVersionId: input.datasetVersionId,
      family: input.family,
      params: { ...(family.defaults as unknown as Record<string, string | number | boolean | number[]>), ...input.params },
      vectorizer: { ...DEFAULT_VECTORIZER, ...input.vectorizer },
      seed: input.seed,
      preferred: 'auto',
      slices,
    },
    (p) => ctx.progress(`Training ${input.label}: ${p.phase}…`, p.phase === 'train' && p.epochs > 0 ? (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs : undefined),
  );
  const cancel = () => call.cancel();
  ctx.signal.addEventListener('abort', cancel, { once: true });
  try {
    const run = await call.result;
    const version = await registerRun(ctx.db, { runId: run.id, modelName: input.modelName, description: input.description, by: TEMPLATE_ACTOR });
    return { run, version };
  } finally {
    ctx.signal.removeEventListener('abort', cancel);
  }
}
