/**
 * Drill — the model that got worse after deployment. The template (state/practice/drillRegressionTemplate.ts)
 * leaves a project where the version that served well was replaced by one trained on data an
 * upstream bug broke, which now serves the same bug's requests. The expected answer, step by step:
 * check the drop is not the monitoring, roll back, diff the two versions' training data, fix for
 * good (a request contract that refuses the broken requests, the canary rule on), and write it up.
 *
 * Every step reads stored state: deployments, the project's contract and canary rule, the logged
 * requests; only what no store keeps comes from the mission's events (the verdict recorded on the
 * Monitor's "Is it real?" panel, a diff opened on the Data page).
 */
import { lastEvent, type DebriefSection, type MissionDefinition, type MissionEvent, type MissionStep, type StepResult } from '../mission';
import { checkRequestContract, describeRequestContract, type RequestContract } from '../../serving/requestContract';
import { canaryRuleText, type CanaryRule } from '../../loop/canaryRule';
import { counted } from '../../words';

/** The Monitor's "Is it real?" panel records the learner's verdict as this event: detail `verdict` ('real' | 'artefact') and each check's status by its id. */
export const ARTEFACT_VERDICT_EVENT = 'artefact-verdict';
/** The Data page records each comparison of two dataset versions it showed: detail `fromId`, `toId` (dataset version ids) and `summary`. */
export const DATA_DIFF_EVENT = 'data-diff';
export type ArtefactVerdict = 'real' | 'artefact';

/** The written answer this drill asks for, and how long it must be to count (words). */
export const ROOT_CAUSE_KEY = 'rootCause';
export const ROOT_CAUSE_MIN_WORDS = 20;
/** Share of the requests logged before the bug a contract must still accept (the suggested one bounds lengths at the 1st and 99th percentiles). */
export const CONTRACT_MIN_ACCEPTED = 0.9;

/** A model version as the drill names it, with the dataset version it was trained on. */
export interface DrillVersionFact {
  id: string;
  /** "Ticket router v1". */
  name: string;
  datasetVersionId: string | null;
  /** The dataset version's number, for words ("dataset v2"). */
  datasetNumber: number | null;
}

export interface DrillDeploymentFact {
  id: string;
  servedVersionId: string;
  createdAt: string;
  status: 'active' | 'superseded' | 'rolled-back';
}

/** What a deployment's served answers came to: answered, with an outcome, right, and decided automatically (confidence at or over the threshold). */
export interface ServedQuality {
  answered: number;
  labelled: number;
  correct: number;
  automatic: number;
}

export interface DrillRegressionFacts {
  notes: Record<string, string>;
  events: readonly MissionEvent[];
  /** The version that served well and the one trained on the broken data; null when the project no longer has them. */
  stable: DrillVersionFact | null;
  broken: DrillVersionFact | null;
  /** The deployment that put the broken version in service. */
  brokenDeploymentId: string | null;
  /** Every deployment of the project, oldest first. */
  deployments: readonly DrillDeploymentFact[];
  contract: RequestContract | null;
  /** The named fields of the requests logged before the bug (served by the stable version) and after it (the broken pipeline's). */
  requestsBefore: readonly Readonly<Record<string, string>>[];
  requestsAfter: readonly Readonly<Record<string, string>>[];
  canaryRule: CanaryRule;
  /** The served answers before the bug, after the broken version took over, and since a rollback (null when none). */
  quality: { before: ServedQuality; after: ServedQuality; sinceRollback: ServedQuality | null };
  /** The project's confidence threshold for an automatic decision. */
  threshold: number;
}

