/**
 * The model card of a registered version as Markdown, in the sections of Google's Model Card
 * Toolkit: model details, intended use, parameters, quantitative analysis, considerations — plus
 * the project's success criteria with pass/fail. Everything comes from the version's data
 * (`lifecycle-lab.json`) and the vectorizer settings, so an imported package's card can be
 * written again. All text from data goes through `markdownText.ts`: it cannot break the
 * document's structure. Numbers are formatted without locale, so the card is deterministic.
 */
import { metricById } from '../lifecycle/criteria';
import { MODEL_CATALOG } from '../models/catalog';
import type { ResolvedTfidfOptions } from '../text/tfidfOptions';
import { inlineText, lineText, markdownTable, paragraphs } from './markdownText';
import type { ModelVersionData, PackagedCriterion, PackagedEvaluation, PackagedSplit } from './modelVersionDocument';
import { EMPTY_MODEL_CARD_EDITS, type ModelCardEdits } from './modelCardEdits';

export interface ModelCardInput {
  data: ModelVersionData;
  /** The fitted vectorizer's settings and vocabulary size; null when unknown. */
  vectorizer: { options: ResolvedTfidfOptions; vocabularySize: number } | null;
  /** One line per layer, input side first ("Dense, 3 units, softmax"); omitted when unknown. */
  layers?: readonly string[];
  /** What the owner wrote; empty fields fall back to generated text. */
  edits?: ModelCardEdits;
}

const DASH = '—';

function pct(x: number | null): string {
  return x === null ? DASH : `${(x * 100).toFixed(1)} %`;
}

function pp(x: number | null, y: number | null): string {
  if (x === null || y === null) return DASH;
  const d = (x - y) * 100;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} pp`;
}

function ms(x: number | null): string {
  return x === null ? DASH : `${x.toFixed(1)} ms`;
}

function fixed(x: number | null, digits: number): string {
  return x === null ? DASH : x.toFixed(digits);
}

function item(label: string, value: string): string {
  return `- **${label}:** ${value}`;
}

function list(values: readonly string[], empty = 'none'): string {
  return values.length === 0 ? empty : values.map(inlineText).join(', ');
}

function paramValue(v: string | number | boolean | number[]): string {
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function familyTitle(id: string): string {
  const family = MODEL_CATALOG.find((f) => f.id === id);
  return family ? `${inlineText(family.title)} (${inlineText(id)})` : inlineText(id);
}

function datasetName(data: ModelVersionData): string {
  const { datasetVersionNumber: n, datasetVersionId: id } = data.lineage;
  if (n !== null) return `dataset v${n}`;
  return id !== null ? `dataset version ${inlineText(id)}` : 'an unrecorded dataset version';
}

function detailsSection(data: ModelVersionData, edits: ModelCardEdits): string[] {
  const { lineage } = data;
  const lineageParts = [
    lineage.projectId !== null ? `project ${inlineText(lineage.projectId)}` : null,
    lineage.runId !== null ? `run ${lineage.runNumber !== null ? `#${lineage.runNumber} ` : ''}(${inlineText(lineage.runId)})` : null,
    lineage.datasetVersionId !== null || lineage.datasetVersionNumber !== null
      ? `${datasetName(data)}${lineage.datasetVersionNumber !== null && lineage.datasetVersionId !== null ? ` (${inlineText(lineage.datasetVersionId)})` : ''}`
      : null,
    lineage.modelVersionId !== null ? `registry entry ${inlineText(lineage.modelVersionId)}` : null,
  ].filter((p): p is string => p !== null);
  const tags = Object.entries(data.tags).map(([k, v]) => `${inlineText(k)} = ${inlineText(v)}`);
  return [
    '## Model details',
    '',
    edits.overview ? paragraphs(edits.overview) : data.description ? paragraphs(data.description) : '_No description was given when this version was registered._',
    '',
    item('Name', inlineText(data.name)),
    item('Version', String(data.version)),
    item('Family', familyTitle(data.family)),
    item('Created', inlineText(data.createdAt)),
    item('Owner / contact', edits.owners ? inlineText(edits.owners) : data.owner ? inlineText(data.owner) : 'not recorded'),
    item('License', edits.license ? inlineText(edits.license) : 'not stated'),
    ...(edits.references ? [item('References', edits.references.split(/\r?\n/).map(inlineText).filter(Boolean).join('; '))] : []),
    item('Tags', tags.length > 0 ? tags.join(', ') : 'none'),
    item('Aliases', list(data.aliases)),
    item('Lineage', lineageParts.length > 0 ? lineageParts.join('; ') : 'not recorded'),
    item('Made with', `Lifecycle Lab ${data.appVersion ? inlineText(data.appVersion) : '(version not recorded)'}, trained on the ${inlineText(data.backend || 'unknown')} backend`),
    item('Files', 'model.json and weights.bin (TensorFlow.js layers format), vectorizer.json (TF-IDF), lifecycle-lab.json (this information as data)'),
  ];
}

function intendedUseSection(data: ModelVersionData): string[] {
  const use = data.intendedUse;
  const box = (title: string, text: string) =>
    [`### ${title}`, '', text ? paragraphs(text) : `_Not written yet: fill the ML Canvas box "${title}" in the Frame stage._`, ''];
  return [
    '## Intended use',
    '',
    ...box('Value proposition', use.valueProposition),
    ...box('Prediction task', use.predictionTask),
    ...box('Decisions', use.decisions),
    '### Input and output',
    '',
    `One text in; out come probabilities over ${data.classes.length} classes (in this order): ${list(data.classes)}. ` +
      'The predicted class is the most probable one.',
  ];
}

