/**
 * The one next step a project's stored state suggests, shown under the stage strip on every
 * stage page: opening a project used to land on a Frame page marked "Done" with nothing saying
 * what to do. The steps follow the lifecycle in order; a gate that blocks the next step comes
 * first, because nothing else moves until it is cleared. Read from the same counts as the strip
 * (stages.ts), so the hint and the statuses never disagree.
 */
import type { LifecycleSummary, StageId } from './stages';

export interface NextStep {
  /** What to do, e.g. "split the data". */
  action: string;
  /** Where it is done. */
  stage: StageId;
  /** A view of that stage, e.g. 'label' on Data; undefined for the stage's main page. */
  view?: string;
}

const blocked = (s: LifecycleSummary, stage: StageId) => s.gates.some((g) => g.stage === stage && (g.status === 'pending' || g.status === 'rejected'));

export function nextStep(s: LifecycleSummary): NextStep {
  if (s.canvasFilledBoxes <= 0 && s.criteriaCount <= 0) return { action: 'frame the problem: the ML Canvas and a success criterion', stage: 'frame' };
  if (s.datasetVersions <= 0) return { action: 'import a dataset', stage: 'data' };
  if (s.labelledRows <= 0) return { action: 'label examples', stage: 'data', view: 'label' };
  if (!s.splitAssigned) return { action: 'split the data into train, validation and test', stage: 'data' };
  if (s.completedRuns <= 0) {
    if (blocked(s, 'model')) return { action: 'clear the gate that guards training', stage: 'govern' };
    return { action: 'train a baseline', stage: 'model' };
  }
  if (s.criteriaCount <= 0) return { action: 'set a success criterion to judge the runs by', stage: 'frame' };
  if (s.modelVersions <= 0) return { action: 'register a run as a model version', stage: 'model' };
  if (s.activeDeployments <= 0) {
    if (blocked(s, 'deploy')) return { action: 'clear the gate that guards deployment', stage: 'govern' };
    return { action: 'deploy a model version', stage: 'deploy' };
  }
  if (s.predictionLogs <= 0) return { action: 'send requests to the endpoint', stage: 'deploy' };
  if (s.driftReports <= 0) return { action: 'check for drift', stage: 'monitor', view: 'drift' };
  if (s.gates.some((g) => g.status === 'pending' || g.status === 'rejected')) return { action: 'review the open gates', stage: 'govern' };
  if (s.unlabelledRows > 0) return { action: `label the ${s.unlabelledRows.toLocaleString('en')} unlabelled rows, then retrain`, stage: 'data', view: 'label' };
  return { action: 'watch the dashboard; retrain when drift or a criterion says so', stage: 'monitor' };
}
