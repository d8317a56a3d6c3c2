/**
 * The templates a person starts a stage's documents from, in one catalogue. A `form` template is
 * fields with prompts, some prefilled from the project's stored facts, filled in and kept per
 * project (templateFill.ts validates a fill against its entry); an `editor` template is one the
 * app already edits elsewhere (the ML Canvas on Frame), linked rather than copied; a `presets`
 * template sets stored values in one step (success criteria). Adding a template is one entry here.
 */
import type { StageId } from '../lifecycle/stages';
import { criterionText } from '../lifecycle/criteria';
import { CRITERIA_PRESETS, type CriteriaPreset } from './criteriaPresets';
import type { PlaybookFacts } from './facts';

export interface TemplateField {
  /** Key of the value in a fill: lowercase words joined by hyphens. */
  id: string;
  label: string;
  /** The question the field answers, shown under its label. */
  prompt: string;
  /** A fill counts as complete once every required field holds text. */
  required: boolean;
  /** The starting text from stored facts ('' when there is nothing to offer). */
  prefill?: (facts: PlaybookFacts) => string;
}

/** Where in the app a template is edited or its values come from: a stage and an optional view. */
export interface AppPlace {
  stage: StageId;
  view?: string;
  /** The place's name in running text ("Frame → ML Canvas"). */
  name: string;
}

interface TemplateBase {
  id: string;
  stage: StageId;
  title: string;
  /** One sentence: what the filled template is for. */
  purpose: string;
}

export interface FormTemplate extends TemplateBase {
  kind: 'form';
  fields: readonly TemplateField[];
  /** Other places the template goes with (the canvas beside the problem statement). */
  related?: readonly AppPlace[];
}

export interface EditorTemplate extends TemplateBase {
  kind: 'editor';
  where: AppPlace;
}

export interface PresetsTemplate extends TemplateBase {
  kind: 'presets';
  presets: readonly CriteriaPreset[];
  where: AppPlace;
}

export type StageTemplate = FormTemplate | EditorTemplate | PresetsTemplate;

/** Longest text a field keeps (characters). */
export const FIELD_MAX_LENGTH = 20_000;

const FRAME: AppPlace = { stage: 'frame', name: 'Frame' };

/** The criteria as lines, optionally only those measured in production. */
function criteriaLines(facts: PlaybookFacts, production?: boolean): string {
  return facts.criteria
    .filter((c) => production === undefined || (c.split === 'production') === production)
    .map((c) => `- ${criterionText(c)}`)
    .join('\n');
}

const canvasBox = (key: keyof PlaybookFacts['canvas']) => (facts: PlaybookFacts) => facts.canvas[key].trim();

function splitLine(facts: PlaybookFacts): string {
  const d = facts.dataset;
  if (!d) return '';
  if (!d.split) return `Dataset v${d.number}, not split yet.`;
  const { train, validation, test } = d.split;
  return `Dataset v${d.number}: ${train.toLocaleString('en')} train, ${validation.toLocaleString('en')} validation, ${test.toLocaleString('en')} test rows. The test rows are used once, for the final verdict.`;
}

