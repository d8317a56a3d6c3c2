/**
 * Reading stored buckets: roll base buckets up into the steps of a chart window, and turn any
 * bucket (a step, or a whole window merged) into the numbers the Monitor page shows.
 */
import { classificationReport } from '../eval/confusion';
import { emptyBucket, mergeInto, type MetricBucket, type StatusCounts } from './buckets';
import { binsBelow, CONFIDENCE_BIN_COUNT } from './confidence';
import { addCount, countOf } from './counts';
import { availability, emptyHealthBucket, mergeHealthInto, type HealthBucket } from './health';
import { estimatePercentile } from './latencyHistogram';

/** A chart window, all in ms since the epoch / ms: [from, to) cut into steps of `stepMs`. */
export interface RollUpWindow {
  from: number;
  to: number;
  stepMs: number;
}

/** Most steps one roll-up may produce (a year of minutes is 525 600: pick a coarser step). */
export const MAX_STEPS = 100_000;

/** Default low-confidence threshold: answers below 0.5 count as low-confidence. */
export const DEFAULT_LOW_CONFIDENCE = 0.5;

function stepCount({ from, to, stepMs }: RollUpWindow): number {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw new RangeError(`Window must be integer ms with from ≤ to; got [${from}, ${to}).`);
  }
  if (!(Number.isInteger(stepMs) && stepMs > 0)) throw new RangeError(`Step must be a positive integer of ms, got ${stepMs}.`);
  const n = Math.ceil((to - from) / stepMs);
  if (n > MAX_STEPS) throw new RangeError(`${n} steps of ${stepMs} ms exceed the limit of ${MAX_STEPS}; use a larger step.`);
  return n;
}

function rollUpWith<B extends { start: number; sizeMs: number }>(
  buckets: readonly B[],
  window: RollUpWindow,
  empty: (start: number, sizeMs: number) => B,
  merge: (target: B, source: B) => void,
): B[] {
  const { from, to, stepMs } = window;
  const n = stepCount(window);
  const steps = Array.from({ length: n }, (_, i) => empty(from + i * stepMs, Math.min(stepMs, to - from - i * stepMs)));
  for (const b of buckets) {
    if (b.start < from || b.start >= to) continue;
    const i = Math.floor((b.start - from) / stepMs);
    const stepEnd = from + (i + 1) * stepMs;
    if (b.start + b.sizeMs > stepEnd && stepEnd < to) {
      throw new RangeError(`A ${b.sizeMs} ms bucket at ${b.start} straddles the step ending ${stepEnd}: align the window and step to the buckets.`);
    }
    merge(steps[i], b);
  }
  return steps;
}

/**
 * Merge base buckets into consecutive steps: step i covers [from + i·stepMs, from + (i+1)·stepMs),
 * the last one cut at `to`. Steps are anchored at `from` (pass `bucketStart(from, stepMs)` for
 * clock-aligned steps). A bucket counts, whole, in the step holding its start; buckets starting
 * outside [from, to) are left out, and the bucket holding `to` (the current minute) is kept. A
 * bucket that straddles an inner step boundary throws a RangeError. Empty steps are empty
 * buckets, so a chart shows zero traffic rather than a gap in time. Input order does not matter.
 */
export function rollUp(buckets: readonly MetricBucket[], window: RollUpWindow): MetricBucket[] {
  return rollUpWith(buckets, window, emptyBucket, mergeInto);
}

/** {@link rollUp} for health buckets. */
export function rollUpHealth(buckets: readonly HealthBucket[], window: RollUpWindow): HealthBucket[] {
  return rollUpWith(buckets, window, emptyHealthBucket, mergeHealthInto);
}

/** The span [first start, last end) of some buckets, for the "all" window; null when none. */
export function extent(buckets: readonly { start: number; sizeMs: number }[]): { from: number; to: number } | null {
  if (buckets.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const b of buckets) {
    from = Math.min(from, b.start);
    to = Math.max(to, b.start + b.sizeMs);
  }
  return { from, to };
}

/** Share of answers with confidence below `threshold` (0.1 … 0.9); null without answers. */
export function lowConfidenceShare(bucket: MetricBucket, threshold: number = DEFAULT_LOW_CONFIDENCE): number | null {
  const below = binsBelow(threshold);
  if (bucket.answered === 0) return null;
  let low = 0;
  for (let i = 0; i < below && i < CONFIDENCE_BIN_COUNT; i++) low += bucket.confidenceCounts[i];
  return low / bucket.answered;
}

/** Share of answers per predicted label, keys sorted; {} without answers. */
export function labelShares(bucket: MetricBucket): Record<string, number> {
  const shares: Record<string, number> = {};
  if (bucket.answered === 0) return shares;
  for (const label of Object.keys(bucket.labels).sort()) addCount(shares, label, countOf(bucket.labels, label) / bucket.answered);
  return shares;
}

/** Metrics read from ground truth beyond accuracy, with scikit-learn's definitions (eval/confusion.ts). */
export interface LabelledMetrics {
  macroF1: number;
  microF1: number;
  weightedF1: number;
  precisionMacro: number;
  recallMacro: number;
}

