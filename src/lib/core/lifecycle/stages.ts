/**
 * The six lifecycle stages and how far along each one is, judged from plain counts gathered
 * from the database (the database layer builds a {@link LifecycleSummary}; this file never
 * queries anything).
 */
import { CANVAS_BOX_COUNT } from './canvas';
import { counted } from '../words';

export const STAGES = ['frame', 'data', 'model', 'deploy', 'monitor', 'govern'] as const;
export type StageId = (typeof STAGES)[number];
export type StageStatus = 'not-started' | 'in-progress' | 'done' | 'blocked';
export type GateStatus = 'pending' | 'approved' | 'rejected' | 'waived';

export interface StageInfo {
  id: StageId;
  /** Short name for navigation: 'Frame' … 'Govern'. */
  title: string;
  /** One sentence: what the stage is for. */
  summary: string;
  /** What the stage needs or produces, 3–5 short bullets. */
  needs: string[];
}

export const STAGE_INFO: Record<StageId, StageInfo> = {
  frame: {
    id: 'frame',
    title: 'Frame',
    summary: 'Decide which problem a prediction should solve and how success will be measured, before touching data.',
    needs: [
      'An ML Canvas with all ten boxes filled in',
      'Success criteria as measurable targets, e.g. accuracy on test ≥ 0.90 and p99 latency ≤ 200 ms',
      'The decision each prediction feeds, and who takes it',
      'A value-versus-effort estimate that says the project is worth doing',
    ],
  },
  data: {
    id: 'data',
    title: 'Data',
    summary: 'Gather, label, check and split the examples the model will learn from.',
    needs: [
      'An imported dataset, versioned by content hash',
      'Every row labelled, with label quality and class balance checked',
      'Schema validation and a bias check across segments',
      'A seeded train / validation / test split on the latest version',
    ],
  },
  model: {
    id: 'model',
    title: 'Model',
    summary: 'Train a simple baseline first, then improve only where the evaluation says it pays off.',
    needs: [
      'A baseline (TF-IDF + logistic regression) before anything fancier',
      'Runs recorded with parameters, seed, metrics and curves',
      'An evaluation against the success criteria on the test split',
      'A registered model version that traces back to its dataset version',
    ],
  },
  deploy: {
    id: 'deploy',
    title: 'Deploy',
    summary: 'Serve a registered model version behind the local prediction endpoint, safely and reversibly.',
    needs: [
      'A serving alias (champion) pointing at a model version',
      'The /api/v1/predict endpoint answering from that version',
      'A canary traffic split before a challenger takes over',
      'A rollback path to the last stable version',
    ],
  },
  monitor: {
    id: 'monitor',
    title: 'Monitor',
    summary: 'Watch the live model for technical health, business outcomes and drift, and feed what you learn back into the data.',
    needs: [
      'Prediction logs with confidence, latency and outcome',
      'Health checks: availability, error rate, latency percentiles',
      'Drift reports comparing training data with recent production data',
      'Business metrics (engagement, conversion) beside the technical ones',
      'A loop back to data collection and retraining',
    ],
  },
  govern: {
    id: 'govern',
    title: 'Govern',
    summary: 'Make the checkpoints explicit: who approves what before a model trains, ships or stays live.',
    needs: [
      'Stage gates that block: a Data Ethics Review before training, a Performance SLA before deployment',
      'A model registry with champion and challenger aliases',
      'An audit log of every decision, with approver and reason',
      'A cross-functional review for high-risk models',
      'Playbooks and templates for each stage',
    ],
  },
};

/** Plain counts gathered from the database; every field present, zero when absent. */
export interface LifecycleSummary {
  /** Non-blank ML Canvas boxes, 0..10. */
  canvasFilledBoxes: number;
  criteriaCount: number;
  datasetVersions: number;
  labelledRows: number;
  unlabelledRows: number;
  /** The latest dataset version has a train/validation/test assignment. */
  splitAssigned: boolean;
  runs: number;
  completedRuns: number;
  modelVersions: number;
  activeDeployments: number;
  /** Predictions the endpoint logged, shadow included (an imported project counts them from its minute buckets). */
  predictionLogs: number;
  healthChecks: number;
  driftReports: number;
  /** Each gate with the stage it guards (a Data Ethics Review guards 'model'). */
  gates: { stage: StageId; status: GateStatus }[];
}

export interface StageState {
  status: StageStatus;
  /** Human-readable why, e.g. "4 of 10 canvas boxes filled, 3 success criteria". */
  reason: string;
}

/** A summary of an empty project: every stage not started. */
export function emptySummary(): LifecycleSummary {
  return {
    canvasFilledBoxes: 0,
    criteriaCount: 0,
    datasetVersions: 0,
    labelledRows: 0,
    unlabelledRows: 0,
    splitAssigned: false,
    runs: 0,
    completedRuns: 0,
    modelVersions: 0,
    activeDeployments: 0,
    predictionLogs: 0,
    healthChecks: 0,
    driftReports: 0,
    gates: [],
  };
}


type BaseStatus = Exclude<StageStatus, 'blocked'>;

