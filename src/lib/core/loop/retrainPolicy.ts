/**
 * When the served model should be retrained: the project's retraining policy and the one decision
 * (`retrainDue`) the project page's task, the Monitor's Challenger view and the PM summary show.
 *
 * Scheduled:
 * - every N days since the served model's training data was cut (its dataset version's time),
 *   once new traffic has been logged since — a model nobody used has nothing new to learn from;
 * - every N new labelled rows since then.
 * Triggered (each over the last `windowDays` of served traffic, with at least `minOutcomes`
 * answers or graded answers, so one bad minute does not retrain):
 * - the newest drift report on the served model's training data flags drift;
 * - the accuracy estimated from confidences (core/monitor/cbpe.ts) misses the accuracy success
 *   criterion;
 * - the realized accuracy (graded answers) misses it.
 * A trigger that cannot be judged (no criterion, no estimate, too few outcomes) is listed in
 * `notes`, never counted as due. The clock is a fact (`nowMs`): the caller's.
 */
import { criterionText, meetsTarget, type SuccessCriterion } from '../lifecycle/criteria';

export interface RetrainPolicy {
  /** Retrain every this many days of new data since the training data; null = not scheduled by time. */
  everyDays: number | null;
  /** Retrain every this many new labelled rows; null = not scheduled by rows. */
  everyLabelledRows: number | null;
  onDrift: boolean;
  onEstimatedAccuracy: boolean;
  onRealizedAccuracy: boolean;
  /** Days of served traffic the accuracy triggers read. */
  windowDays: number;
  /** Answers (estimate) or graded answers (realized) the accuracy triggers need. */
  minOutcomes: number;
}

export const DEFAULT_RETRAIN_POLICY: Readonly<RetrainPolicy> = Object.freeze({
  everyDays: 30,
  everyLabelledRows: 500,
  onDrift: true,
  onEstimatedAccuracy: true,
  onRealizedAccuracy: true,
  windowDays: 7,
  minOutcomes: 50,
});

/** The project's policy; absent means the defaults. */
export function retrainPolicyOf(project: { retrainPolicy?: Partial<RetrainPolicy> } | undefined): RetrainPolicy {
  return { ...DEFAULT_RETRAIN_POLICY, ...project?.retrainPolicy };
}

const isWhole = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** Every reason `policy` cannot be saved (empty when it can). */
export function retrainPolicyProblems(policy: RetrainPolicy): string[] {
  const problems: string[] = [];
  if (policy.everyDays !== null && !isWhole(policy.everyDays, 1, 3650)) problems.push(`Retrain every … days: a whole number from 1 to 3,650, or off (got ${JSON.stringify(policy.everyDays)}).`);
  if (policy.everyLabelledRows !== null && !isWhole(policy.everyLabelledRows, 1, 10_000_000)) problems.push(`Retrain every … new labelled rows: a whole number from 1 to 10,000,000, or off (got ${JSON.stringify(policy.everyLabelledRows)}).`);
  if (!isWhole(policy.windowDays, 1, 365)) problems.push(`The accuracy window is a whole number of days from 1 to 365 (got ${JSON.stringify(policy.windowDays)}).`);
  if (!isWhole(policy.minOutcomes, 1, 1_000_000)) problems.push(`Answers the accuracy triggers need: a whole number from 1 to 1,000,000 (got ${JSON.stringify(policy.minOutcomes)}).`);
  for (const key of ['onDrift', 'onEstimatedAccuracy', 'onRealizedAccuracy'] as const) if (typeof policy[key] !== 'boolean') problems.push('Each trigger is either on or off.');
  return [...new Set(problems)];
}

/** What the decision reads, gathered by db/retrainFacts.ts. */
export interface RetrainFacts {
  nowMs: number;
  /** The served model; null when nothing is served. */
  served: {
    /** "Ticket router v1". */
    name: string;
    /** Its training dataset version; null when it is not in the project (an imported model). */
    trainedOn: { number: number; createdAt: string } | null;
  } | null;
  /** Served answers logged since the training data was cut. */
  predictionsSince: number;
  /** Labelled rows not in the training data: added to the dataset or graded in the logs since. */
  labelledRowsSince: number;
  /** The newest drift report on the served model's training data. */
  latestDrift: { createdAt: string; driftedChecks: number; checks: number; datasetDrift: boolean } | null;
  /** The accuracy success criterion (production first, else another split); null when none is set. */
  criterion: SuccessCriterion | null;
  /** Over the policy's window: served answers, the CBPE estimate (null without a reference calibration), graded and right answers. */
  window: { answers: number; estimatedAccuracy: number | null; graded: number; correct: number };
}

