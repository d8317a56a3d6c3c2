/**
 * Success criteria: machine-checkable targets written in the Frame stage ("accuracy on test
 * >= 0.90") and evaluated by later stages against measured metrics.
 *
 * Numbers are compared exactly, without an epsilon. That is sound because both sides are
 * produced carefully: thresholds are read from their decimal text with a single correctly
 * rounded conversion (a percentage shifts the decimal exponent instead of dividing by 100, so
 * "90%" is the very same double as "0.90"), and metrics are expected to be computed as ratios of
 * counts (900 / 1000 === 0.9). A tolerance would make "> 0.9" pass at 0.8999999 and hide
 * real misses on small test sets.
 */
import {
  CRITERION_METRICS,
  findMetric,
  findSplit,
  isSplit,
  metricById,
  splitProblem,
  thresholdProblem,
  type CriterionMetric,
  type MetricId,
  type Split,
} from './criterionMetrics';

export {
  CRITERION_METRICS,
  SPLITS,
  findMetric,
  metricById,
  type CriterionMetric,
  type MetricId,
  type Split,
} from './criterionMetrics';

export const COMPARATORS = ['>=', '>', '<=', '<'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export interface SuccessCriterion {
  id: string;
  metric: MetricId;
  split: Split;
  comparator: Comparator;
  /** In the metric's unit: a ratio in [0, 1] or milliseconds. */
  threshold: number;
  note?: string;
}

export type ParseResult = { ok: true; criterion: SuccessCriterion } | { ok: false; error: string };

/** Measured metrics by split, then metric id: `metrics.test.accuracy`. */
export type MeasuredMetrics = Partial<Record<Split, Partial<Record<MetricId, number>>>>;

export interface CriterionResult {
  criterion: SuccessCriterion;
  status: 'pass' | 'fail' | 'unmeasured';
  measured?: number;
  /** Signed distance to the threshold in the metric's unit; positive = headroom. */
  margin?: number;
}

const COMPARATOR_SLUG: Record<Comparator, string> = { '>=': 'gte', '>': 'gt', '<=': 'lte', '<': 'lt' };
const COMPARATOR_SPELLINGS: Record<string, Comparator> = {
  '>=': '>=', '=>': '>=', '≥': '>=', '>': '>', '<=': '<=', '=<': '<=', '≤': '<=', '<': '<',
};
const COMPARATOR_PATTERN = />=|=>|≥|<=|=<|≤|>|</;
const STRAY_COMPARISON = /[<>=≥≤]/;

/** Metric followed by a split: "x on test", "x in production", "x on the test set", "x(test)", "x @ val". */
const SPLIT_SUFFIX =
  /^(.*?)(?:\s*\(\s*([^()]*?)\s*\)|\s*@\s*(\S+)|\s+(?:on|in)\s+(?:the\s+)?(\S+?)(?:\s+(?:set|split|data|traffic))?)$/i;
/** A decimal number, optional exponent, optional unit. */
const THRESHOLD_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:e([+-]?\d+))?\s*(%|ms|s)?$/i;

const EXAMPLE = '"accuracy on test >= 0.90" or "p99 latency <= 200 ms"';

function knownMetricsList(): string {
  return CRITERION_METRICS.map((m) => m.id).join(', ');
}

/** A readable default id, stable for the same target: "accuracy-test-gte-0.9". */
export function criterionKey(c: Pick<SuccessCriterion, 'metric' | 'split' | 'comparator' | 'threshold'>): string {
  return `${c.metric}-${c.split}-${COMPARATOR_SLUG[c.comparator]}-${c.threshold}`;
}

type MetricAndSplit = { metric: CriterionMetric; split: Split } | { error: string };

function parseMetricAndSplit(left: string): MetricAndSplit {
  let name = left;
  let splitName: string | undefined;
  const suffix = SPLIT_SUFFIX.exec(left);
  if (suffix) {
    name = suffix[1].trim();
    splitName = suffix[2] ?? suffix[3] ?? suffix[4];
  } else {
    // "test accuracy", "production p99 latency"
    const [first, ...rest] = left.split(/\s+/);
    if (rest.length > 0 && findSplit(first) && findMetric(rest.join(' '))) {
      name = rest.join(' ');
      splitName = first;
    }
  }
  if (name === '') return { error: `Missing metric before the comparison; write e.g. ${EXAMPLE}.` };
  const metric = findMetric(name);
  if (!metric) return { error: `Unknown metric "${name}". Known metrics: ${knownMetricsList()}.` };
  let split = metric.defaultSplit;
  if (splitName !== undefined) {
    const found = findSplit(splitName);
    if (!found) return { error: `Unknown split "${splitName}". Use train, validation, test or production.` };
    split = found;
  }
  const problem = splitProblem(metric, split);
  return problem ? { error: problem } : { metric, split };
}

