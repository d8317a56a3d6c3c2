/**
 * One short playbook per lifecycle stage: what to do (in order), what it delivers, which checks
 * the app runs, and the mistakes teams commonly make. Each item is either checked from stored
 * state (`check`, a pure function of the facts) or ticked by a person (`manual` says plainly why
 * the app cannot check it). Adding an item is one entry; progress.ts turns facts into ticks.
 */
import { CANVAS_BOX_COUNT, filledBoxCount } from '../lifecycle/canvas';
import { evaluateCriteria, metricById } from '../lifecycle/criteria';
import { unflattenMeasured } from '../lifecycle/measured';
import type { StageId } from '../lifecycle/stages';
import { isLinearFamily } from '../models/catalog';
import { counted } from '../words';
import type { PlaybookFacts } from './facts';
import { missingRequired } from './templateFill';
import { formTemplate, type AppPlace } from './templates';

export interface CheckOutcome {
  done: boolean;
  /** What the stored state says, in a short sentence. */
  detail: string;
}

export interface PlaybookItem {
  /** `<stage>.<words>`, unique across all playbooks: ticks are stored under it. */
  id: string;
  /** What to do, as an instruction. */
  text: string;
  /** Where in the app it is done. */
  where: AppPlace;
  /** How the app judges it from stored state; absent for items a person ticks. */
  check?: (facts: PlaybookFacts) => CheckOutcome;
  /** For an item a person ticks: why the app cannot check it. */
  manual?: string;
}

export interface Playbook {
  stage: StageId;
  /** One sentence: what the stage is done for. */
  goal: string;
  items: readonly PlaybookItem[];
  deliverables: readonly string[];
  /** The checks the app itself runs in this stage. */
  appChecks: readonly string[];
  mistakes: readonly string[];
}

const outcome = (done: boolean, detail: string): CheckOutcome => ({ done, detail });

/** Done once the template's fill is saved with every required field. */
function templateFilled(templateId: string) {
  const template = formTemplate(templateId);
  return (facts: PlaybookFacts): CheckOutcome => {
    const fill = facts.fills[template.id];
    if (!fill) return outcome(false, `No ${template.title.toLowerCase()} saved yet.`);
    const missing = missingRequired(template, fill.fields);
    if (missing.length) return outcome(false, `Saved, but still to fill in: ${missing.join(', ')}.`);
    return outcome(true, `Saved${fill.by ? ` by ${fill.by}` : ''}.`);
  };
}

const place = (stage: StageId, name: string, view?: string): AppPlace => ({ stage, name, ...(view ? { view } : {}) });
const FRAME = place('frame', 'Frame');
const DATA = place('data', 'Data → Versions & import');
const CHECKS = place('data', 'Data → Checks', 'checks');
const TRAIN = place('model', 'Model → Train');
const DEPLOY = place('deploy', 'Deploy');
const MONITOR = place('monitor', 'Monitor');

