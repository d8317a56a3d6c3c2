/**
 * Free-text success criteria ("accuracy on test >= 0.9"), as schema-1 databases kept them in
 * `canvases.criteriaText` and schema-0 snapshots in `canvas.criteriaText`, read into the
 * structured criteria that database v2 and snapshot v1 store. Both old-format paths (the Dexie
 * v1 → v2 upgrade and the snapshot v0 → v1 migration) call this one function.
 *
 * Frozen: a copy of the criteria parser and its metric names as they stood when structured
 * criteria arrived, not a call to today's `parseCriterion`. An old document must upgrade to the
 * same v2 criteria forever; if today's parser learns new names or a metric id changes, that
 * change belongs in a new numbered migration, not silently in this one. Only what the
 * migrations need is kept: lines that do not parse are carried along as text, so no error
 * messages are worded here. Never edit it to follow `core/lifecycle/criteria.ts`.
 */

/** A structured criterion as database v2 / snapshot v1 store it. */
export interface CriterionV2 {
  id: string;
  metric: string;
  split: string;
  comparator: '>=' | '>' | '<=' | '<';
  threshold: number;
  note?: string;
}

interface MetricV2 {
  id: string;
  unit: 'ratio' | 'ms';
  /** false: production only. */
  splits: boolean;
  defaultSplit: string;
  /** Every accepted name: id, label and aliases. */
  names: string[];
}

const ratio = (id: string, names: string[], splits = true, defaultSplit = 'test'): MetricV2 => ({ id, unit: 'ratio', splits, defaultSplit, names: [id, ...names] });
const latency = (p: string): MetricV2 => ({
  id: `latency_${p}_ms`,
  unit: 'ms',
  splits: true,
  defaultSplit: 'production',
  names: [`latency_${p}_ms`, `${p} latency`, `latency ${p}`, `latency ${p} ms`, `${p} latency ms`, p],
});

const METRICS: readonly MetricV2[] = [
  ratio('accuracy', ['Accuracy', 'acc']),
  ratio('macro_f1', ['Macro-F1', 'F1 macro', 'macro-averaged F1', 'macro average F1']),
  ratio('micro_f1', ['Micro-F1', 'F1 micro', 'micro-averaged F1', 'micro average F1']),
  ratio('weighted_f1', ['Weighted-F1', 'F1 weighted', 'weighted average F1']),
  ratio('precision_macro', ['Macro precision', 'macro-averaged precision']),
  ratio('recall_macro', ['Macro recall', 'macro-averaged recall']),
  ratio('ece', ['Expected calibration error', 'calibration error']),
  latency('p50'),
  latency('p95'),
  latency('p99'),
  ratio('availability', ['Availability', 'uptime'], false, 'production'),
  ratio('error_rate', ['Error rate'], false, 'production'),
];

const normalize = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const METRIC_BY_NAME = new Map(METRICS.flatMap((m) => m.names.map((n) => [normalize(n), m] as const)));
const SPLIT_BY_NAME = new Map(
  Object.entries({
    train: ['train', 'training'],
    validation: ['validation', 'val', 'valid', 'dev'],
    test: ['test', 'testing', 'holdout'],
    production: ['production', 'prod', 'live'],
  }).flatMap(([split, names]) => names.map((n) => [n, split] as const)),
);
const findSplit = (name: string) => SPLIT_BY_NAME.get(name.trim().toLowerCase());

const COMPARATORS: Record<string, CriterionV2['comparator']> = { '>=': '>=', '=>': '>=', '≥': '>=', '>': '>', '<=': '<=', '=<': '<=', '≤': '<=', '<': '<' };
const COMPARATOR_PATTERN = />=|=>|≥|<=|=<|≤|>|</;
const STRAY_COMPARISON = /[<>=≥≤]/;
const SPLIT_SUFFIX =
  /^(.*?)(?:\s*\(\s*([^()]*?)\s*\)|\s*@\s*(\S+)|\s+(?:on|in)\s+(?:the\s+)?(\S+?)(?:\s+(?:set|split|data|traffic))?)$/i;
const THRESHOLD_PATTERN = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:e([+-]?\d+))?\s*(%|ms|s)?$/i;

function metricAndSplit(left: string): { metric: MetricV2; split: string } | null {
  let name = left;
  let splitName: string | undefined;
  const suffix = SPLIT_SUFFIX.exec(left);
  if (suffix) {
    name = suffix[1].trim();
    splitName = suffix[2] ?? suffix[3] ?? suffix[4];
  } else {
    const [first, ...rest] = left.split(/\s+/);
    if (rest.length > 0 && findSplit(first) && METRIC_BY_NAME.has(normalize(rest.join(' ')))) {
      name = rest.join(' ');
      splitName = first;
    }
  }
  const metric = name === '' ? undefined : METRIC_BY_NAME.get(normalize(name));
  if (!metric) return null;
  const split = splitName === undefined ? metric.defaultSplit : findSplit(splitName);
  if (!split || (!metric.splits && split !== 'production')) return null;
  return { metric, split };
}

function threshold(right: string, metric: MetricV2): number | null {
  const m = THRESHOLD_PATTERN.exec(right);
  if (!m) return null;
  const unit = m[3]?.toLowerCase();
  if ((metric.unit === 'ratio' && (unit === 'ms' || unit === 's')) || (metric.unit === 'ms' && unit === '%')) return null;
  const shift = unit === '%' ? -2 : unit === 's' ? 3 : 0;
  const value = Number(`${m[1]}e${Number(m[2] ?? 0) + shift}`);
  if (!Number.isFinite(value) || value < 0 || (metric.unit === 'ratio' && value > 1)) return null;
  return value;
}

/** One line as a v2 criterion with `id`, or null when it does not read as one. */
function parseLine(text: string, id: string): CriterionV2 | null {
  const hashAt = text.indexOf('#');
  const body = (hashAt >= 0 ? text.slice(0, hashAt) : text).trim();
  const note = hashAt >= 0 ? text.slice(hashAt + 1).trim() : '';
  const match = COMPARATOR_PATTERN.exec(body);
  if (!match) return null;
  const left = body.slice(0, match.index).trim();
  const right = body.slice(match.index + match[0].length).trim();
  if (STRAY_COMPARISON.test(left) || STRAY_COMPARISON.test(right)) return null;
  const target = metricAndSplit(left);
  const value = target && threshold(right, target.metric);
  if (!target || value === null) return null;
  const criterion: CriterionV2 = { id, metric: target.metric.id, split: target.split, comparator: COMPARATORS[match[0]], threshold: value };
  if (note !== '') criterion.note = note;
  return criterion;
}

/**
 * The criteria the lines state (the n-th line gets id `migrated-n`) and the non-blank lines that
 * state none, as written. Blank lines and lines that are not strings are dropped.
 */
export function criteriaFromText(lines: readonly unknown[]): { criteria: CriterionV2[]; unparsed: string[] } {
  const criteria: CriterionV2[] = [];
  const unparsed: string[] = [];
  lines.forEach((line, i) => {
    if (typeof line !== 'string' || !line.trim()) return;
    const parsed = parseLine(line, `migrated-${i + 1}`);
    if (parsed) criteria.push(parsed);
    else unparsed.push(line);
  });
  return { criteria, unparsed };
}