function parametersSection(input: ModelCardInput): string[] {
  const { data, vectorizer, layers } = input;
  const family = MODEL_CATALOG.find((f) => f.id === data.family);
  const label = (key: string) => family?.paramSpecs.find((s) => s.key === key)?.label;
  const paramRows = Object.entries(data.params).map(([key, value]) => [label(key) ? `${label(key)} (${key})` : key, paramValue(value)]);
  const out = ['## Parameters', ''];
  if (layers && layers.length > 0) out.push('### Model architecture', '', ...layers.map((l, i) => `${i + 1}. ${inlineText(l)}`), '');
  out.push('### Training', '', paramRows.length > 0 ? markdownTable(['Parameter', 'Value'], paramRows) : '_No parameters recorded._', '');
  out.push(`Seed: ${inlineText(String(data.seed))} (runs with the same seed, data and parameters on the CPU backend give the same model).`, '');
  out.push('### Vectorizer (TF-IDF)', '');
  if (vectorizer) {
    const o = vectorizer.options;
    out.push(
      markdownTable(['Setting', 'Value'], [
        ['Word n-grams', o.ngramRange[0] === o.ngramRange[1] ? String(o.ngramRange[0]) : `${o.ngramRange[0]} to ${o.ngramRange[1]}`],
        ['Minimum document frequency', String(o.minDf)],
        ['Maximum document frequency', String(o.maxDf)],
        ['Maximum features', o.maxFeatures === null ? 'no limit' : String(o.maxFeatures)],
        ['Sublinear tf', o.sublinearTf ? 'yes' : 'no'],
        ['Stop words', o.stopWords ?? 'kept'],
        ['Lowercase', o.lowercase ? 'yes' : 'no'],
        ['Smooth idf', o.smoothIdf ? 'yes' : 'no'],
        ['Row norm', o.norm ?? 'none'],
        ['Vocabulary size', String(vectorizer.vocabularySize)],
      ]),
    );
  } else {
    out.push('_Not recorded._');
  }
  const m = data.metrics;
  out.push('', '### Data', '');
  out.push(
    item('Training', `${data.trainExamples !== null ? `${data.trainExamples} examples` : 'the training split'} of ${datasetName(data)}`),
    item('Validation', m?.validation ? `${m.validation.n} examples` : 'none'),
    item('Test', m ? `${m.test.n} examples, held out from training` : 'not recorded'),
  );
  return out;
}

const HEADLINE: readonly [string, keyof PackagedSplit, 'pct' | 'ratio'][] = [
  ['Accuracy', 'accuracy', 'pct'],
  ['Macro-F1', 'macroF1', 'pct'],
  ['Micro-F1', 'microF1', 'pct'],
  ['Weighted-F1', 'weightedF1', 'pct'],
  ['Macro precision', 'precisionMacro', 'pct'],
  ['Macro recall', 'recallMacro', 'pct'],
  ['Expected calibration error (lower is better)', 'ece', 'ratio'],
];