/** Tallies served answers (shadow scores left out by the caller). */
export function tallyServed(logs: readonly { label: string; confidence: number; outcome?: string }[], threshold: number): ServedQuality {
  const q: ServedQuality = { answered: logs.length, labelled: 0, correct: 0, automatic: 0 };
  for (const l of logs) {
    if (l.confidence >= threshold) q.automatic++;
    if (l.outcome === undefined) continue;
    q.labelled++;
    if (l.outcome === l.label) q.correct++;
  }
  return q;
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const time = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** "right on 93.1 % of the 160 with an outcome; 82.0 % decided automatically", or null with nothing served. */
export function qualityWords(q: ServedQuality): string | null {
  if (q.answered === 0) return null;
  const right = q.labelled ? `right on ${pct(q.correct, q.labelled)} of the ${q.labelled.toLocaleString('en-US')} with an outcome` : 'no outcome back yet';
  return `${counted(q.answered, 'answer')}: ${right}; ${pct(q.automatic, q.answered)} decided automatically`;
}

/** The deployment after the broken one that serves the stable version again, if any (the rollback). */
export function rollbackOf(f: DrillRegressionFacts): DrillDeploymentFact | undefined {
  if (!f.stable || !f.brokenDeploymentId) return undefined;
  const at = f.deployments.findIndex((d) => d.id === f.brokenDeploymentId);
  if (at < 0) return undefined;
  return f.deployments.slice(at + 1).find((d) => d.servedVersionId === f.stable!.id);
}

/** How the project's contract treats the logged requests: refused after the bug, accepted before it. */
export function contractOnLoggedRequests(f: Pick<DrillRegressionFacts, 'contract' | 'requestsBefore' | 'requestsAfter'>): { refusedAfter: number; acceptedBefore: number } {
  const refuses = (fields: Readonly<Record<string, string>>) => checkRequestContract(f.contract, { kind: 'fields', records: [fields] }) !== null;
  return {
    refusedAfter: f.requestsAfter.filter(refuses).length,
    acceptedBefore: f.requestsBefore.filter((r) => !refuses(r)).length,
  };
}

const NOT_SEEDED: StepResult = { done: false, missing: 'This project no longer has the two versions the drill started with: start the drill over.' };

function verdictStep(f: DrillRegressionFacts): StepResult {
  const event = lastEvent(f.events, ARTEFACT_VERDICT_EVENT);
  if (!event) return { done: false, missing: 'No verdict recorded yet under “Is it real?”.' };
  const checks = ['volume', 'logging', 'outcomes'].map((id) => `${id} ${event.detail?.[id] === 'ok' ? 'fine' : event.detail?.[id] === 'look' ? 'to look at' : 'not read'}`).join(', ');
  if (event.detail?.verdict !== 'real') {
    return { done: false, missing: `Your last verdict (${time(event.at)}) says the drop is an artefact of the monitoring, with the checks reading ${checks}. Read them again: if none of them explains it, the drop is real.` };
  }
  return { done: true, evidence: `You judged the drop real at ${time(event.at)}, with the checks reading ${checks}.` };
}

function rollbackStep(f: DrillRegressionFacts): StepResult {
  if (!f.stable || !f.broken || !f.brokenDeploymentId) return NOT_SEEDED;
  const back = rollbackOf(f);
  if (back) return { done: true, evidence: `${f.stable.name} serves again since ${time(back.createdAt)}, replacing ${f.broken.name}.` };
  const active = f.deployments.find((d) => d.status === 'active');
  return { done: false, missing: active?.servedVersionId === f.broken.id ? `${f.broken.name} still answers the requests.` : `${f.stable.name} does not serve yet.` };
}

function diffStep(f: DrillRegressionFacts): StepResult {
  const a = f.stable?.datasetVersionId;
  const b = f.broken?.datasetVersionId;
  if (!a || !b || !f.stable || !f.broken) return NOT_SEEDED;
  const diffs = f.events.filter((e) => e.kind === DATA_DIFF_EVENT);
  const pair = [...diffs].reverse().find((e) => (e.detail?.fromId === a && e.detail?.toId === b) || (e.detail?.fromId === b && e.detail?.toId === a));
  const names = `dataset v${f.stable.datasetNumber} (${f.stable.name}) and v${f.broken.datasetNumber} (${f.broken.name})`;
  if (pair) return { done: true, evidence: `You compared ${names} at ${time(pair.at)}: ${String(pair.detail?.summary ?? 'no summary')}.` };
  return { done: false, missing: diffs.length ? `You compared other versions: compare the training data of the two model versions, ${names}.` : `No comparison of ${names} yet.` };
}

function contractStep(f: DrillRegressionFacts): StepResult {
  if (!f.contract) return { done: false, missing: 'The project has no request contract.' };
  if (!f.contract.enabled) return { done: false, missing: 'The request contract is saved but switched off, so it refuses nothing.' };
  if (!f.requestsAfter.length) return { done: false, missing: 'No logged requests from the broken pipeline are left to check the contract against: start the drill over.' };
  const { refusedAfter, acceptedBefore } = contractOnLoggedRequests(f);
  const after = f.requestsAfter.length;
  const before = f.requestsBefore.length;
  const words = `It would refuse ${refusedAfter} of the ${after} requests logged since the bug and accept ${acceptedBefore} of the ${before} from before it`;
  if (refusedAfter < after) return { done: false, missing: `${words}: it must refuse every one of the broken requests.` };
  if (before && acceptedBefore / before < CONTRACT_MIN_ACCEPTED) return { done: false, missing: `${words}: it must still accept at least ${Math.round(CONTRACT_MIN_ACCEPTED * 100)} % of the good ones.` };
  return { done: true, evidence: `${words} (${describeRequestContract(f.contract)}).` };
}

function canaryStep(f: DrillRegressionFacts): StepResult {
  return f.canaryRule.requireCanary
    ? { done: true, evidence: `The canary rule is ${canaryRuleText(f.canaryRule)}.` }
    : { done: false, missing: 'The canary rule is off: any version may still take all traffic at once.' };
}

function rootCauseStep(f: DrillRegressionFacts): StepResult {
  const words = wordCount(f.notes[ROOT_CAUSE_KEY] ?? '');
  return words >= ROOT_CAUSE_MIN_WORDS
    ? { done: true, evidence: `Written: ${counted(words, 'word')}.` }
    : { done: false, missing: words ? `${counted(words, 'word')} so far; write at least ${ROOT_CAUSE_MIN_WORDS}.` : 'Nothing written yet.' };
}

const STEPS: readonly MissionStep<DrillRegressionFacts>[] = [
  {
    id: 'verify-real',
    title: 'Check that the drop is real, not an artefact of the monitoring',
    where: { kind: 'stage', stage: 'monitor' },
    linkText: 'Open Monitor → Is it real?',
    hint: 'On the Monitor dashboard, choose a window that holds the drop and read the three checks under “Is it real?”: request volume, logging gaps and outcome delay. If none of them explains the drop, record your verdict “the drop is real” under them.',
    check: verdictStep,
  },
  {
    id: 'roll-back',
    title: 'Roll back to the last stable version',
    where: { kind: 'stage', stage: 'deploy' },
    linkText: 'Open Deploy',
    hint: 'On the Deploy page, “Roll back to the previous deployment” serves again what served before the new version, in one step. Stop the harm first; the cause can be found afterwards.',
    check: rollbackStep,
  },
  {
    id: 'diff-data',
    title: 'Diff the training data of the two versions',
    where: { kind: 'stage', stage: 'data', view: 'diff' },
    linkText: 'Open Data → Compare versions',
    hint: 'On Deploy, tick the two versions under “Compare” and follow “Diff their training data”, or compare the two dataset versions on Data → Compare versions. Look at “Text length and missing fields”: a field that goes missing or texts that get shorter point upstream.',
    check: diffStep,
  },
  {
    id: 'request-contract',
    title: 'Refuse broken requests at the door with a request contract',
    where: { kind: 'stage', stage: 'deploy' },
    linkText: 'Open Deploy → Request contract',
    hint: 'On Deploy, “Request contract” → “Suggest from the training data” while the stable version serves, check that the field the bug dropped is required, switch “Check requests against this contract” on and save. The drill checks it against the requests your endpoint logged.',
    check: contractStep,
  },
  {
    id: 'canary-rule',
    title: 'Make the next version earn its traffic: switch the canary rule on',
    where: { kind: 'stage', stage: 'deploy' },
    linkText: 'Open Deploy → Canary rule',
    hint: 'On Deploy, “Canary rule” → “Require a canary for a version that never served” and save: the next new version starts on a small share of the requests and takes all of them only when the promotion rule says so.',
    check: canaryStep,
  },
  {
    id: 'root-cause',
    title: 'Write the root-cause summary',
    where: { kind: 'mission' },
    linkText: 'Write it below',
    hint: 'Say what happened, how you know (the figures you read), what you did first and why, and what now stops it happening again.',
    check: rootCauseStep,
  },
];

function incidentSection(f: DrillRegressionFacts): DebriefSection {
  const lines: string[] = [];
  const before = qualityWords(f.quality.before);
  const after = qualityWords(f.quality.after);
  if (f.stable && before) lines.push(`Before the bug, ${f.stable.name}: ${before}.`);
  if (f.broken && after) lines.push(`After ${f.broken.name} went live: ${after}.`);
  const since = f.quality.sinceRollback && qualityWords(f.quality.sinceRollback);
  if (f.stable && since) lines.push(`Since your rollback, ${f.stable.name}: ${since}.`);
  lines.push(`An answer counts as automatic at a confidence of ${f.threshold} or more.`);
  return { heading: 'The incident in your project’s figures', lines };
}

function orderSection(f: DrillRegressionFacts): DebriefSection {
  const lines: string[] = [];
  const verdict = lastEvent(f.events, ARTEFACT_VERDICT_EVENT);
  const back = rollbackOf(f);
  if (verdict) lines.push(`Verdict: the drop is ${verdict.detail?.verdict === 'real' ? 'real' : 'an artefact of the monitoring'} (${time(verdict.at)}).`);
  if (back) lines.push(`Rollback: ${time(back.createdAt)}.`);
  if (verdict && back) {
    lines.push(verdict.at <= back.createdAt
      ? 'You checked before you acted: a rollback on a monitoring artefact would have hidden the real problem.'
      : 'You rolled back before recording whether the drop was real: fine in an emergency, but say in the summary what told you it was real.');
  }
  const diffs = f.events.filter((e) => e.kind === DATA_DIFF_EVENT);
  if (diffs.length) lines.push(`Data comparisons opened: ${diffs.length}; the last one: ${String(diffs[diffs.length - 1].detail?.summary ?? '')}.`);
  if (!lines.length) lines.push('Nothing recorded yet.');
  return { heading: 'How you worked the incident', lines };
}

function fixSection(f: DrillRegressionFacts): DebriefSection {
  const lines: string[] = [];
  if (f.contract) {
    const { refusedAfter, acceptedBefore } = contractOnLoggedRequests(f);
    lines.push(`Request contract (${f.contract.enabled ? 'on' : 'off'}): ${describeRequestContract(f.contract)}.`);
    if (f.contract.enabled) lines.push(`On the logged requests it refuses ${refusedAfter} of ${f.requestsAfter.length} from the broken pipeline and accepts ${acceptedBefore} of ${f.requestsBefore.length} from before.`);
  } else {
    lines.push('No request contract: the next broken request would be scored, logged and, later, trained on.');
  }
  lines.push(`Canary rule: ${canaryRuleText(f.canaryRule)}.`);
  return { heading: 'The fix for good', lines };
}

export const DRILL_REGRESSION_MISSION: MissionDefinition<DrillRegressionFacts> = {
  id: 'drill-regression',
  title: 'Drill — the model that got worse after deployment',
  level: 'Interview drill',
  goal:
    'A new model version has just gone live, and since then fewer answers are right and fewer are confident enough to be acted on automatically. Work the incident as you would in production, and as an interviewer expects to hear it: make sure the drop is real, stop the harm, find the cause in the data, fix it so it cannot happen again the same way, and write the root cause down.',
  deliverables: [
    'A recorded verdict that the drop is real, with the checks that show it',
    'The last stable version serving again',
    'A comparison of the two versions’ training data that shows what changed',
    'A request contract that refuses the broken requests, and the canary rule on',
    'A written root-cause summary',
  ],
  steps: STEPS,
  prompts: [{ key: ROOT_CAUSE_KEY, label: 'Root-cause summary', hint: 'What happened, how you know, what you did first and why, and what stops it happening again.' }],
  debrief: (f) => [incidentSection(f), orderSection(f), fixSection(f)],
};
