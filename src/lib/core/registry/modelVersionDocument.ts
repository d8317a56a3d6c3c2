/**
 * The registry's description of one model version, as the document `lifecycle-lab.json` inside
 * an exported model package: `{ kind: 'lifecycle-lab/model-version', schemaVersion, data }`.
 *
 * Loading follows the house path through the one loader of versioned documents
 * (core/documents/versioned.ts): parse (the caller, naming the file) → check the wrapper (kind,
 * schema version; a newer version is refused with a message) → numbered migrations up to the
 * current version → validate and normalise the data (fill defaults for absent optional fields,
 * sort tags and aliases, turn non-finite metrics into null). Writing runs the same normaliser, so
 * what is packed is exactly what unpacking gives back.
 *
 * The stored evaluation is a summary of the run's `RunEvaluation`: headline metrics, per-class
 * and per-slice tables, confusion matrix, baseline and latency — never the example texts the
 * run keeps for its report (they are data, not model documentation).
 */
import { criterionText, type CriterionResult } from '../lifecycle/criteria';
import type { CanvasFields } from '../lifecycle/canvas';
import type { RunEvaluation, SplitSummary } from '../models/runReport';
import { defineDocumentType, readVersionedDocument } from '../documents/versioned';
import { toRfc3339DateTime } from '../documents/rfc3339';

export const MODEL_VERSION_KIND = 'lifecycle-lab/model-version';
export const MODEL_VERSION_SCHEMA_VERSION = 1;

export type ParamValue = string | number | boolean | number[];

/** Where the version came from: ids in the project's database (null when unknown). */
export interface ModelLineage {
  projectId: string | null;
  modelVersionId: string | null;
  runId: string | null;
  runNumber: number | null;
  datasetVersionId: string | null;
  datasetVersionNumber: number | null;
}