export const TEMPLATES: readonly StageTemplate[] = [
  {
    kind: 'form',
    id: 'problem-statement',
    stage: 'frame',
    title: 'Problem statement',
    purpose: 'Says which problem a prediction solves, for whom, and how anyone will know it worked — before any data is touched.',
    related: [{ ...FRAME, name: 'Frame → ML Canvas' }],
    fields: [
      { id: 'problem', label: 'The problem today', prompt: 'Who has the problem, how often, and what does it cost them now?', required: true },
      { id: 'users', label: 'Who uses the predictions', prompt: 'Who acts on a prediction, and what can they do better with it?', required: true, prefill: canvasBox('valueProposition') },
      { id: 'prediction', label: 'What is predicted', prompt: 'From which input, and what are the possible answers?', required: true, prefill: canvasBox('predictionTask') },
      { id: 'decision', label: 'The decision it feeds', prompt: 'How does a prediction become an action, and what happens when it is wrong?', required: true, prefill: canvasBox('decisions') },
      { id: 'success', label: 'How success is measured', prompt: 'Measurable targets, and the business measure they stand for.', required: true, prefill: (f) => criteriaLines(f) },
      { id: 'constraints', label: 'Constraints', prompt: 'Speed, cost, privacy, regulation, explainability: what must hold whatever the model?', required: false },
      { id: 'out-of-scope', label: 'Out of scope', prompt: 'What this project will deliberately not do.', required: false },
    ],
  },
  {
    kind: 'editor',
    id: 'ml-canvas',
    stage: 'frame',
    title: 'ML Canvas',
    purpose: 'Ten boxes that lay out value, decisions, data and monitoring on one page; the app edits and checks it on the Frame page.',
    where: { ...FRAME, name: 'Frame → ML Canvas' },
  },
  {
    kind: 'presets',
    id: 'success-criteria-presets',
    stage: 'frame',
    title: 'Success-criteria presets',
    purpose: 'Common sets of measurable targets; applying one sets them as the project’s success criteria, which every later stage is checked against.',
    presets: CRITERIA_PRESETS,
    where: { ...FRAME, name: 'Frame → Success criteria' },
  },
  {
    kind: 'form',
    id: 'labelling-guidelines',
    stage: 'data',
    title: 'Labelling guidelines',
    purpose: 'Lets two people label the same example the same way, and lets a later reader know what a label meant.',
    fields: [
      {
        id: 'labels', label: 'Labels and their definitions', prompt: 'One line per label: what belongs in it, in a sentence.', required: true,
        prefill: (f) => (f.dataset?.classes ?? []).map((c) => `- ${c}: `).join('\n'),
      },
      { id: 'borderline', label: 'Borderline cases', prompt: 'Examples that could take two labels, and which one wins.', required: true },
      { id: 'unsure', label: 'When unsure', prompt: 'Skip, flag for a second opinion, or pick the closest label?', required: true },
      { id: 'who', label: 'Who labels, and how disagreements are settled', prompt: 'Names or roles, and who has the last word.', required: false },
      { id: 'quality', label: 'Quality check', prompt: 'What share is labelled twice, and what agreement is good enough?', required: false },
    ],
  },
  {
    kind: 'form',
    id: 'evaluation-plan',
    stage: 'model',
    title: 'Evaluation plan',
    purpose: 'Fixes how models are judged before the first result is seen, so the verdict cannot be bent to fit it.',
    fields: [
      { id: 'question', label: 'The question the evaluation answers', prompt: 'E.g. "Is the new model good enough to replace the current one?"', required: true },
      { id: 'data', label: 'Data and split', prompt: 'Which dataset version and split, and which rows are never looked at until the end?', required: true, prefill: splitLine },
      {
        id: 'baseline', label: 'Baselines', prompt: 'What any model must beat: a trivial answer, and a simple model.', required: true,
        prefill: () => 'Always answering the most common label; then a simple linear model on word counts (TF-IDF + logistic regression).',
      },
      { id: 'metrics', label: 'Metrics and targets', prompt: 'Which numbers decide, and the bound each must meet.', required: true, prefill: (f) => criteriaLines(f, false) },
      { id: 'slices', label: 'Slices to check', prompt: 'Groups that must not do much worse than the whole (by source, segment, period …).', required: false },
      { id: 'decision-rule', label: 'What decides promotion', prompt: 'When does a new model replace the current one?', required: true },
    ],
  },
  {
    kind: 'form',
    id: 'rollout-rollback',
    stage: 'deploy',
    title: 'Rollout and rollback plan',
    purpose: 'Says how a model version reaches all traffic in steps, what would stop it, and how to go back.',
    fields: [
      { id: 'version', label: 'Version to roll out', prompt: 'Which registered model version, and why now?', required: true, prefill: (f) => f.latestVersion ?? '' },
      {
        id: 'fallback', label: 'What serves now (the rollback target)', prompt: 'The version traffic goes back to if this one fails.', required: true,
        prefill: (f) => f.serving ?? 'Nothing is served yet.',
      },
      {
        id: 'steps', label: 'Rollout steps', prompt: 'Shadow, canary share, full traffic: each step and how long it lasts.', required: true,
        prefill: () => '1. Shadow: score every request, answer none.\n2. Canary on 10 % of requests.\n3. All traffic.',
      },
      { id: 'signals', label: 'Signals watched during rollout', prompt: 'The measures and bounds that must hold at each step.', required: true, prefill: (f) => criteriaLines(f, true) },
      { id: 'rollback-trigger', label: 'Rollback trigger', prompt: 'Exactly what makes us roll back, without a meeting.', required: true },
      {
        id: 'rollback-steps', label: 'How to roll back', prompt: 'The steps, who may take them, and how long they take.', required: true,
        prefill: () => 'Deploy → "Roll back to the previous deployment", with the reason; then check the endpoint answers from the previous version.',
      },
      { id: 'owner', label: 'Owner and communication', prompt: 'Who decides at each step, and who is told.', required: false },
    ],
  },
  {
    kind: 'form',
    id: 'monitoring-plan',
    stage: 'monitor',
    title: 'Monitoring plan',
    purpose: 'Says what is watched once a model is live, who is told, and how what is learned flows back into data and retraining.',
    fields: [
      { id: 'technical', label: 'Technical measures', prompt: 'Latency, error rate, availability: each with its bound.', required: true, prefill: (f) => criteriaLines(f, true) },
      { id: 'business', label: 'Business measures', prompt: 'The outcome the model exists for (engagement, conversion, time saved …) and its bound.', required: true },
      { id: 'drift', label: 'Drift checks', prompt: 'What is compared with the training data, how often, and what counts as drift.', required: true },
      { id: 'ground-truth', label: 'True outcomes', prompt: 'How and when the right answer becomes known for live predictions.', required: true },
      { id: 'alerts', label: 'Alerts and owner', prompt: 'Who is told of what, and how fast they must act.', required: true },
      { id: 'loop', label: 'Back to data and retraining', prompt: 'How live examples become a new labelled dataset version, and what triggers a retrain.', required: true, prefill: canvasBox('buildingModels') },
    ],
  },
  {
    kind: 'form',
    id: 'incident-review',
    stage: 'monitor',
    title: 'Incident review',
    purpose: 'Written after something went wrong in production: what happened, why, and what changes so it does not happen again. Blames no one.',
    fields: [
      { id: 'summary', label: 'What happened', prompt: 'Two or three sentences a newcomer understands.', required: true },
      { id: 'serving', label: 'What was serving', prompt: 'The model version (and challenger) answering at the time.', required: false, prefill: (f) => f.serving ?? '' },
      { id: 'timeline', label: 'Timeline', prompt: 'When it started, was noticed, was contained, was fixed.', required: true },
      { id: 'impact', label: 'Impact', prompt: 'Who or what was affected, and how much.', required: true },
      { id: 'detection', label: 'How it was noticed', prompt: 'By an alert, a person, a complaint? Could monitoring have caught it sooner?', required: true },
      { id: 'cause', label: 'Cause', prompt: 'What went wrong, and why it was possible (not who).', required: true },
      { id: 'actions', label: 'Follow-up actions', prompt: 'Each with an owner and a date: fixes, new checks, changes to the plans.', required: true },
    ],
  },
];

export function findTemplate(id: string): StageTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** The form template with this id, or an error naming the known ones. */
export function formTemplate(id: string): FormTemplate {
  const template = findTemplate(id);
  if (template?.kind !== 'form') {
    const known = TEMPLATES.filter((t) => t.kind === 'form').map((t) => t.id).join(', ');
    throw new Error(`There is no template "${id}" to fill in. Known templates: ${known}.`);
  }
  return template;
}

export function templatesOfStage(stage: StageId): StageTemplate[] {
  return TEMPLATES.filter((t) => t.stage === stage);
}

/** Each field's starting text: the stored fill where there is one, otherwise the prefill from facts. */
export function startingValues(template: FormTemplate, facts: PlaybookFacts): Record<string, string> {
  const stored = facts.fills[template.id]?.fields;
  const values: Record<string, string> = {};
  for (const field of template.fields) values[field.id] = stored ? (stored[field.id] ?? '') : (field.prefill?.(facts) ?? '');
  return values;
}