function quantitativeSection(m: PackagedEvaluation | null): string[] {
  const out = ['## Quantitative analysis', ''];
  if (!m) return [...out, "_No evaluation was stored with this version's run._"];
  const splits = m.validation ? [m.test, m.validation] : [m.test];
  const header = ['Metric', `Test (n = ${m.test.n})`, ...(m.validation ? [`Validation (n = ${m.validation.n})`] : [])];
  const rows = HEADLINE.map(([label, key, kind]) => [label, ...splits.map((s) => (kind === 'pct' ? pct(s[key] as number | null) : fixed(s[key] as number | null, 3)))]);
  out.push('### Headline metrics', '', markdownTable(header, rows, ['left', 'right', 'right']), '');

  const b = m.baseline;
  out.push('### Baseline', '');
  out.push(
    `${lineText(`Baseline "${b.label}"`)}: accuracy ${pct(b.accuracy)}, macro-F1 ${pct(b.macroF1)}. ` +
      `Lift of the model on test: ${pp(m.test.accuracy, b.accuracy)} accuracy, ${pp(m.test.macroF1, b.macroF1)} macro-F1 — ` +
      (b.verdict === 'better' ? 'it beats the baseline.' : '**it does not beat the baseline.**'),
  );
  if (b.warning) out.push('', `Warning: ${inlineText(b.warning)}`);
  out.push('', '### Per class (test split)', '');
  out.push(
    m.test.perClass.length > 0
      ? markdownTable(['Class', 'Precision', 'Recall', 'F1', 'Support'], m.test.perClass.map((c) => [c.label, pct(c.precision), pct(c.recall), pct(c.f1), String(c.support)]), ['left', 'right', 'right', 'right', 'right'])
      : '_Not recorded._',
  );
  out.push('', '### Per slice (test split)', '');
  out.push(
    m.test.perSlice.length > 0
      ? markdownTable(['Slice', 'Examples', 'Accuracy', 'Macro-F1'], m.test.perSlice.map((s) => [s.name, String(s.n), pct(s.accuracy), pct(s.macroF1)]), ['left', 'right', 'right', 'right'])
      : '_No slices were defined: add slices (segments such as language, channel or customer tier) in the Data stage to see where the model is weaker._',
  );
  const l = m.latency;
  out.push('', '### Latency', '');
  out.push(
    markdownTable(
      ['p50', 'p95', 'p99', 'Mean', 'Samples', 'Batch throughput', 'Backend'],
      [[ms(l.p50), ms(l.p95), ms(l.p99), ms(l.mean), String(l.samples), l.batchPerSecond === null ? DASH : `${l.batchPerSecond.toFixed(0)} texts/s`, l.backend || DASH]],
      ['right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    'Single predictions (vectorize and predict one text) timed offline in the browser that trained the model, on the backend named (js: the endpoint\'s own forward pass); the endpoint adds its request handling.',
  );
  return out;
}

function criterionValue(c: PackagedCriterion, x: number | null, signed: boolean): string {
  if (x === null) return DASH;
  const unit = metricById(c.metric)?.unit;
  const sign = signed && x >= 0 ? '+' : '';
  return unit === 'ms' ? `${sign}${x.toFixed(1)} ms` : `${sign}${x.toFixed(4)}`;
}

const STATUS_TEXT = { pass: 'PASS', fail: 'FAIL', unmeasured: 'not measured' } as const;

function criteriaSection(criteria: readonly PackagedCriterion[]): string[] {
  const out = ['## Success criteria', ''];
  if (criteria.length === 0) return [...out, '_No success criteria were set. Write them in the Frame stage (e.g. "accuracy on test >= 0.90") so every version is checked against them._'];
  const count = (s: PackagedCriterion['status']) => criteria.filter((c) => c.status === s).length;
  out.push(`${count('pass')} of ${criteria.length} criteria pass, ${count('fail')} fail, ${count('unmeasured')} not measured.`, '');
  out.push(
    markdownTable(
      ['Criterion', 'Measured', 'Margin', 'Result'],
      criteria.map((c) => [c.note ? `${c.text || c.id} (${c.note})` : c.text || c.id, criterionValue(c, c.measured, false), criterionValue(c, c.margin, true), STATUS_TEXT[c.status]]),
      ['left', 'right', 'right', 'left'],
    ),
  );
  return out;
}

function limitations(input: ModelCardInput): string[] {
  const { data, vectorizer } = input;
  const m = data.metrics;
  const out = [
    `- Trained on ${data.trainExamples !== null ? `${data.trainExamples} examples` : 'the training split'} of ${datasetName(data)}; it reflects that data, its labels and its time period.`,
    `- It always answers with one of its ${data.classes.length} classes (${list(data.classes)}), even for a text that fits none of them. Route low-confidence predictions to a person.`,
  ];
  if (vectorizer) {
    out.push(`- It only sees the ${vectorizer.vocabularySize} terms of its vocabulary: new words (product names, misspellings, other languages) are ignored, and a text with none of the known terms gets the same answer as an empty one.`);
  }
  if (m) {
    out.push(`- The metrics come from ${m.test.n} held-out test examples of the same dataset. Live traffic drifts away from it: monitor accuracy and input drift after deployment and retrain on fresh data.`);
    if (m.baseline.verdict === 'not-better') out.push('- It does not beat the simple baseline on test; prefer the baseline until it does.');
    const slices = m.test.perSlice.filter((s) => s.accuracy !== null);
    if (slices.length > 0) {
      const worst = slices.reduce((a, b) => ((b.accuracy as number) < (a.accuracy as number) ? b : a));
      out.push(`- Its weakest slice on test is ${inlineText(worst.name)} (accuracy ${pct(worst.accuracy)} on ${worst.n} examples).`);
    }
  }
  const failed = data.criteria.filter((c) => c.status === 'fail');
  if (failed.length > 0) out.push(`- It misses ${failed.length === 1 ? 'a success criterion' : `${failed.length} success criteria`}: ${failed.map((c) => inlineText(c.text || c.id)).join('; ')}.`);
  return out;
}

const ETHICS_GUIDANCE = [
  '_To be completed by the owner before deployment; answer each question in a sentence or two:_',
  '',
  '- **Who is affected** when a prediction is wrong, how would they notice, and how can they get it corrected?',
  '- **Personal data:** do the training texts contain names, e-mail addresses or account numbers? Were they removed or masked, and may this data be used for training at all?',
  '- **Unequal errors:** do mistakes fall more on some groups (language, region, customer tier)? Compare the per-slice table above and add slices for the groups that matter.',
  '- **Human oversight:** which decisions are taken automatically, and which always go to a person?',
  '- **Review:** who approved this version (for example a data ethics review before training and a performance review before deployment), and when will it be reviewed again?',
];

/** Who uses it and for what: the owner's words, or the ML Canvas boxes they come from. */
function usersAndUseCases(data: ModelVersionData, edits: ModelCardEdits): string[] {
  const users = edits.users
    ? paragraphs(edits.users)
    : data.intendedUse.decisions
      ? `The people who act on its predictions, as the ML Canvas describes the decisions: ${inlineText(data.intendedUse.decisions)}`
      : '_Not written yet: say who uses the predictions (edit this card, or fill the ML Canvas box "Decisions")._';
  const useCases = edits.useCases
    ? paragraphs(edits.useCases)
    : data.intendedUse.predictionTask
      ? `${lineText(data.intendedUse.predictionTask)} It is not meant for texts unlike its training data or for decisions without a person able to correct them.`
      : '_Not written yet: say what it is for and what it must not be used for._';
  return ['### Users', '', users, '', '### Use cases', '', useCases];
}

/** The trade-off the evaluation can show: answering fewer tickets automatically for higher accuracy. */
function tradeoffs(data: ModelVersionData, edits: ModelCardEdits): string {
  if (edits.tradeoffs) return paragraphs(edits.tradeoffs);
  const m = data.metrics;
  const mf1 = m?.test.macroF1 ?? null;
  const acc = m?.test.accuracy ?? null;
  return m
    ? `Accuracy ${pct(acc)} against macro-F1 ${fixed(mf1, 3)} on test: a gap means the smaller classes are served worse than the large ones. ` +
        'Routing predictions below a confidence threshold to a person raises the accuracy of what is answered automatically and lowers how much is automated.'
    : '_Not written yet: say what was traded for what._';
}

/** The Markdown model card. */
export function modelCardMarkdown(input: ModelCardInput): string {
  const { data } = input;
  const edits = input.edits ?? EMPTY_MODEL_CARD_EDITS;
  const lines = [
    `# Model card: ${inlineText(data.name)}, version ${data.version}`,
    '',
    `_Written by Lifecycle Lab from the model registry. The same facts, as data, are in lifecycle-lab.json._`,
    '',
    ...detailsSection(data, edits),
    '',
    ...intendedUseSection(data),
    '',
    ...parametersSection(input),
    '',
    ...quantitativeSection(data.metrics),
    '',
    ...criteriaSection(data.criteria),
    '',
    '## Considerations',
    '',
    ...usersAndUseCases(data, edits),
    '',
    '### Limitations',
    '',
    ...limitations(input),
    ...(edits.limitations ? ['', paragraphs(edits.limitations)] : []),
    '',
    '### Trade-offs',
    '',
    tradeoffs(data, edits),
    '',
    '### Ethical considerations',
    '',
    ...(edits.ethicalConsiderations ? [paragraphs(edits.ethicalConsiderations)] : ETHICS_GUIDANCE),
  ];
  return `${lines.join('\n')}\n`;
}
