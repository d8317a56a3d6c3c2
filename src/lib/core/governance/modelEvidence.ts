/**
 * Evidence of the Performance SLA (and the model card), judged from a model version's run. The
 * run is the object: a retrain is another run, judged afresh. Frame criteria are read as they
 * stand now, so tightening a target is felt by the next review.
 */
import { criterionText, evaluateCriteria, meetsTarget } from '../lifecycle/criteria';
import { unflattenMeasured } from '../lifecycle/measured';
import type { ModelVersionFacts } from './facts';
import type { SliceFloor } from './policy';
import { percent, type EvidenceSource, type EvidenceState, type Verdict } from './evidenceState';
import { counted } from '../words';
import { documentApproved } from './documentEvidence';

export interface ModelEvidenceItem {
  title: string;
  checkedBy: EvidenceState['checkedBy'];
  source: (facts: ModelVersionFacts) => EvidenceSource;
  judge: (facts: ModelVersionFacts, floor: SliceFloor) => Verdict;
}

const runReport = (facts: ModelVersionFacts): EvidenceSource => ({ stage: 'model', view: `run-${facts.runNumber}` });
const NO_EVALUATION: Verdict = { status: 'not-yet', reason: 'This run has no evaluation report (a model imported from a package): evaluate a run trained here.' };

export const MODEL_EVIDENCE = {
  'criteria-pass': {
    title: 'Success criteria pass on the test split',
    checkedBy: 'machine',
    source: runReport,
    judge(facts) {
      const onTest = facts.criteria.filter((c) => c.split === 'test');
      if (onTest.length === 0) return { status: 'not-yet', reason: 'No success criterion on the test split in Frame: add one, e.g. accuracy on test >= 0.9.' };
      const results = evaluateCriteria(onTest, unflattenMeasured(facts.metrics));
      const failed = results.filter((r) => r.status === 'fail').map((r) => criterionText(r.criterion));
      if (failed.length > 0) return { status: 'fail', reason: `Missed: ${failed.join('; ')}.` };
      const unmeasured = results.filter((r) => r.status === 'unmeasured').map((r) => criterionText(r.criterion));
      if (unmeasured.length > 0) return { status: 'not-yet', reason: `Not measured by run ${facts.runNumber}: ${unmeasured.join('; ')}.` };
      return { status: 'pass', reason: `${counted(results.length, 'criterion', 'criteria')} on test pass.` };
    },
  },
  'slices-above-floor': {
    title: 'No saved slice below its floor',
    checkedBy: 'machine',
    source: runReport,
    judge(facts, floor) {
      if (!facts.evaluation) return NO_EVALUATION;
      const slices = facts.evaluation.test.perSlice;
      if (slices.length === 0) return { status: 'pass', reason: 'No saved slices to check (save them under Data → Checks).' };
      const judged = slices.filter((s) => s.n >= floor.minExamples);
      const metricName = floor.metric === 'accuracy' ? 'accuracy' : 'macro-F1';
      const below = judged.filter((s) => !(s[floor.metric] >= floor.min));
      const small = slices.length - judged.length;
      const tooSmall = small > 0 ? ` (${counted(small, 'slice')} under ${floor.minExamples} test examples not judged)` : '';
      if (below.length > 0) {
        const list = below.map((s) => `${s.name} ${percent(s[floor.metric])}`).join(', ');
        return { status: 'fail', reason: `Below the ${metricName} floor of ${percent(floor.min)}: ${list}${tooSmall}.` };
      }
      if (judged.length === 0) return { status: 'not-yet', reason: `Every saved slice has under ${floor.minExamples} test examples: too few to judge.` };
      return { status: 'pass', reason: `${counted(judged.length, 'slice')} at or above ${percent(floor.min)} ${metricName}${tooSmall}.` };
    },
  },
  'latency-p99': {
    title: 'p99 latency of the serving forward pass within the target',
    checkedBy: 'machine',
    source: runReport,
    judge(facts) {
      const targets = facts.criteria.filter((c) => c.metric === 'latency_p99_ms');
      if (targets.length === 0) return { status: 'not-yet', reason: 'No p99 latency target in Frame: add one, e.g. p99 latency <= 200 ms.' };
      if (!facts.evaluation) return NO_EVALUATION;
      const { p99, samples, backend } = facts.evaluation.latency;
      if (samples === 0 || !Number.isFinite(p99)) return { status: 'not-yet', reason: `Run ${facts.runNumber} measured no latency.` };
      const missed = targets.filter((c) => !meetsTarget(p99, c.comparator, c.threshold));
      const measured = `p99 ${p99.toFixed(1)} ms over ${counted(samples, 'prediction')} (${backend})`;
      if (missed.length > 0) return { status: 'fail', reason: `${measured} misses ${missed.map((c) => `${c.comparator} ${c.threshold} ms`).join(' and ')}.` };
      return { status: 'pass', reason: `${measured}, target ${targets.map((c) => `${c.comparator} ${c.threshold} ms`).join(' and ')}.` };
    },
  },
  'baseline-beaten': {
    title: 'Majority baseline beaten',
    checkedBy: 'machine',
    source: runReport,
    judge(facts) {
      if (!facts.evaluation) return NO_EVALUATION;
      const { test, baseline } = facts.evaluation;
      const versus = `accuracy ${percent(test.accuracy)} against ${percent(baseline.accuracy)} for always "${baseline.label}"`;
      if (baseline.verdict !== 'better') return { status: 'fail', reason: baseline.warning ?? `Not better than the baseline: ${versus}.` };
      return { status: 'pass', reason: `Better: ${versus}.` };
    },
  },
  'model-card-written': {
    title: 'Model card written by its owner',
    checkedBy: 'person',
    source: (facts) => ({ stage: 'deploy', view: `card-${facts.modelVersionId}` }),
    judge(facts) {
      const card = facts.modelCard;
      if (!card || card.modelVersionId !== facts.modelVersionId || !card.written) {
        return { status: 'not-yet', reason: `The owner has not written ${facts.modelName} v${facts.version}'s model card yet.` };
      }
      return { status: 'pass', reason: `Written by ${card.by}.` };
    },
  },
  'model-card-approved': {
    title: 'Model card approved as a document',
    checkedBy: 'person',
    source: () => ({ stage: 'govern', view: 'documents' }),
    judge: (facts) => documentApproved(facts.approvedDocuments, 'model-card', `${facts.modelName} v${facts.version}'s model card`),
  },
  'annex-iv-approved': {
    title: 'Technical documentation (Annex IV outline) approved',
    checkedBy: 'person',
    source: () => ({ stage: 'govern', view: 'documents' }),
    judge: (facts) => documentApproved(facts.approvedDocuments, 'annex-iv', 'The project’s Annex IV outline'),
  },
} satisfies Record<string, ModelEvidenceItem>;

export type ModelEvidenceId = keyof typeof MODEL_EVIDENCE;
