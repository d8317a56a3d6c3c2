/**
 * Intermediate — diagnosing a drop caused by drift, in the drift lab. The lab keeps no store of its
 * own (its state is the address), so while it shows this mission's scenario it records the
 * learner's actions as mission events; every check reads those events. The truth the findings are
 * judged against comes from the scenario's own configuration, never from what the learner saw.
 */
import { lastEvent, type DebriefSection, type MissionDefinition, type MissionEvent, type StepResult } from '../mission';
import { normalizeConfig, type CtrScenarioConfig } from '../../scenarios/ctr/config';
import { shiftedColumns } from '../../scenarios/ctr/columns';
import { DECISIONS } from '../../diagnosis/ctrReport';

export interface IntermediateFacts {
  notes: Record<string, string>;
  /** What the lab recorded while it showed the mission's scenario, oldest first. */
  events: MissionEvent[];
}

/** The mission's scenario: the lab's default story (both drifts) under its own seed, the same for every learner. */
export const INTERMEDIATE_SCENARIO: Readonly<CtrScenarioConfig> = normalizeConfig({ seed: 'practice-drift-1' });

/** Whether the lab's open scenario is the mission's (same seed, same drifts, same everything). */
export function isIntermediateScenario(config: CtrScenarioConfig): boolean {
  return JSON.stringify(normalizeConfig(config)) === JSON.stringify(INTERMEDIATE_SCENARIO);
}

/** The events the lab records (their `kind`), named once for the lab and the checks. */
export const LAB_EVENTS = {
  dropVerdict: 'drop-verdict',
  driftReport: 'drift-report',
  findings: 'findings',
  evaluation: 'challenger-evaluated',
  remedy: 'remedy',
  report: 'report',
} as const;

/** Columns the simulation never moves: naming one as drifted is a wrong finding. */
export const STABLE_COLUMNS = ['tenureDays', 'hour', 'day', 'position'] as const;

/** What really happened in the scenario: the user-mix columns the covariate shift moves, and the segment whose taste changed. */
export function scenarioTruth(config: CtrScenarioConfig = INTERMEDIATE_SCENARIO): { columns: string[]; segment: string; change: string } {
  const c = config.drifts.concept;
  return { columns: shiftedColumns(config), segment: `${c.ageBand} · ${c.device}`, change: `stopped clicking ${c.fromCategory} and prefers ${c.toCategory}` };
}

const text = (e: MissionEvent | undefined, key: string) => (typeof e?.detail?.[key] === 'string' ? (e.detail[key] as string) : '');
const num = (e: MissionEvent | undefined, key: string) => (typeof e?.detail?.[key] === 'number' ? (e.detail[key] as number) : null);
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
const ok = (evidence: string): StepResult => ({ done: true, evidence });
const no = (missing?: string): StepResult => ({ done: false, ...(missing ? { missing } : {}) });

/** Step 1: the learner's verdict matches the lab's evidence that the drop is real. */
function dropChecked(facts: IntermediateFacts): StepResult {
  const e = lastEvent(facts.events, LAB_EVENTS.dropVerdict);
  if (!e) return no();
  const mine = text(e, 'verdict');
  const evidence = text(e, 'evidence');
  if (mine === 'real' && evidence === 'real') return ok(`You judged the drop real in week ${num(e, 'week')}: ${text(e, 'explanation')}`);
  if (mine !== 'real') return no('You judged it a monitoring artefact: look again at traffic volume, the days logged, latency and errors.');
  if (evidence === 'no-drop') return no('When you judged, CTR had not yet fallen beyond noise: play on and judge again.');
  return no('You judged before the lab could compare enough weeks: simulate at least six weeks and judge again.');
}

function driftReported(facts: IntermediateFacts): StepResult {
  const reports = facts.events.filter((e) => e.kind === LAB_EVENTS.driftReport);
  const found = [...reports].reverse().find((e) => (num(e, 'driftedCount') ?? 0) > 0);
  if (found) return ok(`Reference ${text(found, 'reference')} against current ${text(found, 'current')}: ${num(found, 'driftedCount')} of ${num(found, 'columnCount')} columns drifted (${text(found, 'drifted')}).`);
  if (reports.length) return no('Your report found no drifted column: compare weeks before the drift began with the latest weeks.');
  return no();
}

/** Step 3: every column the user mix moved is named, no column that never moves is, and the segment is the one whose taste changed. */
function findingsRight(facts: IntermediateFacts): StepResult {
  const e = lastEvent(facts.events, LAB_EVENTS.findings);
  if (!e) return no();
  const truth = scenarioTruth();
  const named = list(text(e, 'columns'));
  const segment = text(e, 'segment');
  const missed = truth.columns.filter((c) => !named.includes(c)).length;
  const wrong = named.filter((c) => (STABLE_COLUMNS as readonly string[]).includes(c));
  const problems: string[] = [];
  if (missed) problems.push(`${missed} of the columns whose distribution moved ${missed === 1 ? 'is' : 'are'} not named (a small shift can stay under a distance test’s threshold: try a p-value test on the user columns)`);
  if (wrong.length) problems.push(`${wrong.join(', ')} did not drift`);
  if (segment !== truth.segment) problems.push(segment ? `${segment} is not where the model over-promises most` : 'no segment named');
  if (problems.length) return no(`Your findings: ${problems.join('; ')}.`);
  return ok(`Drifted columns: ${named.join(', ')}; the segment the model stopped being right for: ${segment}.`);
}

