/**
 * What a review, a decision or a waiver is about: one dataset version *with the content hash it
 * had*, or one model version *with the run it holds*. Covering is exact — a relabel (new hash),
 * a new dataset version or a retrain (new run, new version) is never covered by an approval of
 * the old one; it is only *related*, which is what makes a gate read "stale — re-review".
 */
import type { GateFacts } from './evidenceCatalog';

export type SubjectRef =
  | { kind: 'dataset-version'; datasetVersionId: string; number: number; contentHash: string }
  | { kind: 'model-version'; modelVersionId: string; modelName: string; version: number; runId: string };

/** Whether a record about `covered` speaks for `subject`: the very same content. */
export function covers(covered: SubjectRef, subject: SubjectRef): boolean {
  if (covered.kind === 'dataset-version' && subject.kind === 'dataset-version') {
    return covered.datasetVersionId === subject.datasetVersionId && covered.contentHash === subject.contentHash;
  }
  if (covered.kind === 'model-version' && subject.kind === 'model-version') {
    return covered.modelVersionId === subject.modelVersionId && covered.runId === subject.runId;
  }
  return false;
}

/** Whether `other` is an earlier or sibling object of the same line: the project's data, or the same model name. */
export function related(other: SubjectRef, subject: SubjectRef): boolean {
  if (other.kind === 'dataset-version' && subject.kind === 'dataset-version') return true;
  return other.kind === 'model-version' && subject.kind === 'model-version' && other.modelName === subject.modelName;
}

/** "dataset v4", "Ticket classifier v2". */
export function subjectLabel(s: SubjectRef): string {
  return s.kind === 'dataset-version' ? `dataset v${s.number}` : `${s.modelName} v${s.version}`;
}

/** The reference a record about this object stores. */
export function subjectOf(subject: GateFacts): SubjectRef {
  if (subject.kind === 'dataset-version') {
    const { datasetVersionId, number, contentHash } = subject.facts;
    return { kind: 'dataset-version', datasetVersionId, number, contentHash };
  }
  const { modelVersionId, modelName, version, runId } = subject.facts;
  return { kind: 'model-version', modelVersionId, modelName, version, runId };
}