type Threshold = { threshold: number } | { error: string };

function parseThreshold(right: string, metric: CriterionMetric): Threshold {
  if (right === '') return { error: 'Missing threshold after the comparison.' };
  const m = THRESHOLD_PATTERN.exec(right);
  if (!m) return { error: `"${right}" is not a number (optionally followed by %, ms or s).` };
  const [, mantissa, exponentText, unitText] = m;
  const unit = unitText?.toLowerCase();
  if (metric.unit === 'ratio' && (unit === 'ms' || unit === 's')) {
    return { error: `${metric.label} is a ratio, not a duration: drop the "${unitText}".` };
  }
  if (metric.unit === 'ms' && unit === '%') {
    return { error: `${metric.label} is a duration in milliseconds, not a percentage: drop the "%".` };
  }
  // Shift the decimal exponent rather than multiply or divide, so the one rounding step is the
  // string-to-number conversion: "90%" → "90e-2" → exactly the double 0.9.
  const shift = unit === '%' ? -2 : unit === 's' ? 3 : 0;
  const threshold = Number(`${mantissa}e${Number(exponentText ?? 0) + shift}`);
  const problem = thresholdProblem(metric, threshold);
  if (problem) {
    const hint = metric.unit === 'ratio' && unit === undefined && threshold > 1 && threshold <= 100;
    return { error: hint ? `${problem} Did you mean ${right}%?` : problem };
  }
  return { threshold };
}

/**
 * Read a criterion typed by a person. Accepted shapes, case-insensitive:
 * `<metric> [on|in <split> | (<split>) | @ <split>] <comparator> <number>[% | ms | s] [# note]`,
 * or the split first ("test accuracy >= 0.9"). Comparators: >= > <= < and ≥ ≤ => =<.
 * Percentages become ratios; seconds become milliseconds. Without a split, latency metrics
 * mean production and the others mean test. Without `id`, the id is {@link criterionKey}.
 */
export function parseCriterion(text: string, id?: string): ParseResult {
  const hashAt = text.indexOf('#');
  const body = (hashAt >= 0 ? text.slice(0, hashAt) : text).trim();
  const note = hashAt >= 0 ? text.slice(hashAt + 1).trim() : '';
  if (body === '') return { ok: false, error: `Empty criterion; write e.g. ${EXAMPLE}.` };

  const match = COMPARATOR_PATTERN.exec(body);
  if (!match) {
    const error = body.includes('=')
      ? 'A criterion is a bound, not an equality: use >=, >, <= or <.'
      : `No comparison found: use >=, >, <= or < (or ≥, ≤), e.g. ${EXAMPLE}.`;
    return { ok: false, error };
  }
  const left = body.slice(0, match.index).trim();
  const right = body.slice(match.index + match[0].length).trim();
  if (STRAY_COMPARISON.test(left) || STRAY_COMPARISON.test(right)) {
    return { ok: false, error: 'Use exactly one comparison per criterion (>=, >, <= or <).' };
  }

  const target = parseMetricAndSplit(left);
  if ('error' in target) return { ok: false, error: target.error };
  const parsed = parseThreshold(right, target.metric);
  if ('error' in parsed) return { ok: false, error: parsed.error };

  const criterion: SuccessCriterion = {
    id: '',
    metric: target.metric.id,
    split: target.split,
    comparator: COMPARATOR_SPELLINGS[match[0]],
    threshold: parsed.threshold,
  };
  criterion.id = id ?? criterionKey(criterion);
  if (note !== '') criterion.note = note;
  return { ok: true, criterion };
}

/**
 * The criterion as text that {@link parseCriterion} reads back to the same metric, split,
 * comparator, threshold and note: "Macro-F1 on test >= 0.85", "p99 latency on production
 * <= 200 ms # single prediction". Production-only metrics omit the split. The threshold uses
 * the shortest decimal that round-trips (JavaScript's own number-to-string).
 */
