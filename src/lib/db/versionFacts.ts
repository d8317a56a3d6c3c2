/**
 * What a registered version's model package says about it, from the stored records: the facts
 * the .zip download, the model card page and the MLflow export all write.
 */
import type { CanvasRecord, ModelVersionRecord, RunRecord } from './records';
import type { ModelVersionFacts } from '$lib/core/registry/modelVersionDocument';
import { evaluateCriteria } from '$lib/core/lifecycle/criteria';
import { unflattenMeasured } from '$lib/core/lifecycle/measured';

export function versionFacts(version: ModelVersionRecord, run: RunRecord, canvas: Pick<CanvasRecord, 'fields' | 'criteria'>, owner: string): ModelVersionFacts {
  return {
    name: version.modelName,
    version: version.version,
    description: version.description,
    family: run.family,
    tags: version.tags,
    aliases: version.aliases,
    classes: run.classes ?? [],
    owner,
    createdAt: version.createdAt,
    appVersion: version.appVersion,
    // An imported version keeps the lineage it came with: where it was really trained.
    lineage: run.importedFrom
      ? run.importedFrom.lineage
      : {
          projectId: version.projectId, modelVersionId: version.id, runId: run.id, runNumber: run.number, datasetVersionId: run.datasetVersionId || null,
          ...(run.datasetVersionNumber ? { datasetVersionNumber: run.datasetVersionNumber } : {}),
        },
    params: run.params,
    seed: run.seed,
    backend: run.backend,
    canvas: canvas.fields,
    evaluation: run.evaluation ?? null,
    criteria: evaluateCriteria(canvas.criteria, unflattenMeasured(run.metrics)),
  };
}
