/**
 * The vocabulary of success criteria: which metrics a criterion can target, on which data
 * split, and the names people type for them. One table drives parsing, formatting, validation
 * and the metric picker.
 */

export const SPLITS = ['train', 'validation', 'test', 'production'] as const;
/** Where a metric is measured: an offline split of the dataset, or live traffic. */
export type Split = (typeof SPLITS)[number];

export type MetricId =
  | 'accuracy'
  | 'macro_f1'
  | 'micro_f1'
  | 'weighted_f1'
  | 'precision_macro'
  | 'recall_macro'
  | 'ece'
  | 'latency_p50_ms'
  | 'latency_p95_ms'
  | 'latency_p99_ms'
  | 'availability'
  | 'error_rate';

export interface CriterionMetric {
  id: MetricId;
  /** Display name; it also parses back to this metric. */
  label: string;
  /** 'ratio': a fraction in [0, 1] (percentages are converted); 'ms': milliseconds, ≥ 0. */
  unit: 'ratio' | 'ms';
  /** Whether the split can be chosen; false means production only. */
  splits: boolean;
  /** Which direction is an improvement. */
  better: 'higher' | 'lower';
  /** Split assumed when the text names none. */
  defaultSplit: Split;
  /** Extra names accepted by the parser, compared after {@link normalizeName}. */
  aliases: readonly string[];
}

const classification = (id: MetricId, label: string, aliases: string[]): CriterionMetric => ({
  id,
  label,
  unit: 'ratio',
  splits: true,
  better: 'higher',
  defaultSplit: 'test',
  aliases,
});

const latency = (id: MetricId, p: string): CriterionMetric => ({
  id,
  label: `${p} latency`,
  unit: 'ms',
  splits: true,
  better: 'lower',
  defaultSplit: 'production',
  aliases: [`latency ${p}`, `latency ${p} ms`, `${p} latency ms`, p],
});

export const CRITERION_METRICS: readonly CriterionMetric[] = [
  classification('accuracy', 'Accuracy', ['acc']),
  classification('macro_f1', 'Macro-F1', ['F1 macro', 'macro-averaged F1', 'macro average F1']),
  classification('micro_f1', 'Micro-F1', ['F1 micro', 'micro-averaged F1', 'micro average F1']),
  classification('weighted_f1', 'Weighted-F1', ['F1 weighted', 'weighted average F1']),
  classification('precision_macro', 'Macro precision', ['macro-averaged precision']),
  classification('recall_macro', 'Macro recall', ['macro-averaged recall']),
  {
    id: 'ece',
    label: 'Expected calibration error',
    unit: 'ratio',
    splits: true,
    better: 'lower',
    defaultSplit: 'test',
    aliases: ['calibration error'],
  },
  latency('latency_p50_ms', 'p50'),
  latency('latency_p95_ms', 'p95'),
  latency('latency_p99_ms', 'p99'),
  {
    id: 'availability',
    label: 'Availability',
    unit: 'ratio',
    splits: false,
    better: 'higher',
    defaultSplit: 'production',
    aliases: ['uptime'],
  },
  {
    id: 'error_rate',
    label: 'Error rate',
    unit: 'ratio',
    splits: false,
    better: 'lower',
    defaultSplit: 'production',
    aliases: [],
  },
];

/** Names compare case-, space- and punctuation-blind: "Macro-F1" = "macro_f1" = "macro f1". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const METRIC_BY_ID = new Map<string, CriterionMetric>(CRITERION_METRICS.map((m) => [m.id, m]));

const METRIC_BY_NAME = new Map<string, CriterionMetric>();
for (const m of CRITERION_METRICS) {
  for (const name of [m.id, m.label, ...m.aliases]) METRIC_BY_NAME.set(normalizeName(name), m);
}

const SPLIT_ALIASES: Record<Split, readonly string[]> = {
  train: ['train', 'training'],
  validation: ['validation', 'val', 'valid', 'dev'],
  test: ['test', 'testing', 'holdout'],
  production: ['production', 'prod', 'live'],
};

const SPLIT_BY_NAME = new Map<string, Split>();
for (const split of SPLITS) for (const name of SPLIT_ALIASES[split]) SPLIT_BY_NAME.set(name, split);

/** The catalogue entry for an exact metric id (stored data), or undefined. */
export function metricById(id: unknown): CriterionMetric | undefined {
  return typeof id === 'string' ? METRIC_BY_ID.get(id) : undefined;
}

/** The metric a typed name means ("macro-F1", "p99 latency", "latency_p99_ms"), or undefined. */
export function findMetric(name: string): CriterionMetric | undefined {
  return METRIC_BY_NAME.get(normalizeName(name));
}

/** The split a typed name means ("val", "prod", "Test"), or undefined. */
export function findSplit(name: string): Split | undefined {
  return SPLIT_BY_NAME.get(name.trim().toLowerCase());
}

export function isSplit(value: unknown): value is Split {
  return typeof value === 'string' && (SPLITS as readonly string[]).includes(value);
}

/** Why a threshold is impossible for the metric, or null when it is fine. */
export function thresholdProblem(metric: CriterionMetric, threshold: number): string | null {
  if (!Number.isFinite(threshold)) return `${metric.label} needs a finite number as threshold.`;
  if (metric.unit === 'ratio' && (threshold < 0 || threshold > 1)) {
    return `${metric.label} is a ratio between 0 and 1 (or 0 % to 100 %); got ${threshold}.`;
  }
  if (metric.unit === 'ms' && threshold < 0) {
    return `${metric.label} is a duration in milliseconds and cannot be negative; got ${threshold}.`;
  }
  return null;
}

/** Why a split does not apply to the metric, or null when it does. */
export function splitProblem(metric: CriterionMetric, split: Split): string | null {
  if (!metric.splits && split !== 'production') {
    return `${metric.label} is measured on production traffic only, not on ${split}.`;
  }
  return null;
}
