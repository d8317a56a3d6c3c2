/**
 * Success criteria checked against live traffic. A criterion on the production split whose
 * metric the buckets can measure is evaluated over every step of a window and over the window
 * as a whole, with `evaluateCriteria` (lifecycle/criteria.ts) doing the comparison, so the
 * Monitor page and the stage gates can never disagree about what "meets the target" means.
 *
 * Alerts, per criterion in the order given: first one for the whole window if it fails there,
 * then one per run of consecutive failing steps (a bad afternoon is one alert, not six), except
 * a run of every step when the window alert already covers it. A run's
 * `measured` is the metric over the run's merged buckets; `worst` is its worst single step.
 * Steps or windows with fewer than `minSamples` samples of the metric's kind (predictions for
 * latency, requests for error rate and availability, labelled answers for accuracy-type
 * metrics) are not judged: one slow request is not a p99.
 */
import { evaluateCriteria, metricById, type Comparator, type MeasuredMetrics, type MetricId, type SuccessCriterion } from '../lifecycle/criteria';
import { emptyBucket, mergeInto, type MetricBucket } from './buckets';
import { emptyHealthBucket, mergeHealthInto, type HealthBucket } from './health';
import { rollUp, rollUpHealth, summarize, type BucketSummary, type RollUpWindow } from './query';

interface MetricSource {
  read: (s: BucketSummary) => number | null | undefined;
  /** The sample size behind the value. */
  samples: (s: BucketSummary) => number;
  /** What a sample is, plural, for messages. */
  noun: string;
}

/** The requests the error rate is measured on: every status class (predictions for buckets older than request logging). */
const statusTotal = (s: BucketSummary): number => Object.values(s.status).reduce((sum, n) => sum + n, 0);
const predictions = (s: BucketSummary): number => s.predictions;
const labelled = (s: BucketSummary): number => s.labelled;

/** Production metrics the monitor measures, and how. */
const SOURCES: Partial<Record<MetricId, MetricSource>> = {
  latency_p50_ms: { read: (s) => s.p50, samples: predictions, noun: 'predictions' },
  latency_p95_ms: { read: (s) => s.p95, samples: predictions, noun: 'predictions' },
  latency_p99_ms: { read: (s) => s.p99, samples: predictions, noun: 'predictions' },
  error_rate: { read: (s) => s.errorRate, samples: statusTotal, noun: 'requests' },
  availability: { read: (s) => s.availability, samples: (s) => s.availabilitySamples, noun: 'requests' },
  accuracy: { read: (s) => s.accuracy, samples: labelled, noun: 'labelled answers' },
  macro_f1: { read: (s) => s.labelledMetrics?.macroF1, samples: labelled, noun: 'labelled answers' },
  micro_f1: { read: (s) => s.labelledMetrics?.microF1, samples: labelled, noun: 'labelled answers' },
  weighted_f1: { read: (s) => s.labelledMetrics?.weightedF1, samples: labelled, noun: 'labelled answers' },
  precision_macro: { read: (s) => s.labelledMetrics?.precisionMacro, samples: labelled, noun: 'labelled answers' },
  recall_macro: { read: (s) => s.labelledMetrics?.recallMacro, samples: labelled, noun: 'labelled answers' },
};

/** Metric ids the monitor can measure on production traffic (not ece: it needs per-answer confidences). */
export const MONITORED_METRICS: readonly MetricId[] = Object.freeze(Object.keys(SOURCES) as MetricId[]);

/**
 * Production metrics of a summary in the shape `evaluateCriteria` reads: latency_p50/95/99_ms
 * (estimated, ms), error_rate, availability (from the logged requests), accuracy and the F1 /
 * precision / recall family (with ground truth). A metric with fewer than `minSamples`
 * (default 1) samples is left out, so its criteria read as unmeasured.
 */
export function toMeasuredProduction(summary: BucketSummary, minSamples = 1): MeasuredMetrics {
  const production: Partial<Record<MetricId, number>> = {};
  for (const [id, source] of Object.entries(SOURCES) as [MetricId, MetricSource][]) {
    const value = source.read(summary);
    if (typeof value === 'number' && Number.isFinite(value) && source.samples(summary) >= Math.max(1, minSamples)) {
      production[id] = value;
    }
  }
  return { production };
}

/** The criteria the monitor watches: production split, measurable metric. Also the SLA lines of the charts. */
export function monitoredCriteria(criteria: readonly SuccessCriterion[]): SuccessCriterion[] {
  return criteria.filter((c) => c.split === 'production' && SOURCES[c.metric] !== undefined);
}

export interface MonitorAlert {
  criterionId: string;
  metric: MetricId;
  /** 'window': the whole window fails; 'steps': a run of consecutive failing steps. */
  scope: 'window' | 'steps';
  /** The span the alert is about, ms since the epoch: [from, to). */
  window: { from: number; to: number };
  /** Steps in the span. */
  steps: number;
  /** The metric over the span, in its unit (ratio or ms; latency estimated). */
  measured: number;
  /** The worst judged step in the span, or `measured` when that is worse (or no step was judged). */
  worst: number;
  /** Samples behind `measured` (predictions, requests or labelled answers). */
  samples: number;
  threshold: number;
  comparator: Comparator;
  message: string;
}

