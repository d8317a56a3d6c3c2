/**
 * Every evidence item a gate can require, by id: the Data Ethics Review's items judge a dataset
 * version, the others a model version. Adding an item is one entry in datasetEvidence.ts or
 * modelEvidence.ts; the policy validator, the templates and the gate state all read it here.
 */
import { DATASET_EVIDENCE, type DatasetEvidenceId } from './datasetEvidence';
import { MODEL_EVIDENCE, type ModelEvidenceId } from './modelEvidence';
import type { DatasetVersionFacts, ModelVersionFacts } from './facts';
import type { GateStage, SliceFloor } from './policy';
import type { EvidenceState } from './evidenceState';

export type EvidenceId = DatasetEvidenceId | ModelEvidenceId;

export const DATASET_EVIDENCE_IDS = Object.keys(DATASET_EVIDENCE) as DatasetEvidenceId[];
export const MODEL_EVIDENCE_IDS = Object.keys(MODEL_EVIDENCE) as ModelEvidenceId[];

/** The evidence a gate of `stage` may require: dataset items guard training, model items deployment. */
export function evidenceIdsFor(stage: GateStage): readonly EvidenceId[] {
  return stage === 'model' ? DATASET_EVIDENCE_IDS : MODEL_EVIDENCE_IDS;
}

/** The title an evidence item is shown by ("No leakage between splits"); an unknown id is shown as itself. */
export function evidenceTitle(id: string): string {
  if (isDatasetEvidence(id)) return DATASET_EVIDENCE[id].title;
  return isModelEvidence(id) ? MODEL_EVIDENCE[id].title : id;
}

const isDatasetEvidence = (id: string): id is DatasetEvidenceId => Object.hasOwn(DATASET_EVIDENCE, id);
const isModelEvidence = (id: string): id is ModelEvidenceId => Object.hasOwn(MODEL_EVIDENCE, id);

/** The object a gate judges, with its facts. */
export type GateFacts = { kind: 'dataset-version'; facts: DatasetVersionFacts } | { kind: 'model-version'; facts: ModelVersionFacts };

/** Each required item's state for `subject`; an item that does not apply to it reads not-yet. */
export function evaluateEvidence(ids: readonly EvidenceId[], subject: GateFacts, floor: SliceFloor): EvidenceState[] {
  return ids.map((id) => {
    if (subject.kind === 'dataset-version' && isDatasetEvidence(id)) {
      const item = DATASET_EVIDENCE[id];
      return { id, title: item.title, checkedBy: item.checkedBy, source: item.source, ...item.judge(subject.facts) };
    }
    if (subject.kind === 'model-version' && isModelEvidence(id)) {
      const item = MODEL_EVIDENCE[id];
      return { id, title: item.title, checkedBy: item.checkedBy, source: item.source(subject.facts), ...item.judge(subject.facts, floor) };
    }
    return { id, title: id, checkedBy: 'machine', status: 'not-yet', reason: `"${id}" does not apply to a ${subject.kind.replace('-', ' ')}.`, source: { stage: 'govern', view: 'policy' } };
  });
}