/** One split's measurements; ratios in [0, 1], null when not measurable (no examples). */
export interface PackagedSplit {
  n: number;
  accuracy: number | null;
  macroF1: number | null;
  microF1: number | null;
  weightedF1: number | null;
  precisionMacro: number | null;
  recallMacro: number | null;
  /** Expected calibration error (lower is better). */
  ece: number | null;
  perClass: { label: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  perSlice: { sliceId: string; name: string; n: number; accuracy: number | null; macroF1: number | null }[];
  /** Rows = true class, columns = predicted. */
  confusion: number[][];
}

export interface PackagedEvaluation {
  test: PackagedSplit;
  validation: PackagedSplit | null;
  baseline: { label: string; accuracy: number | null; macroF1: number | null; verdict: 'better' | 'not-better'; warning: string | null };
  /** Single prediction (vectorize + predict), ms; batch throughput in texts per second. */
  latency: { p50: number | null; p95: number | null; p99: number | null; mean: number | null; samples: number; batchPerSecond: number | null; backend: string };
}

/** A success criterion and its outcome for this version. */
export interface PackagedCriterion {
  id: string;
  /** The criterion as people write it, without the note: "Accuracy on test >= 0.9". */
  text: string;
  metric: string;
  split: string;
  comparator: string;
  threshold: number;
  note: string | null;
  status: 'pass' | 'fail' | 'unmeasured';
  measured: number | null;
  /** Signed distance to the threshold in the metric's unit; positive = headroom. */
  margin: number | null;
}

/** From the ML Canvas; '' when the box was not filled. */
export interface IntendedUse {
  valueProposition: string;
  predictionTask: string;
  decisions: string;
}

/** `data` of the document, schema version 1. */
export interface ModelVersionData {
  name: string;
  version: number;
  description: string;
  /** Model family id, e.g. 'softmax-regression'. */
  family: string;
  tags: Record<string, string>;
  aliases: string[];
  /** Class names in the order of the model's outputs. */
  classes: string[];
  /** Local display name of whoever exported it: the contact for questions. */
  owner: string;
  /** ISO 8601 time the version was registered. */
  createdAt: string;
  appVersion: string;
  lineage: ModelLineage;
  params: Record<string, ParamValue>;
  seed: string | number;
  /** TF.js backend the run trained on. */
  backend: string;
  /** Examples in the training split, when known. */
  trainExamples: number | null;
  intendedUse: IntendedUse;
  metrics: PackagedEvaluation | null;
  criteria: PackagedCriterion[];
}

export interface ModelVersionDocument {
  kind: typeof MODEL_VERSION_KIND;
  schemaVersion: typeof MODEL_VERSION_SCHEMA_VERSION;
  data: ModelVersionData;
}

/** Registry and run facts, as the app holds them (loose: optional fields get defaults). */
export interface ModelVersionFacts {
  name: string;
  version: number;
  description?: string;
  family: string;
  tags?: Readonly<Record<string, string>>;
  aliases?: readonly string[];
  classes: readonly string[];
  owner?: string;
  createdAt: string;
  appVersion: string;
  lineage?: Partial<ModelLineage>;
  params: Readonly<Record<string, ParamValue>>;
  seed: string | number;
  backend: string;
  trainExamples?: number | null;
  /** The ML Canvas; only the value proposition, prediction task and decisions are used. */
  canvas?: Partial<CanvasFields>;
  evaluation?: RunEvaluation | null;
  criteria?: readonly CriterionResult[];
}

export type DocumentResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Model versions as a versioned document type. Migrations: `migrations[n]` turns a version-n
 * document into version n + 1. None yet; when version 2 comes, add `1: (doc) => …` and a fixture
 * of a version-1 document to the tests. Problems are worded as this file always worded them
 * ("data.version must be …", "kind must be …"), for the package reader's list.
 */
export const MODEL_VERSION_DOCUMENT = defineDocumentType<ModelVersionData>({
  kind: MODEL_VERSION_KIND,
  name: 'model version',
  currentVersion: MODEL_VERSION_SCHEMA_VERSION,
  migrations: {},
  validate(doc) {
    const result = normaliseModelVersionData(doc.data);
    return result.ok ? result : { ok: false, problems: result.errors.map((message) => ({ path: '', message })) };
  },
  wording: {
    notAnObject: { path: '', message: 'expected an object { kind, schemaVersion, data }.' },
    newer: (version, current) => ({
      path: '',
      message: `written by a newer Lifecycle Lab (schema version ${version}); this version reads up to ${current}. Update the app to import this model.`,
    }),
  },
});

/** Reads a parsed `lifecycle-lab.json`: wrapper, migrations, then the data validated and normalised. */
export function readModelVersionDocument(value: unknown): DocumentResult<ModelVersionData> {
  const read = readVersionedDocument(MODEL_VERSION_DOCUMENT, value);
  if (read.ok) return { ok: true, value: read.document };
  // "/kind" + "must be …" reads "kind must be …"; problems of the whole document are sentences already.
  return { ok: false, errors: read.problems.map((p) => (p.path ? `${p.path.slice(1).replaceAll('/', '.')} ${p.message}` : p.message)) };
}

/** The document for `data` (already normalised). */
export function modelVersionDocument(data: ModelVersionData): ModelVersionDocument {
  return { kind: MODEL_VERSION_KIND, schemaVersion: MODEL_VERSION_SCHEMA_VERSION, data };
}

/** The normalised data for the app's facts; throws listing every problem when they are invalid. */
export function modelVersionData(facts: ModelVersionFacts): ModelVersionData {
  const canvas = facts.canvas ?? {};
  const raw = {
    name: facts.name,
    version: facts.version,
    description: facts.description ?? '',
    family: facts.family,
    tags: facts.tags ?? {},
    aliases: facts.aliases ?? [],
    classes: facts.classes,
    owner: facts.owner ?? '',
    createdAt: facts.createdAt,
    appVersion: facts.appVersion,
    lineage: facts.lineage ?? {},
    params: facts.params,
    seed: facts.seed,
    backend: facts.backend,
    trainExamples: facts.trainExamples ?? null,
    intendedUse: { valueProposition: canvas.valueProposition ?? '', predictionTask: canvas.predictionTask ?? '', decisions: canvas.decisions ?? '' },
    metrics: facts.evaluation ? packEvaluation(facts.evaluation) : null,
    criteria: (facts.criteria ?? []).map(packCriterion),
  };
  const result = normaliseModelVersionData(raw);
  if (!result.ok) throw new Error(`Invalid model version: ${result.errors.join(' ')}`);
  return result.value;
}

function packSplit(s: SplitSummary): unknown {
  return {
    n: s.n,
    accuracy: s.accuracy,
    macroF1: s.macroF1,
    microF1: s.microF1,
    weightedF1: s.weightedF1,
    precisionMacro: s.precisionMacro,
    recallMacro: s.recallMacro,
    ece: s.ece,
    perClass: s.perClass.map(({ label, precision, recall, f1, support }) => ({ label, precision, recall, f1, support })),
    perSlice: s.perSlice.map(({ sliceId, name, n, accuracy, macroF1 }) => ({ sliceId, name, n, accuracy, macroF1 })),
    confusion: s.confusion.map((row) => [...row]),
  };
}

function packEvaluation(e: RunEvaluation): unknown {
  const { label, accuracy, macroF1, verdict, warning } = e.baseline;
  const { p50, p95, p99, mean, samples, batchPerSecond, backend } = e.latency;
  return {
    test: packSplit(e.test),
    validation: e.validation ? packSplit(e.validation) : null,
    baseline: { label, accuracy, macroF1, verdict, warning },
    latency: { p50, p95, p99, mean, samples, batchPerSecond, backend },
  };
}

function packCriterion(r: CriterionResult): unknown {
  const c = r.criterion;
  return {
    id: c.id,
    text: criterionText(c),
    metric: c.metric,
    split: c.split,
    comparator: c.comparator,
    threshold: c.threshold,
    note: c.note?.trim() ? c.note.trim() : null,
    status: r.status,
    measured: r.measured ?? null,
    margin: r.margin ?? null,
  };
}

// ---- validation and normalisation -------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads the fields of one object, collecting every problem with its path ("data.lineage.runId"). */
class Fields {
  constructor(
    private readonly errors: string[],
    private readonly path: string,
    private readonly value: Record<string, unknown>,
  ) {}