/** Precision, recall and F1 over the labelled answers; null without any. */
export function labelledMetrics(bucket: MetricBucket): LabelledMetrics | null {
  if (bucket.labelled === 0) return null;
  const classSet = new Set<string>();
  for (const [predicted, actuals] of Object.entries(bucket.confusion)) {
    classSet.add(predicted);
    for (const actual of Object.keys(actuals)) classSet.add(actual);
  }
  const classes = [...classSet].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const cm = classes.map(() => new Array<number>(classes.length).fill(0));
  for (const [predicted, actuals] of Object.entries(bucket.confusion)) {
    for (const [actual, n] of Object.entries(actuals)) cm[index.get(actual)!][index.get(predicted)!] += n;
  }
  const report = classificationReport(cm, classes);
  return {
    macroF1: report.macro.f1,
    microF1: report.micro.f1,
    weightedF1: report.weighted.f1,
    precisionMacro: report.macro.precision,
    recallMacro: report.macro.recall,
  };
}

/** What the Monitor page shows for one step or one window. Null means "nothing to measure". */
export interface BucketSummary {
  /** Span, ms since the epoch: [from, to). */
  from: number;
  to: number;
  /** HTTP requests answered (every `/api/v1/*` route and status; a batch of texts is one). */
  requests: number;
  /** Requests per route path. */
  requestsByRoute: Record<string, number>;
  /** Requests by status class. */
  status: StatusCounts;
  /** 5xx + failed requests. */
  errors: number;
  /** errors / requests. */
  errorRate: number | null;
  /** Error answers per error code. */
  errorCodes: Record<string, number>;
  /** Served predictions: one per text answered (champion + challenger). */
  predictions: number;
  /** Latency percentiles of served predictions, ms, estimated from the histogram (bound in latencyHistogram.ts). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Mean latency, ms (exact to 1 µs). */
  meanLatencyMs: number | null;
  /** Slowest prediction, ms (exact). */
  maxLatencyMs: number | null;
  /** Served 2xx answers. */
  answered: number;
  /** Mean answer confidence in [0, 1] (exact to 10⁻⁶). */
  meanConfidence: number | null;
  /** The threshold `lowConfidenceShare` used. */
  lowConfidenceThreshold: number;
  /** Share of answers with confidence below the threshold. */
  lowConfidenceShare: number | null;
  /** Share of answers per predicted label. */
  labelShares: Record<string, number>;
  /** Answers with ground truth. */
  labelled: number;
  /** correct / labelled. */
  accuracy: number | null;
  /** F1, precision and recall over the labelled answers. */
  labelledMetrics: LabelledMetrics | null;
  /** Health probes in the span. */
  healthChecks: number;
  /** Probes that found the endpoint healthy. */
  healthOk: number;
  /**
   * Share of requests answered without a server error ((requests − errors) / requests). For
   * buckets written before requests were logged (no `calls`), the share of healthy probes.
   */
  availability: number | null;
  /** The requests `availability` was measured on: requests, or probes for older buckets. */
  availabilitySamples: number;
}

export interface SummarizeOptions {
  /** Health probes over the same span. */
  health?: HealthBucket | null;
  /** Low-confidence threshold, one of 0.1 … 0.9; default {@link DEFAULT_LOW_CONFIDENCE}. */
  lowConfidenceThreshold?: number;
}

/** The numbers of one bucket: a step of a roll-up, or a whole window merged. */
export function summarize(bucket: MetricBucket, options: SummarizeOptions = {}): BucketSummary {
  const threshold = options.lowConfidenceThreshold ?? DEFAULT_LOW_CONFIDENCE;
  // Older buckets have no request counts: their predictions stand in (every one was a 2xx then).
  const calls = bucket.calls;
  const status = calls?.status ?? bucket.status;
  const requests = calls?.requests ?? 0;
  const errors = status.serverError + status.failed;
  const errorBase = calls ? requests : bucket.requests;
  const hist = { counts: bucket.latencyCounts, minMs: bucket.latencyMinMs, maxMs: bucket.latencyMaxMs };
  const n = bucket.requests;
  const health = options.health ?? null;
  return {
    from: bucket.start,
    to: bucket.start + bucket.sizeMs,
    requests,
    requestsByRoute: { ...calls?.routes },
    status: { ...status },
    errors,
    errorRate: errorBase === 0 ? null : errors / errorBase,
    errorCodes: { ...calls?.codes },
    predictions: n,
    p50: estimatePercentile(hist, 50),
    p95: estimatePercentile(hist, 95),
    p99: estimatePercentile(hist, 99),
    meanLatencyMs: n === 0 ? null : bucket.latencySumUs / (n * 1000),
    maxLatencyMs: bucket.latencyMaxMs,
    answered: bucket.answered,
    meanConfidence: bucket.answered === 0 ? null : bucket.confidenceSumE6 / (bucket.answered * 1e6),
    lowConfidenceThreshold: threshold,
    lowConfidenceShare: lowConfidenceShare(bucket, threshold),
    labelShares: labelShares(bucket),
    labelled: bucket.labelled,
    accuracy: bucket.labelled === 0 ? null : bucket.correct / bucket.labelled,
    labelledMetrics: labelledMetrics(bucket),
    healthChecks: health?.checks ?? 0,
    healthOk: health?.ok ?? 0,
    availability: calls ? (requests === 0 ? null : (requests - errors) / requests) : health ? availability(health) : null,
    availabilitySamples: calls ? requests : (health?.checks ?? 0),
  };
}
