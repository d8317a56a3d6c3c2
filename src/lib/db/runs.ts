import type { LifecycleDatabase } from './database';
import type { RunArtifactRecord, RunRecord } from './records';
import { appendAudit } from './audit';
import { newId } from './ids';
import { assertMayProceed, withGateTables } from './governanceGate';
import { nowMs } from '$lib/clock';
import type { PipelineResult } from '$lib/core/models/pipeline';
import type { VectorizerSettings } from '$lib/core/models/runReport';
import { flattenMeasured } from '$lib/core/lifecycle/measured';

/** What the training pipeline returns that a run record keeps. */
export type TrainingOutcome = Pick<PipelineResult, 'params' | 'measured' | 'evaluation' | 'curves' | 'timings' | 'classes'> & {
  training: Pick<PipelineResult['training'], 'epochsRun' | 'bestEpoch'>;
  vectorizer: { vocabularySize: number };
};

/** Where and how a run was trained: the rest of its record. */
export interface TrainingContext {
  projectId: string;
  datasetVersion: { id: string; number: number };
  family: string;
  seed: string | number;
  vectorizer: VectorizerSettings;
  backend: string;
  /** Why the CPU was used when WebGL was asked for. */
  fallbackReason: string | null;
  /** How the backend was chosen (workers/tfBackend.ts); absent where nobody chose (tests). */
  backendChoice?: RunRecord['backendChoice'];
  createdAt: string;
  /** The whole job (load, train, evaluate, save), ms. */
  totalMs: number;
  appVersion: string;
}

/** The record of a completed training run, numbered by `saveRun`. */
export function trainedRunRecord(outcome: TrainingOutcome, context: TrainingContext): Omit<RunRecord, 'number'> {
  const { evaluation } = outcome;
  return {
    id: newId(),
    projectId: context.projectId,
    datasetVersionId: context.datasetVersion.id,
    datasetVersionNumber: context.datasetVersion.number,
    createdAt: context.createdAt,
    status: 'completed',
    family: context.family,
    params: { ...outcome.params },
    seed: context.seed,
    backend: context.backend,
    fallbackReason: context.fallbackReason,
    ...(context.backendChoice ? { backendChoice: { ...context.backendChoice } } : {}),
    metrics: {
      ...flattenMeasured(outcome.measured),
      'test.baseline_accuracy': evaluation.baseline.accuracy,
      'test.lift_pp': (evaluation.test.accuracy - evaluation.baseline.accuracy) * 100,
    },
    curves: { ...outcome.curves },
    timings: { ...outcome.timings, totalMs: context.totalMs, epochs: outcome.training.epochsRun, bestEpoch: outcome.training.bestEpoch + 1 },
    appVersion: context.appVersion,
    classes: outcome.classes,
    vectorizer: { ...context.vectorizer, vocabularySize: outcome.vectorizer.vocabularySize },
    evaluation,
    warnings: evaluation.baseline.warning ? [evaluation.baseline.warning] : [],
  };
}
import { nextNumber } from './nextNumber';
import { metricsFromPackage } from '$lib/core/registry/importedModel';
import type { ModelVersionData } from '$lib/core/registry/modelVersionDocument';

/** Where an imported model package's run lands: the rest of its record. */
export interface ImportContext {
  projectId: string;
  /** The dataset version it was trained on, when that version is in this project. */
  datasetVersion: { id: string; number: number } | undefined;
  fileName: string;
  classes: string[];
  createdAt: string;
}

/**
 * The record of a run that came in with a model package: its metrics, parameters and lineage as
 * the package states them, no training curves or timings, numbered by the caller's transaction.
 */
export function importedRunRecord(metadata: ModelVersionData, context: ImportContext): Omit<RunRecord, 'number'> {
  const { datasetVersion } = context;
  return {
    id: newId(),
    projectId: context.projectId,
    datasetVersionId: datasetVersion?.id ?? '',
    ...(datasetVersion ? { datasetVersionNumber: datasetVersion.number } : {}),
    createdAt: context.createdAt,
    status: 'completed',
    family: metadata.family,
    params: metadata.params,
    seed: metadata.seed,
    backend: metadata.backend,
    metrics: metricsFromPackage(metadata.metrics),
    curves: {},
    timings: {},
    appVersion: metadata.appVersion,
    classes: context.classes,
    importedFrom: { fileName: context.fileName, exportedBy: metadata.owner, lineage: metadata.lineage },
  };
}

/**
 * Stores a completed training run and its model together: both or neither, and only while the
 * policy lets its dataset version be trained on (GateRefusedError with the reasons otherwise).
 */
export async function saveRun(
  db: LifecycleDatabase,
  run: Omit<RunRecord, 'number'>,
  artifact: Omit<RunArtifactRecord, 'runId'>,
): Promise<RunRecord> {
  return db.transaction('rw', withGateTables(db, [db.projects, db.datasetVersions, db.runs, db.runArtifacts, db.auditLog]), async () => {
    // Requests issued together and awaited once: a transaction runs them in order either way,
    // and each await was a round trip to the browser's database process (most of the save).
    const [project, version, number] = await Promise.all([
      db.projects.get(run.projectId),
      db.datasetVersions.get(run.datasetVersionId),
      nextNumber(db.runs.where('projectId').equals(run.projectId), (r) => r.number),
    ]);
    if (!project) throw new Error('That project no longer exists.');
    if (version?.projectId !== run.projectId) throw new Error('The dataset version of this run no longer exists.');
    // Asked again as the run is stored: a decision recorded while it trained counts.
    await assertMayProceed(db, run.projectId, 'train', { kind: 'dataset-version', id: version.id }, nowMs());
    const record: RunRecord = { ...run, number };
    await Promise.all([
      db.runs.add(record),
      db.runArtifacts.add({ ...artifact, runId: record.id }),
      db.projects.update(run.projectId, { updatedAt: run.createdAt }),
      appendAudit(db, {
        projectId: run.projectId,
        action: 'model.run',
        detail: `Run ${record.number}: ${run.family} on dataset v${version.number}`,
        refs: { runId: record.id, datasetVersionId: run.datasetVersionId },
      }),
    ]);
    return record;
  });
}

/** The project's runs, newest first. */
export async function listRuns(db: LifecycleDatabase, projectId: string): Promise<RunRecord[]> {
  const runs = await db.runs.where('projectId').equals(projectId).toArray();
  return runs.sort((a, b) => (b.number ?? 0) - (a.number ?? 0));
}

export function getRun(db: LifecycleDatabase, id: string): Promise<RunRecord | undefined> {
  return db.runs.get(id);
}

export function getRunArtifact(db: LifecycleDatabase, runId: string): Promise<RunArtifactRecord | undefined> {
  return db.runArtifacts.get(runId);
}

/** Deletes a run and its model (not allowed once a model version was registered from it). */
export async function deleteRun(db: LifecycleDatabase, run: RunRecord): Promise<void> {
  await db.transaction('rw', [db.runs, db.runArtifacts, db.modelVersions, db.auditLog], async () => {
    if (await db.modelVersions.where('runId').equals(run.id).count()) throw new Error('A registered model version comes from this run, so it is kept.');
    await db.runs.delete(run.id);
    await db.runArtifacts.delete(run.id);
    await appendAudit(db, { projectId: run.projectId, action: 'model.run.delete', detail: `Deleted run ${run.number}`, refs: { runId: run.id } });
  });
}