  /** The object at `key` (`{}` when absent and `optional`), or null after recording an error. */
  static of(errors: string[], path: string, value: unknown, optional = false): Fields | null {
    if (value === undefined && optional) return new Fields(errors, path, {});
    if (isRecord(value)) return new Fields(errors, path, value);
    errors.push(`${path} must be an object, got ${show(value)}.`);
    return null;
  }

  at(key: string): string {
    return `${this.path}.${key}`;
  }

  get(key: string): unknown {
    return this.value[key];
  }

  problem(key: string, expected: string): void {
    this.errors.push(`${this.at(key)} must be ${expected}, got ${show(this.value[key])}.`);
  }

  string(key: string, options: { fallback?: string; nonEmpty?: boolean; trim?: boolean } = {}): string {
    const v = this.value[key];
    if (v === undefined && options.fallback !== undefined) return options.fallback;
    const text = typeof v === 'string' && options.trim ? v.trim() : v;
    if (typeof text !== 'string' || (options.nonEmpty && text === '')) {
      this.problem(key, options.nonEmpty ? 'a non-empty string' : 'a string');
      return '';
    }
    return text;
  }

  nullableString(key: string): string | null {
    const v = this.value[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.problem(key, 'a string or null');
    return typeof v === 'string' ? v : null;
  }

  count(key: string, options: { min?: number } = {}): number {
    const v = this.value[key];
    const min = options.min ?? 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      this.problem(key, `a whole number ≥ ${min}`);
      return min;
    }
    return v;
  }

  nullableCount(key: string): number | null {
    const v = this.value[key];
    if (v === undefined || v === null) return null;
    return this.count(key);
  }

  /** A finite number, or null for null / NaN / ±Infinity (what JSON writes for them); absent is null when `optional`. */
  metric(key: string, optional = false): number | null {
    const v = this.value[key];
    if (v === null || (typeof v === 'number' && !Number.isFinite(v)) || (v === undefined && optional)) return null;
    if (typeof v !== 'number') {
      this.problem(key, 'a number or null');
      return null;
    }
    return v;
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T {
    const v = this.value[key];
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.problem(key, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
    return options[0];
  }

  list<T>(key: string, read: (item: unknown, path: string) => T, optional = false): T[] {
    const v = this.value[key];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) {
      this.problem(key, 'a list');
      return [];
    }
    return v.map((item, i) => read(item, `${this.at(key)}[${i}]`));
  }
}

function readParams(errors: string[], path: string, value: unknown): Record<string, ParamValue> {
  if (!isRecord(value)) {
    errors.push(`${path} must be an object, got ${show(value)}.`);
    return {};
  }
  const params: Record<string, ParamValue> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    const ok =
      typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ||
      (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)));
    if (ok) params[key] = Array.isArray(v) ? [...(v as number[])] : (v as ParamValue);
    else errors.push(`${path}.${key} must be a string, number, boolean or list of numbers, got ${show(v)}.`);
  }
  return params;
}

