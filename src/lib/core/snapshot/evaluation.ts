/**
 * A run's report (models/runReport.ts RunEvaluation) in and out of a snapshot. Packing keeps
 * the fields the schema describes, so a report stored by any app version exports as a valid
 * document (or as null when it lacks the essentials). JSON writes NaN — "not measured", common
 * in empty reliability bins — as null; restoring turns null back into NaN in the numeric fields,
 * so an imported report reads exactly like the original.
 */
import { isJsonObject, toJsonValue, type JsonObject, type JsonValue } from './json';
import type { Curves, RunCurves, RunEvaluation } from '../models/runReport';
import type { ChallengerComparison } from '../loop/challengerEval';

type Loose = Record<string, unknown>;
type Fields = readonly string[];

const isLoose = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

const SPLIT_FIELDS: Fields = ['n', 'accuracy', 'macroF1', 'microF1', 'weightedF1', 'precisionMacro', 'recallMacro', 'ece', 'confusion'];
/** List fields of a split and the keys of their items; null-able numbers among them are restored to NaN. */
const SPLIT_LISTS: Readonly<Record<string, { keys: Fields; numbers: Fields }>> = {
  perClass: { keys: ['label', 'precision', 'recall', 'f1', 'support'], numbers: ['precision', 'recall', 'f1'] },
  reliability: { keys: ['lo', 'hi', 'count', 'confidence', 'accuracy'], numbers: ['confidence', 'accuracy'] },
  abstain: { keys: ['threshold', 'coverage', 'accuracy'], numbers: ['coverage', 'accuracy'] },
  perSlice: { keys: ['sliceId', 'name', 'n', 'accuracy', 'macroF1'], numbers: ['accuracy', 'macroF1'] },
};
const SPLIT_NUMBERS: Fields = ['accuracy', 'macroF1', 'microF1', 'weightedF1', 'precisionMacro', 'recallMacro', 'ece'];
const BASELINE_FIELDS: Fields = ['label', 'accuracy', 'macroF1', 'verdict', 'warning'];
const LATENCY_FIELDS: Fields = ['p50', 'p95', 'p99', 'mean', 'samples', 'batchPerSecond', 'backend'];

function pick(source: Loose, keys: Fields): Loose {
  const out: Loose = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function packSplit(split: unknown): Loose | null {
  if (!isLoose(split)) return null;
  const out = pick(split, SPLIT_FIELDS);
  for (const [name, list] of Object.entries(SPLIT_LISTS)) {
    const items = split[name];
    if (Array.isArray(items)) out[name] = items.filter(isLoose).map((item) => pick(item, list.keys));
  }
  if (Array.isArray(split.cellExamples)) {
    out.cellExamples = split.cellExamples.map((row) =>
      Array.isArray(row) ? row.map((cell) => (Array.isArray(cell) ? cell.filter(isLoose).map((ex) => pick(ex, ['key', 'text', 'confidence'])) : [])) : [],
    );
  }
  return out;
}

/** The report as the snapshot stores it; null when it is missing or lacks test, baseline or latency. */
export function packEvaluation(evaluation: unknown): JsonObject | null {
  if (!isLoose(evaluation) || !isLoose(evaluation.baseline) || !isLoose(evaluation.latency)) return null;
  const test = packSplit(evaluation.test);
  if (!test) return null;
  const packed: Loose = {
    classes: Array.isArray(evaluation.classes) ? evaluation.classes : [],
    validation: packSplit(evaluation.validation),
    test,
    baseline: pick(evaluation.baseline, BASELINE_FIELDS),
    latency: pick(evaluation.latency, LATENCY_FIELDS),
  };
  if (Array.isArray(evaluation.topTerms)) packed.topTerms = evaluation.topTerms;
  return toJsonValue(packed) as JsonObject;
}

const nan = (v: JsonValue | undefined): JsonValue | number => (v === null ? NaN : (v as JsonValue));

function restoreFields(source: JsonObject, numbers: Fields): Loose {
  const out: Loose = { ...source };
  for (const key of numbers) if (key in source) out[key] = nan(source[key]);
  return out;
}

function restoreSplit(split: JsonValue | undefined): Loose | null {
  if (!isJsonObject(split)) return null;
  const out = restoreFields(split, SPLIT_NUMBERS);
  for (const [name, list] of Object.entries(SPLIT_LISTS)) {
    const items = split[name];
    if (Array.isArray(items)) out[name] = items.map((item) => (isJsonObject(item) ? restoreFields(item, list.numbers) : item));
  }
  if (Array.isArray(split.cellExamples)) {
    out.cellExamples = split.cellExamples.map((row) =>
      Array.isArray(row) ? row.map((cell) => (Array.isArray(cell) ? cell.map((ex) => (isJsonObject(ex) ? restoreFields(ex, ['confidence']) : ex)) : cell)) : row,
    );
  }
  return out;
}

/**
 * The stored report from a snapshot's: nulls in numeric fields become NaN again. The document
 * passed the schema check, which requires the report's essentials (classes, test, baseline, latency).
 */
export function restoreEvaluation(evaluation: JsonObject): RunEvaluation {
  const out: Loose = { ...evaluation, test: restoreSplit(evaluation.test), validation: restoreSplit(evaluation.validation) };
  if (isJsonObject(evaluation.baseline)) out.baseline = restoreFields(evaluation.baseline, ['accuracy', 'macroF1']);
  if (isJsonObject(evaluation.latency)) out.latency = restoreFields(evaluation.latency, ['p50', 'p95', 'p99', 'mean', 'batchPerSecond']);
  if (Array.isArray(evaluation.topTerms)) {
    out.topTerms = evaluation.topTerms.map((c) =>
      isJsonObject(c) && Array.isArray(c.terms) ? { ...c, terms: c.terms.map((t) => (isJsonObject(t) ? restoreFields(t, ['weight']) : t)) } : c,
    );
  }
  return out as unknown as RunEvaluation;
}

/** A run's curves from a snapshot's (null → NaN); none when the run had none (an imported model). */
export function restoreCurves(curves: Readonly<Record<string, readonly (number | null)[]>>): RunCurves {
  if (!curves.loss) return {};
  const series = (key: keyof Curves) => (curves[key] ?? []).map((x) => x ?? NaN);
  return { loss: series('loss'), valLoss: series('valLoss'), accuracy: series('accuracy'), valAccuracy: series('valAccuracy') };
}

/**
 * A challenger run's comparison with its champion (core/loop/challengerEval.ts) as a snapshot
 * carries it: NaN (a score over no rows) written as null, and read back as NaN.
 */
export function packChallenge(c: ChallengerComparison): JsonObject {
  return toJsonValue(c) as JsonObject;
}

export function restoreChallenge(json: JsonObject): ChallengerComparison {
  const nan = (value: unknown) => (value === null ? Number.NaN : value);
  const copy = structuredClone(json) as unknown as ChallengerComparison;
  for (const part of [copy.originalTest, copy.recentHoldout]) {
    if (!part) continue;
    for (const scores of [part.champion, part.challenger, ...part.perSlice.flatMap((s) => [s.champion, s.challenger])]) {
      scores.accuracy = nan(scores.accuracy) as number;
      scores.macroF1 = nan(scores.macroF1) as number;
    }
    for (const c of [...part.champion.perClass, ...part.challenger.perClass]) {
      c.precision = nan(c.precision) as number;
      c.recall = nan(c.recall) as number;
      c.f1 = nan(c.f1) as number;
    }
  }
  return copy;
}