export const PLAYBOOKS: Readonly<Record<StageId, Playbook>> = {
  frame: {
    stage: 'frame',
    goal: 'Agree on the problem, the decision a prediction feeds and the measurable targets before any data is touched.',
    items: [
      { id: 'frame.problem-statement', text: 'Write the problem statement', where: FRAME, check: templateFilled('problem-statement') },
      {
        id: 'frame.canvas', text: 'Fill in every box of the ML Canvas', where: place('frame', 'Frame → ML Canvas'),
        check: (f) => {
          const n = filledBoxCount(f.canvas);
          return outcome(n >= CANVAS_BOX_COUNT, `${n} of ${CANVAS_BOX_COUNT} boxes filled.`);
        },
      },
      {
        id: 'frame.criteria', text: 'Set success criteria as measurable targets', where: place('frame', 'Frame → Success criteria'),
        check: (f) => outcome(f.criteria.length > 0, f.criteria.length ? `${counted(f.criteria.length, 'criterion', 'criteria')} set.` : 'No success criteria yet.'),
      },
      {
        id: 'frame.quality-and-speed', text: 'Give both a quality target and a speed target', where: place('frame', 'Frame → Success criteria'),
        check: (f) => {
          const units = new Set(f.criteria.map((c) => metricById(c.metric)?.unit));
          const quality = units.has('ratio');
          const speed = units.has('ms');
          return outcome(quality && speed, quality && speed ? 'Both are set.' : quality ? 'No latency target yet.' : speed ? 'No quality target yet.' : 'Neither is set yet.');
        },
      },
      {
        id: 'frame.value-effort', text: 'Weigh the value against the effort, and agree the project is worth doing', where: FRAME,
        manual: 'The app does not estimate value or effort: tick this once the people who fund the work have agreed.',
      },
    ],
    deliverables: ['Problem statement', 'ML Canvas', 'Success criteria', 'A go or no-go on value against effort'],
    appChecks: ['Counts the filled canvas boxes', 'Reads each success criterion as a target and refuses one it cannot measure'],
    mistakes: [
      'Starting from the data or a model instead of the decision the prediction feeds.',
      'Targets nobody can measure ("users are happier") or only a quality target, with no bound on speed or cost.',
      'Nobody named who acts on a prediction, or what happens when it is wrong.',
    ],
  },
  data: {
    stage: 'data',
    goal: 'Gather, label, check and split the examples the model learns from, so its test score means something.',
    items: [
      {
        id: 'data.imported', text: 'Import the data as a versioned dataset', where: DATA,
        check: (f) => outcome(f.summary.datasetVersions > 0, f.summary.datasetVersions ? `${counted(f.summary.datasetVersions, 'dataset version')} stored.` : 'No dataset imported yet.'),
      },
      { id: 'data.guidelines', text: 'Write labelling guidelines', where: DATA, check: templateFilled('labelling-guidelines') },
      {
        id: 'data.labelled', text: 'Label every row', where: place('data', 'Data → Label', 'label'),
        check: (f) => {
          const { labelledRows: done, unlabelledRows: left } = f.summary;
          return outcome(done > 0 && left === 0, f.dataset ? `${done.toLocaleString('en')} labelled, ${left.toLocaleString('en')} unlabelled in the newest version.` : 'No dataset yet.');
        },
      },
      {
        id: 'data.checks', text: 'Run the data checks on the newest version', where: CHECKS,
        check: (f) => outcome(Boolean(f.dataset?.checksRun), f.dataset ? (f.dataset.checksRun ? `Checked v${f.dataset.number}.` : `v${f.dataset.number} has not been checked yet.`) : 'No dataset yet.'),
      },
      {
        id: 'data.split', text: 'Split the newest version into train, validation and test', where: DATA,
        check: (f) => outcome(Boolean(f.dataset?.split), f.dataset ? (f.dataset.split ? `v${f.dataset.number} is split.` : `v${f.dataset.number} is not split yet.`) : 'No dataset yet.'),
      },
      {
        id: 'data.no-leakage', text: 'Keep every text in one split only', where: CHECKS,
        check: (f) => {
          const d = f.dataset;
          if (!d?.split) return outcome(false, 'Split the data first.');
          if (!d.checksRun || d.leakedRows === null) return outcome(false, `Run the checks on v${d.number} to find out.`);
          return outcome(d.leakedRows === 0, d.leakedRows === 0 ? 'No text appears in two splits.' : `${d.leakedRows.toLocaleString('en')} rows share their text with another split.`);
        },
      },
      {
        id: 'data.label-leak', text: 'Make sure no column gives the label away', where: CHECKS,
        manual: 'Data → Checks shows columns that go with the label, but only a person knows whether one is filled in after the outcome: tick this once you have looked.',
      },
    ],
    deliverables: ['A versioned dataset', 'Labelling guidelines', 'The data checks’ findings on the version trained on', 'A seeded train / validation / test split'],
    appChecks: ['Schema and values at import', 'Personal data in texts', 'Class balance, overall and per segment', 'Conflicting labels on identical and near-identical texts', 'Texts shared between splits', 'Columns strongly tied to the label'],
    mistakes: [
      'Leakage between splits: the same or nearly the same example in train and test, so the test score flatters the model.',
      'A column that leaks the label: filled in only once the outcome is known, so the model learns the answer, not the problem.',
      'Labelling without written guidelines, so two people label the same case differently.',
      'Looking at class balance overall only, not per segment or period.',
    ],
  },
  model: {
    stage: 'model',
    goal: 'Train a simple baseline first, and improve on it only where the evaluation says it pays.',
    items: [
      { id: 'model.evaluation-plan', text: 'Write the evaluation plan before training', where: TRAIN, check: templateFilled('evaluation-plan') },
      {
        id: 'model.baseline', text: 'Train a simple baseline first (a linear model on word counts)', where: TRAIN,
        check: (f) => {
          const run = f.runs.find((r) => isLinearFamily(r.family));
          return outcome(Boolean(run), run ? `Run ${run.number} is a linear baseline.` : 'No linear baseline trained yet.');
        },
      },
      {
        id: 'model.beats-majority', text: 'Beat always answering the most common label', where: TRAIN,
        check: (f) => {
          const run = f.runs.find((r) => r.beatsMajority === true);
          return outcome(Boolean(run), run ? `Run ${run.number} beats it on test.` : f.runs.length ? 'No run beats it yet.' : 'No run yet.');
        },
      },
      {
        id: 'model.meets-criteria', text: 'Meet every test-set success criterion with one run', where: place('model', 'Model → Runs', 'runs'),
        check: (f) => {
          const onTest = f.criteria.filter((c) => c.split === 'test');
          if (!onTest.length) return outcome(false, 'No success criterion is measured on test.');
          const run = f.runs.find((r) => evaluateCriteria(onTest, unflattenMeasured(r.metrics)).every((x) => x.status === 'pass'));
          return outcome(Boolean(run), run ? `Run ${run.number} meets ${counted(onTest.length, 'criterion', 'criteria')} on test.` : `No run meets all ${counted(onTest.length, 'test criterion', 'test criteria')} yet.`);
        },
      },
      {
        id: 'model.registered', text: 'Register the chosen run as a model version', where: TRAIN,
        check: (f) => outcome(f.latestVersion !== null, f.latestVersion ? `${f.latestVersion} is registered.` : 'Nothing registered yet.'),
      },
    ],
    deliverables: ['Evaluation plan', 'A baseline run and its report', 'A registered model version that traces back to its data'],
    appChecks: ['Accuracy, per-class precision, recall and F1 on each split', 'Confusion matrix and calibration', 'Comparison with always answering the most common label', 'Success criteria on test', 'Prediction latency'],
    mistakes: [
      'No baseline: a complex model first, with nothing to say whether its complexity pays.',
      'Choosing among models on the test split, so the final score is no longer an honest estimate.',
      'One overall number hiding a class or a segment the model fails.',
    ],
  },
  deploy: {
    stage: 'deploy',
    goal: 'Serve a registered model version in steps, with a way back that has been tried.',
    items: [
      { id: 'deploy.plan', text: 'Write the rollout and rollback plan', where: DEPLOY, check: templateFilled('rollout-rollback') },
      {
        id: 'deploy.deployed', text: 'Deploy a registered version behind the endpoint', where: DEPLOY,
        check: (f) => outcome(f.serving !== null, f.serving ? `${f.serving} is served.` : 'Nothing is deployed yet.'),
      },
      {
        id: 'deploy.answered', text: 'Send the endpoint real requests and read its answers', where: DEPLOY,
        check: (f) => outcome(f.summary.predictionLogs > 0, f.summary.predictionLogs ? `${counted(f.summary.predictionLogs, 'prediction')} logged.` : 'No prediction logged yet.'),
      },
      {
        id: 'deploy.challenger', text: 'Try a new version in shadow or as a canary before it takes all traffic', where: DEPLOY,
        check: (f) => outcome(f.challengerTried, f.challengerTried ? 'A challenger has taken shadow or canary traffic.' : 'No challenger has been tried yet.'),
      },
      {
        id: 'deploy.rollback-tried', text: 'Roll back once, to know the way back works', where: DEPLOY,
        check: (f) => outcome(f.rolledBack, f.rolledBack ? 'A rollback has been done.' : 'No rollback yet.'),
      },
    ],
    deliverables: ['Rollout and rollback plan', 'A served model version', 'A record of every deployment and rollback'],
    appChecks: ['Gates before a version is deployed', 'Canary and shadow traffic splits', 'The endpoint logs every request and answer', 'Rollback to the previous deployment'],
    mistakes: [
      'No rollback plan: when the new version misbehaves, nobody knows what to go back to or who may decide.',
      'Switching all traffic at once, so a problem hits everyone before anyone sees it.',
      'Serving a version nobody evaluated on the data it will meet.',
    ],
  },
  monitor: {
    stage: 'monitor',
    goal: 'Watch the live model’s health, its outcomes and its inputs, and feed what is learned back into the data.',
    items: [
      { id: 'monitor.plan', text: 'Write the monitoring plan', where: MONITOR, check: templateFilled('monitoring-plan') },
      {
        id: 'monitor.health', text: 'Record health probes of the endpoint', where: MONITOR,
        check: (f) => outcome(f.summary.healthChecks > 0, f.summary.healthChecks ? `${counted(f.summary.healthChecks, 'probe')} recorded.` : 'No probe recorded yet.'),
      },
      {
        id: 'monitor.drift', text: 'Compare recent inputs with the training data in a drift report', where: place('monitor', 'Monitor → Drift', 'drift'),
        check: (f) => outcome(f.summary.driftReports > 0, f.summary.driftReports ? `${counted(f.summary.driftReports, 'drift report')} stored.` : 'No drift report yet.'),
      },
      {
        id: 'monitor.business', text: 'Watch a business measure beside the technical ones', where: MONITOR,
        manual: 'The app records technical measures only: tick this once the business measure in the monitoring plan is watched somewhere.',
      },
      {
        id: 'monitor.loop', text: 'Turn production traffic into a labelled dataset version and retrain on it', where: DATA,
        manual: 'The app cannot do this yet (it comes in a later version): tick it when you have done it by hand, e.g. by exporting the logged texts and importing them labelled.',
      },
    ],
    deliverables: ['Monitoring plan', 'Health and drift records', 'Incident reviews when something went wrong', 'New labelled data from production'],
    appChecks: ['Latency, error rate and availability against the success criteria', 'Prediction confidence over time', 'Drift of inputs and predictions against the training data', 'Accuracy where true outcomes are known'],
    mistakes: [
      'Neglecting the feedback loop: monitoring finds drift, but nothing flows back into data collection and retraining.',
      'Watching only technical measures while the business outcome the model exists for quietly falls.',
      'No true outcomes for live predictions, so production accuracy is a guess.',
    ],
  },
  govern: {
    stage: 'govern',
    goal: 'Make who approves what explicit, keep a trail of it, and review approvals again as things change.',
    items: [
      {
        id: 'govern.risk', text: 'Answer the risk questionnaire', where: place('govern', 'Govern → Risk tier', 'risk'),
        check: (f) => outcome(f.riskTier !== null, f.riskTier ? `Answered: ${f.riskTier} tier.` : 'Not answered yet.'),
      },
      {
        id: 'govern.people', text: 'Name the people and the roles they hold', where: place('govern', 'Govern → People', 'people'),
        check: (f) => outcome(f.peopleWithRoles > 0, f.peopleWithRoles ? `${counted(f.peopleWithRoles, 'person', 'people')} with a role.` : 'Nobody with a role yet.'),
      },
      {
        id: 'govern.policy', text: 'Publish a governance policy', where: place('govern', 'Govern → Policy', 'policy'),
        check: (f) => outcome(f.policy !== null, f.policy ? `v${f.policy.version} “${f.policy.name}” is in force.` : 'No policy published yet.'),
      },
      {
        id: 'govern.gates-cleared', text: 'Clear every gate by a decision or a waiver', where: place('govern', 'Govern → Gates'),
        check: (f) => {
          const gates = f.summary.gates;
          const open = gates.filter((g) => g.status === 'pending' || g.status === 'rejected').length;
          return outcome(gates.length > 0 && open === 0, gates.length ? (open ? `${counted(open, 'gate')} still open.` : `All ${counted(gates.length, 'gate')} cleared.`) : 'No gates yet.');
        },
      },
      {
        id: 'govern.re-review', text: 'Put the next review of each approval in a calendar, and hold it', where: place('govern', 'Govern → Gates'),
        manual: 'The app shows when an approval falls due, but not whether the review was held: tick this once the dates are someone’s job.',
      },
    ],
    deliverables: ['Risk tier with the answers behind it', 'Published policy', 'Decisions and waivers with reasons', 'A verifiable audit trail'],
    appChecks: ['Gates that block training, promotion and serving', 'Waivers that expire', 'A hash-chained audit trail'],
    mistakes: [
      'Approvals never re-reviewed: a model approved once keeps serving long after its data, use or risk changed.',
      'The same person building and approving a model.',
      'Waivers without an owner or an end date.',
    ],
  },
};

/** Every item of every playbook, with its stage, in stage order. */
export function allPlaybookItems(): { stage: StageId; item: PlaybookItem }[] {
  return Object.values(PLAYBOOKS).flatMap((p) => p.items.map((item) => ({ stage: p.stage, item })));
}

export function findPlaybookItem(id: string): PlaybookItem | undefined {
  return allPlaybookItems().find((x) => x.item.id === id)?.item;
}