function readTags(errors: string[], path: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    errors.push(`${path} must be an object of strings, got ${show(value)}.`);
    return {};
  }
  const tags: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (typeof v === 'string') tags[key] = v;
    else errors.push(`${path}.${key} must be a string, got ${show(v)}.`);
  }
  return tags;
}

function readStringList(errors: string[], path: string, value: unknown): string[] {
  if (!Array.isArray(value)) {
    errors.push(`${path} must be a list of strings, got ${show(value)}.`);
    return [];
  }
  return value.filter((v, i): v is string => {
    if (typeof v === 'string') return true;
    errors.push(`${path}[${i}] must be a string, got ${show(v)}.`);
    return false;
  });
}

function readClasses(errors: string[], path: string, value: unknown): string[] {
  const classes = readStringList(errors, path, value);
  if (Array.isArray(value) && value.length < 2) errors.push(`${path} must name at least 2 classes, got ${value.length}.`);
  const seen = new Set<string>();
  classes.forEach((c, i) => {
    if (c === '') errors.push(`${path}[${i}] must not be empty.`);
    if (seen.has(c)) errors.push(`${path} lists ${show(c)} twice.`);
    seen.add(c);
  });
  return classes;
}

function readSplit(errors: string[], path: string, value: unknown): PackagedSplit | null {
  const f = Fields.of(errors, path, value);
  if (!f) return null;
  return {
    n: f.count('n'),
    accuracy: f.metric('accuracy'),
    macroF1: f.metric('macroF1'),
    microF1: f.metric('microF1'),
    weightedF1: f.metric('weightedF1'),
    precisionMacro: f.metric('precisionMacro'),
    recallMacro: f.metric('recallMacro'),
    ece: f.metric('ece'),
    perClass: f.list('perClass', (item, p) => {
      const c = Fields.of(errors, p, item);
      return {
        label: c?.string('label') ?? '',
        precision: c?.metric('precision') ?? null,
        recall: c?.metric('recall') ?? null,
        f1: c?.metric('f1') ?? null,
        support: c?.count('support') ?? 0,
      };
    }),
    perSlice: f.list('perSlice', (item, p) => {
      const s = Fields.of(errors, p, item);
      return {
        sliceId: s?.string('sliceId') ?? '',
        name: s?.string('name') ?? '',
        n: s?.count('n') ?? 0,
        accuracy: s?.metric('accuracy') ?? null,
        macroF1: s?.metric('macroF1') ?? null,
      };
    }),
    confusion: f.list('confusion', (row, p) => {
      if (Array.isArray(row) && row.every((x) => Number.isInteger(x) && x >= 0)) return [...(row as number[])];
      errors.push(`${p} must be a list of counts, got ${show(row)}.`);
      return [];
    }),
  };
}

function readEvaluation(errors: string[], path: string, value: unknown): PackagedEvaluation | null {
  if (value === undefined || value === null) return null;
  const f = Fields.of(errors, path, value);
  if (!f) return null;
  const test = readSplit(errors, f.at('test'), f.get('test'));
  const validation = f.get('validation') == null ? null : readSplit(errors, f.at('validation'), f.get('validation'));
  const b = Fields.of(errors, f.at('baseline'), f.get('baseline'));
  const l = Fields.of(errors, f.at('latency'), f.get('latency'));
  if (!test || !b || !l) return null;
  return {
    test,
    validation,
    baseline: {
      label: b.string('label'),
      accuracy: b.metric('accuracy'),
      macroF1: b.metric('macroF1'),
      verdict: b.oneOf('verdict', ['better', 'not-better'] as const),
      warning: b.nullableString('warning'),
    },
    latency: {
      p50: l.metric('p50'),
      p95: l.metric('p95'),
      p99: l.metric('p99'),
      mean: l.metric('mean'),
      samples: l.count('samples'),
      batchPerSecond: l.metric('batchPerSecond'),
      backend: l.string('backend', { fallback: '' }),
    },
  };
}