export interface AlertOptions {
  /** Fewest samples for a step or window to be judged; default 1. */
  minSamples?: number;
}

const SYMBOL: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };

function formatValue(metric: MetricId, value: number): string {
  if (metricById(metric)?.unit === 'ms') return `${Math.round(value * 10) / 10} ms`;
  return `${Math.round(value * 10_000) / 100} %`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function message(c: SuccessCriterion, measured: number, samples: number, span: { from: number; to: number }): string {
  const metric = metricById(c.metric);
  const approx = metric?.unit === 'ms' ? '≈ ' : '';
  const source = SOURCES[c.metric];
  return (
    `${metric?.label ?? c.metric} ${approx}${formatValue(c.metric, measured)} from ${formatTime(span.from)} to ` +
    `${formatTime(span.to)} UTC over ${samples} ${source?.noun ?? 'samples'}; target ${SYMBOL[c.comparator]} ${formatValue(c.metric, c.threshold)}.`
  );
}

/** The sum of some steps as one summary. */
function summarizeSpan(steps: MetricBucket[], health: HealthBucket[], from: number, to: number): BucketSummary {
  const bucket = emptyBucket(from, to - from);
  const probes = emptyHealthBucket(from, to - from);
  for (const s of steps) mergeInto(bucket, s);
  for (const h of health) mergeHealthInto(probes, h);
  return summarize(bucket, { health: probes });
}

/**
 * Alerts for the production criteria over `window` (see the file comment). `data.buckets` and
 * `data.health` are base buckets; they are rolled up here. No buckets, no criteria to watch or
 * an empty window give no alerts.
 */
export function evaluateAlerts(
  criteria: readonly SuccessCriterion[],
  data: { buckets: readonly MetricBucket[]; health?: readonly HealthBucket[] },
  window: RollUpWindow,
  options: AlertOptions = {},
): MonitorAlert[] {
  const watched = monitoredCriteria(criteria);
  const minSamples = options.minSamples ?? 1;
  const steps = rollUp(data.buckets, window);
  if (watched.length === 0 || steps.length === 0) return [];
  const health = rollUpHealth(data.health ?? [], window);
  const stepResults = steps.map((b, i) => evaluateCriteria(watched, toMeasuredProduction(summarize(b, { health: health[i] }), minSamples)));
  const whole = summarizeSpan(steps, health, window.from, window.to);
  const wholeResults = evaluateCriteria(watched, toMeasuredProduction(whole, minSamples));

  const alerts: MonitorAlert[] = [];
  watched.forEach((c, j) => {
    const lowerIsBetter = c.comparator === '<=' || c.comparator === '<';
    const worse = (a: number, b: number): number => (lowerIsBetter ? Math.max(a, b) : Math.min(a, b));
    const alert = (scope: MonitorAlert['scope'], first: number, last: number, summary: BucketSummary): MonitorAlert => {
      const measured = SOURCES[c.metric]!.read(summary) as number;
      let worst = measured;
      for (let i = first; i <= last; i++) {
        const m = stepResults[i][j].measured;
        if (m !== undefined) worst = worse(worst, m);
      }
      const span = { from: summary.from, to: summary.to };
      const samples = SOURCES[c.metric]!.samples(summary);
      const { id: criterionId, metric, threshold, comparator } = c;
      return {
        criterionId,
        metric,
        scope,
        window: span,
        steps: last - first + 1,
        measured,
        worst,
        samples,
        threshold,
        comparator,
        message: message(c, measured, samples, span),
      };
    };

    const spans = alertSpans(stepResults.map((r) => r[j].status === 'fail'), wholeResults[j].status === 'fail');
    for (const { scope, first, last } of spans) {
      if (scope === 'window') alerts.push(alert('window', 0, steps.length - 1, whole));
      else alerts.push(alert('steps', first, last, summarizeSpan(steps.slice(first, last + 1), health.slice(first, last + 1), steps[first].start, steps[last].start + steps[last].sizeMs)));
    }
  });
  return alerts;
}

/** One span to alert on: the whole window, or a run of consecutive failing steps [first, last]. */
export interface AlertSpan {
  scope: MonitorAlert['scope'];
  first: number;
  last: number;
}

/**
 * Where to alert, given which steps fail and whether the whole window does (see the file
 * comment): the window first, then each run of failing steps, except a run of every step when
 * the window alert already covers it. Shared by the criteria's and the business targets' alerts.
 */
export function alertSpans(stepFails: readonly boolean[], wholeFails: boolean): AlertSpan[] {
  const spans: AlertSpan[] = wholeFails ? [{ scope: 'window', first: 0, last: stepFails.length - 1 }] : [];
  let i = 0;
  while (i < stepFails.length) {
    if (!stepFails[i]) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < stepFails.length && stepFails[last + 1]) last++;
    if (wholeFails && i === 0 && last === stepFails.length - 1) break; // the window alert says it all
    spans.push({ scope: 'steps', first: i, last });
    i = last + 1;
  }
  return spans;
}