function evaluated(facts: IntermediateFacts): StepResult {
  const e = lastEvent(facts.events, LAB_EVENTS.evaluation);
  if (!e) return no();
  return ok(`On ${text(e, 'window')} the ${text(e, 'winner')} won (log loss ${num(e, 'championLogLoss')?.toFixed(4)} → ${num(e, 'challengerLogLoss')?.toFixed(4)}).`);
}

function remedied(facts: IntermediateFacts): StepResult {
  const remedies = facts.events.filter((e) => e.kind === LAB_EVENTS.remedy);
  if (!remedies.length) return no();
  return ok(remedies.map((e) => text(e, 'label')).join('; ') + '.');
}

function decided(facts: IntermediateFacts): StepResult {
  const e = lastEvent(facts.events, LAB_EVENTS.report);
  if (!e) return no();
  const decision = text(e, 'decision');
  if (!(decision in DECISIONS)) return no('The report you downloaded has no decision: choose one before downloading it.');
  if (!e.detail?.rationale) return no('The report you downloaded says what you decided but not why: write your reasons.');
  return ok(`Decision: ${DECISIONS[decision as keyof typeof DECISIONS]}.`);
}

function debrief(facts: IntermediateFacts): DebriefSection[] {
  const truth = scenarioTruth();
  const { concept, covariate } = INTERMEDIATE_SCENARIO.drifts;
  const findings = lastEvent(facts.events, LAB_EVENTS.findings);
  const yours = findings ? `You named ${list(text(findings, 'columns')).join(', ') || 'no column'} and the segment ${text(findings, 'segment') || '(none)'}.` : 'You recorded no findings.';
  const sections: DebriefSection[] = [
    {
      heading: 'What really happened',
      lines: [
        `From week ${covariate.startWeek} the user mix shifted (${truth.columns.join(', ')}), ramping in over ${covariate.rampWeeks} weeks.`,
        `From week ${concept.startWeek} the segment ${truth.segment} ${truth.change}: concept drift the model could not see.`,
        yours,
      ],
    },
  ];
  const effects = facts.events.filter((e) => e.kind === LAB_EVENTS.remedy).map((e) => `${text(e, 'label')}.`);
  if (effects.length) sections.push({ heading: 'Remedies you applied', lines: effects });
  const report = lastEvent(facts.events, LAB_EVENTS.report);
  if (report) sections.push({ heading: 'Your report', lines: [`“${text(report, 'title')}”: ${DECISIONS[text(report, 'decision') as keyof typeof DECISIONS] ?? 'no decision'}.`] });
  return sections;
}

export const INTERMEDIATE_MISSION: MissionDefinition<IntermediateFacts> = {
  id: 'intermediate',
  title: 'Diagnosing a drop caused by drift',
  level: 'Intermediate',
  goal:
    'A recommendation feed’s click-through rate has been falling for weeks while latency and errors look fine. In the drift lab, confirm the drop is real, find what drifted ' +
    'in the data and the segment the model stopped being right for, weigh a challenger against the serving model, fix it, and write down your decision.',
  deliverables: ['A verdict on whether the drop is real', 'A drift report and your findings: the drifted columns and the segment', 'A champion–challenger evaluation', 'A remedy and its effect', 'The diagnosis report with your decision and why'],
  steps: [
    {
      id: 'drop-real',
      title: 'Confirm the drop is real, not a monitoring artefact',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → 1. Is the drop real?',
      hint: 'Play at least six weeks, read the traffic, logging, latency and error charts, then give your verdict in the mission panel at the top of the lab.',
      check: dropChecked,
    },
    {
      id: 'drift-report',
      title: 'Run the drift report',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → 2. What drifted in the data?',
      hint: 'Compare reference weeks from before the drop with the latest weeks and press “Run the drift report”.',
      check: driftReported,
    },
    {
      id: 'findings',
      title: 'Name the drifted columns and the segment',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → your findings',
      hint: 'A column can move only because another one did: name the user-mix columns that shifted. Then under “3. Where did the model stop being right?” find the segment whose actual CTR fell below what the model predicts, and record both in the mission panel.',
      check: findingsRight,
    },
    {
      id: 'challenger',
      title: 'Evaluate a challenger against the serving model',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → 4. Champion against challenger',
      hint: 'Pick training weeks after the drift began, hold out later weeks, and press “Evaluate the challenger”.',
      check: evaluated,
    },
    {
      id: 'remedy',
      title: 'Apply a remedy',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → 4. Fix it',
      hint: 'Retrain on recent weeks, deploy the challenger, change the features or roll back — then step on to see its effect.',
      check: remedied,
    },
    {
      id: 'decision',
      title: 'Record your decision in the diagnosis report',
      where: { kind: 'lab' },
      linkText: 'Open the drift lab → 5. The diagnosis report',
      hint: 'Choose a decision, say why, and download the report (Markdown or JSON).',
      check: decided,
    },
  ],
  prompts: [{ key: 'watch', label: 'What would you monitor from now on, so the next drift is caught sooner?', hint: 'Which figure, per which segment, with what threshold.' }],
  debrief,
};