function readCriterion(errors: string[], path: string, value: unknown): PackagedCriterion {
  const f = Fields.of(errors, path, value) ?? new Fields([], path, {});
  const threshold = f.get('threshold');
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) f.problem('threshold', 'a finite number');
  return {
    id: f.string('id', { nonEmpty: true }),
    text: f.string('text'),
    metric: f.string('metric', { nonEmpty: true }),
    split: f.string('split', { nonEmpty: true }),
    comparator: f.oneOf('comparator', ['>=', '>', '<=', '<'] as const),
    threshold: typeof threshold === 'number' && Number.isFinite(threshold) ? threshold : 0,
    note: f.nullableString('note'),
    status: f.oneOf('status', ['pass', 'fail', 'unmeasured'] as const),
    measured: f.metric('measured', true),
    margin: f.metric('margin', true),
  };
}

function readLineage(errors: string[], path: string, value: unknown): ModelLineage {
  const f = Fields.of(errors, path, value, true) ?? new Fields([], path, {});
  return {
    projectId: f.nullableString('projectId'),
    modelVersionId: f.nullableString('modelVersionId'),
    runId: f.nullableString('runId'),
    runNumber: f.nullableCount('runNumber'),
    datasetVersionId: f.nullableString('datasetVersionId'),
    datasetVersionNumber: f.nullableCount('datasetVersionNumber'),
  };
}

/**
 * Validates loose data (current schema version) and returns it normalised: optional fields
 * filled, tags sorted by key, aliases sorted without duplicates, non-finite metrics as null.
 */
export function normaliseModelVersionData(value: unknown): DocumentResult<ModelVersionData> {
  const errors: string[] = [];
  const f = Fields.of(errors, 'data', value);
  if (!f) return { ok: false, errors };
  const createdAtText = f.string('createdAt', { nonEmpty: true });
  // Stored, and so exported again, only in the strict RFC 3339 spelling.
  const createdAt = createdAtText === '' ? '' : (toRfc3339DateTime(createdAtText) ?? '');
  if (createdAtText !== '' && createdAt === '') f.problem('createdAt', 'an RFC 3339 date-time (2026-03-01T09:00:00.000Z)');
  const seed = f.get('seed');
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) f.problem('seed', 'a string or a number');
  const use = Fields.of(errors, f.at('intendedUse'), f.get('intendedUse'), true);
  const data: ModelVersionData = {
    name: f.string('name', { nonEmpty: true, trim: true }),
    version: f.count('version', { min: 1 }),
    description: f.string('description', { fallback: '', trim: true }),
    family: f.string('family', { nonEmpty: true }),
    tags: readTags(errors, f.at('tags'), f.get('tags')),
    aliases: [...new Set(f.get('aliases') === undefined ? [] : readStringList(errors, f.at('aliases'), f.get('aliases')))].sort(),
    classes: readClasses(errors, f.at('classes'), f.get('classes')),
    owner: f.string('owner', { fallback: '', trim: true }),
    createdAt,
    appVersion: f.string('appVersion', { fallback: '' }),
    lineage: readLineage(errors, f.at('lineage'), f.get('lineage')),
    params: readParams(errors, f.at('params'), f.get('params') ?? {}),
    seed: typeof seed === 'string' || typeof seed === 'number' ? seed : '',
    backend: f.string('backend', { fallback: '' }),
    trainExamples: f.nullableCount('trainExamples'),
    intendedUse: {
      valueProposition: use?.string('valueProposition', { fallback: '', trim: true }) ?? '',
      predictionTask: use?.string('predictionTask', { fallback: '', trim: true }) ?? '',
      decisions: use?.string('decisions', { fallback: '', trim: true }) ?? '',
    },
    metrics: readEvaluation(errors, f.at('metrics'), f.get('metrics')),
    criteria: f.list('criteria', (item, p) => readCriterion(errors, p, item), true),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: data };
}