export function formatCriterion(c: SuccessCriterion): string {
  const metric = metricById(c.metric);
  const name = metric?.label ?? c.metric;
  const split = metric && !metric.splits ? '' : ` on ${c.split}`;
  const unit = metric?.unit === 'ms' ? ' ms' : '';
  const note = c.note?.trim() ? ` # ${c.note.trim()}` : '';
  return `${name}${split} ${c.comparator} ${String(c.threshold)}${unit}${note}`;
}

/** The criterion as a reader sees it: {@link formatCriterion} without the note, which pages show apart. */
export function criterionText(c: SuccessCriterion): string {
  return formatCriterion({ ...c, note: undefined });
}

/** Problems with loose input (an import, an old snapshot); [] when it is a valid criterion. */
export function validateCriterion(c: unknown): string[] {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return ['A criterion must be an object.'];
  const r = c as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof r.id !== 'string' || r.id.trim() === '') problems.push('id must be a non-empty string.');
  const metric = metricById(r.metric);
  if (!metric) problems.push(`metric must be one of: ${knownMetricsList()}; got ${JSON.stringify(r.metric)}.`);
  if (!isSplit(r.split)) {
    problems.push(`split must be train, validation, test or production; got ${JSON.stringify(r.split)}.`);
  } else if (metric) {
    const problem = splitProblem(metric, r.split);
    if (problem) problems.push(problem);
  }
  if (!(COMPARATORS as readonly unknown[]).includes(r.comparator)) {
    problems.push(`comparator must be one of ${COMPARATORS.join(' ')}; got ${JSON.stringify(r.comparator)}.`);
  }
  if (typeof r.threshold !== 'number') {
    problems.push('threshold must be a number.');
  } else if (metric) {
    const problem = thresholdProblem(metric, r.threshold);
    if (problem) problems.push(problem);
  } else if (!Number.isFinite(r.threshold)) {
    problems.push('threshold must be a finite number.');
  }
  if (r.note !== undefined && typeof r.note !== 'string') problems.push('note must be a string when present.');
  return problems;
}

/** Whether `measured` meets the bound; exact comparison (see the file comment). */
export function meetsTarget(measured: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return measured >= threshold;
    case '>':
      return measured > threshold;
    case '<=':
      return measured <= threshold;
    case '<':
      return measured < threshold;
  }
}

/**
 * Check each criterion against `metrics[split][metric]`. A missing or non-finite value is
 * 'unmeasured' (no margin). The margin is measured − threshold for lower bounds and
 * threshold − measured for upper bounds, left unrounded so its sign always agrees with the
 * comparison (a strict bound met with equality fails with margin 0).
 */
export function evaluateCriteria(criteria: readonly SuccessCriterion[], metrics: MeasuredMetrics): CriterionResult[] {
  return criteria.map((criterion) => {
    const measured = metrics[criterion.split]?.[criterion.metric];
    if (typeof measured !== 'number' || !Number.isFinite(measured)) return { criterion, status: 'unmeasured' };
    const lowerBound = criterion.comparator === '>=' || criterion.comparator === '>';
    const margin = lowerBound ? measured - criterion.threshold : criterion.threshold - measured;
    const status = meetsTarget(measured, criterion.comparator, criterion.threshold) ? 'pass' : 'fail';
    return { criterion, status, measured, margin };
  });
}

/** The beginner ticket-classifier targets. Frozen: copy an entry before editing it. */
export const DEFAULT_TICKET_CRITERIA: SuccessCriterion[] = Object.freeze([
  Object.freeze<SuccessCriterion>({
    id: 'ticket-accuracy-test',
    metric: 'accuracy',
    split: 'test',
    comparator: '>=',
    threshold: 0.9,
  }),
  Object.freeze<SuccessCriterion>({
    id: 'ticket-latency-p99',
    metric: 'latency_p99_ms',
    split: 'production',
    comparator: '<=',
    threshold: 200,
    note: 'single prediction through /api/v1/predict',
  }),
  Object.freeze<SuccessCriterion>({
    id: 'ticket-macro-f1-test',
    metric: 'macro_f1',
    split: 'test',
    comparator: '>=',
    threshold: 0.85,
  }),
]) as SuccessCriterion[];