export interface RetrainDue {
  due: boolean;
  /** Why it is due, one sentence each. */
  reasons: string[];
  /** Triggers the policy asks for that could not be judged, and why. */
  notes: string[];
}

const DAY_MS = 86_400_000;
const count = (n: number) => n.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Whether the served model is due for retraining under `policy`, and every reason. */
export function retrainDue(policy: RetrainPolicy, facts: RetrainFacts): RetrainDue {
  const reasons: string[] = [];
  const notes: string[] = [];
  const { served } = facts;
  if (!served) return { due: false, reasons, notes: ['Nothing is served, so there is nothing to retrain.'] };
  const trained = served.trainedOn;
  if (policy.everyDays !== null) {
    if (!trained) notes.push(`The schedule by days needs ${served.name}'s training data, which is not in this project.`);
    else {
      const days = Math.floor((facts.nowMs - Date.parse(trained.createdAt)) / DAY_MS);
      if (days >= policy.everyDays && facts.predictionsSince > 0) {
        reasons.push(`${count(days)} days since ${served.name}'s training data (dataset version ${trained.number}, ${trained.createdAt.slice(0, 10)}) with ${count(facts.predictionsSince)} predictions logged since: the policy retrains every ${count(policy.everyDays)} days.`);
      }
    }
  }
  if (policy.everyLabelledRows !== null && facts.labelledRowsSince >= policy.everyLabelledRows) {
    reasons.push(`${count(facts.labelledRowsSince)} labelled rows are not in ${served.name}'s training data: the policy retrains every ${count(policy.everyLabelledRows)}.`);
  }
  const drift = facts.latestDrift;
  if (policy.onDrift && drift && (drift.datasetDrift || drift.driftedChecks > 0)) {
    reasons.push(`The newest drift report (${drift.createdAt.slice(0, 16).replace('T', ' ')}) flags drift: ${drift.driftedChecks} of ${drift.checks} checks drifted${drift.datasetDrift ? ' and the traffic can be told apart from the training data' : ''}.`);
  }
  const { criterion, window } = facts;
  const last = `the last ${count(policy.windowDays)} ${policy.windowDays === 1 ? 'day' : 'days'}`;
  if (policy.onEstimatedAccuracy || policy.onRealizedAccuracy) {
    if (!criterion) notes.push('The accuracy triggers need an accuracy success criterion (set one in Frame).');
    else {
      const target = criterionText(criterion);
      if (policy.onEstimatedAccuracy) {
        if (window.estimatedAccuracy === null) notes.push(`No accuracy can be estimated from confidences: ${served.name} has no calibration from a test split, or nothing was answered in ${last}.`);
        else if (window.answers < policy.minOutcomes) notes.push(`The estimated accuracy waits for ${count(policy.minOutcomes)} answers in ${last} (${count(window.answers)} so far).`);
        else if (!meetsTarget(window.estimatedAccuracy, criterion.comparator, criterion.threshold)) {
          reasons.push(`The accuracy estimated from confidences over ${last} is ${pct(window.estimatedAccuracy)} (${count(window.answers)} answers), short of the criterion "${target}".`);
        }
      }
      if (policy.onRealizedAccuracy) {
        if (window.graded < policy.minOutcomes) notes.push(`The realized accuracy waits for ${count(policy.minOutcomes)} graded answers in ${last} (${count(window.graded)} so far).`);
        else if (!meetsTarget(window.correct / window.graded, criterion.comparator, criterion.threshold)) {
          reasons.push(`The realized accuracy over ${last} is ${pct(window.correct / window.graded)} (${count(window.correct)} of ${count(window.graded)} graded answers right), short of the criterion "${target}".`);
        }
      }
    }
  }
  return { due: reasons.length > 0, reasons, notes };
}

/** The accuracy criterion the triggers compare with: on production first, else the first accuracy criterion. */
export function accuracyCriterion(criteria: readonly SuccessCriterion[]): SuccessCriterion | null {
  const accuracy = criteria.filter((c) => c.metric === 'accuracy');
  return accuracy.find((c) => c.split === 'production') ?? accuracy[0] ?? null;
}