function frameState(s: LifecycleSummary): [BaseStatus, string] {
  const reason = `${s.canvasFilledBoxes} of ${CANVAS_BOX_COUNT} canvas boxes filled, ${counted(s.criteriaCount, 'success criterion', 'success criteria')}`;
  if (s.canvasFilledBoxes <= 0 && s.criteriaCount <= 0) return ['not-started', reason];
  if (s.canvasFilledBoxes >= CANVAS_BOX_COUNT && s.criteriaCount >= 1) return ['done', reason];
  return ['in-progress', reason];
}

function dataState(s: LifecycleSummary): [BaseStatus, string] {
  if (s.datasetVersions <= 0) return ['not-started', 'No dataset imported'];
  const reason = [
    counted(s.datasetVersions, 'dataset version'),
    `${s.labelledRows.toLocaleString('en')} labelled, ${s.unlabelledRows.toLocaleString('en')} unlabelled rows`,
    s.splitAssigned ? 'latest version split' : 'latest version not split',
  ].join(', ');
  const done = s.splitAssigned && s.labelledRows > 0 && s.unlabelledRows <= 0;
  return [done ? 'done' : 'in-progress', reason];
}

function modelState(s: LifecycleSummary): [BaseStatus, string] {
  const reason = `${counted(s.runs, 'run')} (${s.completedRuns} completed), ${counted(s.modelVersions, 'registered model version')}`;
  if (s.modelVersions >= 1) return ['done', reason];
  if (s.runs <= 0) return ['not-started', reason];
  return ['in-progress', reason];
}

/** Deploy has no middle ground in the summary: a version is either served or not. */
function deployState(s: LifecycleSummary): [BaseStatus, string] {
  const reason = counted(s.activeDeployments, 'active deployment');
  return [s.activeDeployments >= 1 ? 'done' : 'not-started', reason];
}

function monitorState(s: LifecycleSummary): [BaseStatus, string] {
  const reason = [
    counted(s.predictionLogs, 'prediction log'),
    counted(s.healthChecks, 'health check'),
    counted(s.driftReports, 'drift report'),
  ].join(', ');
  if (s.predictionLogs <= 0 && s.healthChecks <= 0) return ['not-started', reason];
  if (s.predictionLogs > 0 && s.driftReports >= 1) return ['done', reason];
  return ['in-progress', reason];
}

function governState(s: LifecycleSummary): [BaseStatus, string] {
  if (s.gates.length === 0) return ['not-started', 'No gates defined'];
  const tally: Record<GateStatus, number> = { pending: 0, approved: 0, rejected: 0, waived: 0 };
  for (const g of s.gates) tally[g.status]++;
  const parts = (Object.keys(tally) as GateStatus[]).filter((k) => tally[k] > 0).map((k) => `${tally[k]} ${k}`);
  const reason = `${counted(s.gates.length, 'gate')}: ${parts.join(', ')}`;
  const allCleared = tally.pending === 0 && tally.rejected === 0;
  return [allCleared ? 'done' : 'in-progress', reason];
}

const BASE_STATE: Record<StageId, (s: LifecycleSummary) => [BaseStatus, string]> = {
  frame: frameState,
  data: dataState,
  model: modelState,
  deploy: deployState,
  monitor: monitorState,
  govern: governState,
};

/**
 * Status of every stage from the summary counts.
 *
 * - frame: not-started with 0 canvas boxes and 0 criteria; done with all 10 boxes and ≥ 1
 *   criterion; otherwise in-progress.
 * - data: not-started without a dataset version; done when the latest version is split, some
 *   rows are labelled and none are unlabelled; otherwise in-progress.
 * - model: done once ≥ 1 model version is registered; otherwise not-started with 0 runs and
 *   in-progress with some.
 * - deploy: done with ≥ 1 active deployment, otherwise not-started (the summary has no
 *   half-deployed state).
 * - monitor: not-started with no prediction logs and no health checks; done with prediction
 *   logs and ≥ 1 drift report; otherwise in-progress.
 * - govern: not-started with no gates; done when every gate is approved or waived; otherwise
 *   in-progress.
 *
 * Gates: each gate guards the stage named in its `stage` (Data Ethics Review → 'model',
 * Performance SLA → 'deploy'). A stage with a pending or rejected guarding gate is
 * **blocked**, which overrides not-started and in-progress but never 'done': work already
 * finished is not undone by a later review. The reason then starts with the blocking gates.
 */
export function computeStageStatuses(s: LifecycleSummary): Record<StageId, StageState> {
  const result = {} as Record<StageId, StageState>;
  for (const stage of STAGES) {
    const [status, reason] = BASE_STATE[stage](s);
    const guarding = s.gates.filter((g) => g.stage === stage);
    const pending = guarding.filter((g) => g.status === 'pending').length;
    const rejected = guarding.filter((g) => g.status === 'rejected').length;
    if (status !== 'done' && pending + rejected > 0) {
      const blockers = [pending > 0 ? `${pending} pending` : '', rejected > 0 ? `${rejected} rejected` : '']
        .filter(Boolean)
        .join(' and ');
      const noun = pending + rejected === 1 ? 'gate' : 'gates';
      result[stage] = { status: 'blocked', reason: `Blocked by ${blockers} ${noun}; ${reason}` };
    } else {
      result[stage] = { status, reason };
    }
  }
  return result;
}
