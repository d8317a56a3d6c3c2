/**
 * What a snapshot says about live traffic, for people: daily aggregates of the minute buckets,
 * the alerts of the production criteria judged per day, and a summary of the health probes.
 * Everything here is derived from the buckets and probes the snapshot also carries, so it is
 * recomputed on every export and never read back on import.
 */
import type { SuccessCriterion } from '../lifecycle/criteria';
import { emptyBucket, mergeInto, type MetricBucket } from '../monitor/buckets';
import { bucketizeHealthChecks } from '../monitor/aggregate';
import { emptyHealthBucket, mergeHealthInto, type HealthBucket } from '../monitor/health';
import { summarize } from '../monitor/query';
import { evaluateAlerts } from '../monitor/alerts';
import { businessFigures } from '../monitor/businessMetrics';
import { evaluateBusinessAlerts } from '../monitor/businessAlerts';
import type { BusinessSettings } from '../monitor/businessValue';
import type { SnapshotAlert, SnapshotBusiness, SnapshotDailyAggregate, SnapshotHealthCheck, SnapshotHealthSummary, SnapshotVersionDay } from './document';

export const DAY_MS = 86_400_000;

export interface MonitoringSummary {
  daily: SnapshotDailyAggregate[];
  alerts: SnapshotAlert[];
  health: SnapshotHealthSummary;
  business: SnapshotBusiness | null;
}

/** What the business figures are computed with: the project's settings, the served run's calibration. */
export interface BusinessInput {
  settings: BusinessSettings;
  /** Accuracy per confidence band of the served run (monitor/cbpe.ts); null: confidence stands in. */
  calibration?: readonly number[] | null;
}

/** Days of traffic the snapshot's business figures cover, ending with the newest bucket. */
export const BUSINESS_DAYS = 7;

/**
 * Business figures over the last {@link BUSINESS_DAYS} days of `buckets` (sorted or not), from
 * the start of the first UTC day with traffic when that is later; null without buckets.
 */
export function businessSummary(buckets: readonly MetricBucket[], input: BusinessInput): SnapshotBusiness | null {
  if (!buckets.length) return null;
  let first = Infinity;
  let to = -Infinity;
  for (const b of buckets) {
    first = Math.min(first, b.start);
    to = Math.max(to, b.start + b.sizeMs);
  }
  const from = Math.max(to - BUSINESS_DAYS * DAY_MS, dayOf(first));
  const inSpan = buckets.filter((b) => b.start >= from);
  const span = emptyBucket(from, to - from);
  for (const b of inSpan) mergeInto(span, b);
  const calibration = input.calibration ?? null;
  const f = businessFigures(span, input.settings, calibration);
  const alerts = evaluateBusinessAlerts(input.settings, inSpan, { from, to, stepMs: DAY_MS }, { calibration });
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    unit: f.unit,
    threshold: f.threshold,
    answers: f.answers,
    automatic: f.automatic,
    automaticShare: f.automaticShare,
    confirmedRight: f.confirmedRight,
    caughtWrong: f.caughtWrong,
    pending: f.pending,
    expectedFrom: f.expectedFrom,
    value: f.value,
    confirmedValue: f.confirmedValue,
    valuePerDay: f.valuePerDay,
    money: f.money ? { currency: f.money.currency, valuePerDay: f.money.valuePerDay } : null,
    alerts: alerts.map((a) => a.message),
  };
}

function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function groupByDay<B extends { start: number }>(items: readonly B[], empty: (start: number) => B, merge: (t: B, s: B) => void): Map<number, B> {
  const days = new Map<number, B>();
  for (const item of items) {
    const start = dayOf(item.start);
    let day = days.get(start);
    if (!day) days.set(start, (day = empty(start)));
    merge(day, item);
  }
  return days;
}

function versionDays(bucket: MetricBucket, rank: (id: string) => number): SnapshotVersionDay[] {
  return Object.keys(bucket.versions)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((modelVersionId) => {
      const t = bucket.versions[modelVersionId];
      return { modelVersionId, requests: t.requests, errors: t.errors, answered: t.answered, labelled: t.labelled, accuracy: t.labelled ? t.correct / t.labelled : null };
    });
}

function dailyAggregate(bucket: MetricBucket, health: HealthBucket | null, rank: (id: string) => number): SnapshotDailyAggregate {
  const s = summarize(bucket, { health });
  const labelMix: Record<string, number> = {};
  for (const label of Object.keys(bucket.labels).sort()) {
    Object.defineProperty(labelMix, label, { value: bucket.labels[label], enumerable: true, writable: true, configurable: true });
  }
  return {
    day: new Date(bucket.start).toISOString().slice(0, 10),
    requests: s.requests,
    predictions: s.predictions,
    errors: s.errors,
    errorRate: s.errorRate,
    availability: s.availability,
    latencyMs: { p50: s.p50, p95: s.p95, p99: s.p99, mean: s.meanLatencyMs, max: s.maxLatencyMs },
    answered: s.answered,
    meanConfidence: s.meanConfidence,
    lowConfidenceShare: s.lowConfidenceShare,
    labelMix,
    labelled: s.labelled,
    accuracy: s.accuracy,
    routes: { ...bucket.routes },
    versions: versionDays(bucket, rank),
  };
}

function healthSummary(checks: readonly SnapshotHealthCheck[]): SnapshotHealthSummary {
  if (checks.length === 0) return { checks: 0, ok: 0, availability: null, meanLatencyMs: null, first: null, last: null };
  const ok = checks.filter((c) => c.ok).length;
  const times = checks.map((c) => c.at).sort();
  return {
    checks: checks.length,
    ok,
    availability: ok / checks.length,
    meanLatencyMs: checks.reduce((sum, c) => sum + c.latencyMs, 0) / checks.length,
    first: times[0],
    last: times[times.length - 1],
  };
}

/**
 * Daily aggregates (UTC days with traffic or probes, oldest first), alerts of the production
 * criteria over [first day, last day end) in daily steps, and the health summary.
 * `versionOrder` lists model version ids in the order their per-version rows should appear.
 * With `business`, also the business figures ({@link businessSummary}); else those are null.
 */
export function monitoringSummary(
  buckets: readonly MetricBucket[],
  healthChecks: readonly SnapshotHealthCheck[],
  criteria: readonly SuccessCriterion[],
  versionOrder: readonly string[],
  business: BusinessInput | null = null,
): MonitoringSummary {
  const order = new Map(versionOrder.map((id, i) => [id, i]));
  const rank = (id: string) => order.get(id) ?? versionOrder.length;
  const health = bucketizeHealthChecks(healthChecks);
  const trafficDays = groupByDay(buckets, (start) => emptyBucket(start, DAY_MS), mergeInto);
  const healthDays = groupByDay(health, (start) => emptyHealthBucket(start, DAY_MS), mergeHealthInto);
  const days = [...new Set([...trafficDays.keys(), ...healthDays.keys()])].sort((a, b) => a - b);
  const daily = days.map((day) => dailyAggregate(trafficDays.get(day) ?? emptyBucket(day, DAY_MS), healthDays.get(day) ?? null, rank));
  const alerts = days.length
    ? evaluateAlerts(criteria, { buckets, health }, { from: days[0], to: days[days.length - 1] + DAY_MS, stepMs: DAY_MS }).map((a) => ({ ...a, window: { ...a.window } }))
    : [];
  return { daily, alerts, health: healthSummary(healthChecks), business: business ? businessSummary(buckets, business) : null };
}
