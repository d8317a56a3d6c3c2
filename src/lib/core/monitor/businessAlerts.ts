/**
 * Alerts for the business targets (businessValue.ts), judged like the success criteria's
 * (alerts.ts, whose `alertSpans` decides where to alert): over the whole window and per run of
 * failing steps. Both targets are floors: the automatic share ≥ x and the estimated net value
 * per day ≥ y (a step's value scaled to 24 h by its length). Steps or windows with fewer than
 * `minSamples` answers (default 1) are not judged: a quiet night is not a loss.
 */
import { emptyBucket, mergeInto, type MetricBucket } from './buckets';
import { alertSpans, formatTime, type MonitorAlert } from './alerts';
import { businessFigures, type BusinessFigures } from './businessMetrics';
import type { BusinessSettings } from './businessValue';
import { rollUp, type RollUpWindow } from './query';

export const BUSINESS_METRICS = ['automatic_share', 'net_value_per_day'] as const;
export type BusinessMetricId = (typeof BUSINESS_METRICS)[number];

/** A business alert: a monitor alert whose metric is a business one, and whose comparator is always ≥. */
export interface BusinessAlert extends Omit<MonitorAlert, 'metric' | 'criterionId'> {
  /** `business:` and the metric. */
  criterionId: string;
  metric: BusinessMetricId;
}

const READ: Record<BusinessMetricId, (f: BusinessFigures) => number | null> = {
  automatic_share: (f) => f.automaticShare,
  net_value_per_day: (f) => f.valuePerDay,
};

function targetOf(settings: BusinessSettings, metric: BusinessMetricId): number | null {
  return metric === 'automatic_share' ? settings.targets.automaticShare : settings.targets.netValuePerDay;
}

function formatted(metric: BusinessMetricId, value: number, unit: string): string {
  return metric === 'automatic_share' ? `${Math.round(value * 1000) / 10} %` : `${Math.round(value * 10) / 10} ${unit} per day`;
}

function message(metric: BusinessMetricId, f: BusinessFigures, measured: number, target: number): string {
  const what = metric === 'automatic_share' ? 'Automatic decisions were' : 'Estimated net value was';
  const of = metric === 'automatic_share' ? ' of answers' : '';
  return `${what} ${formatted(metric, measured, f.unit)}${of} from ${formatTime(f.from)} to ${formatTime(f.to)} UTC over ${f.answers} answers; target ≥ ${formatted(metric, target, f.unit)}.`;
}

function merged(steps: readonly MetricBucket[], from: number, to: number): MetricBucket {
  const bucket = emptyBucket(from, to - from);
  for (const s of steps) mergeInto(bucket, s);
  return bucket;
}

export interface BusinessAlertOptions {
  /** The served run's accuracy per confidence band (cbpe.ts); null: confidence stands in. */
  calibration?: readonly number[] | null;
  /** Fewest answers for a step or window to be judged; default 1. */
  minSamples?: number;
}

/** Alerts for the targets set in `settings` over `window` (base buckets are rolled up here). */
export function evaluateBusinessAlerts(settings: BusinessSettings, buckets: readonly MetricBucket[], window: RollUpWindow, options: BusinessAlertOptions = {}): BusinessAlert[] {
  return businessAlertsOverSteps(settings, rollUp(buckets, window), window, options);
}

/** {@link evaluateBusinessAlerts} over steps already rolled up for `window` (the Monitor page has them). */
export function businessAlertsOverSteps(
  settings: BusinessSettings,
  steps: readonly MetricBucket[],
  window: { from: number; to: number },
  options: BusinessAlertOptions = {},
): BusinessAlert[] {
  const watched = BUSINESS_METRICS.filter((m) => targetOf(settings, m) !== null);
  if (!watched.length || !steps.length) return [];
  const min = Math.max(1, options.minSamples ?? 1);
  const figuresOf = (b: MetricBucket) => businessFigures(b, settings, options.calibration ?? null);
  const stepFigures = steps.map(figuresOf);
  const whole = figuresOf(merged(steps, window.from, window.to));
  const alerts: BusinessAlert[] = [];
  for (const metric of watched) {
    const target = targetOf(settings, metric)!;
    const judged = (f: BusinessFigures): number | null => (f.answers >= min ? READ[metric](f) : null);
    const fails = (f: BusinessFigures) => {
      const v = judged(f);
      return v !== null && v < target;
    };
    for (const { scope, first, last } of alertSpans(stepFigures.map(fails), fails(whole))) {
      const f = scope === 'window' ? whole : figuresOf(merged(steps.slice(first, last + 1), steps[first].start, steps[last].start + steps[last].sizeMs));
      const measured = READ[metric](f)!;
      let worst = measured;
      for (let i = first; i <= last; i++) {
        const v = judged(stepFigures[i]);
        if (v !== null) worst = Math.min(worst, v);
      }
      alerts.push({
        criterionId: `business:${metric}`,
        metric,
        scope,
        window: { from: f.from, to: f.to },
        steps: last - first + 1,
        measured,
        worst,
        samples: f.answers,
        threshold: target,
        comparator: '>=',
        message: message(metric, f, measured, target),
      });
    }
  }
  return alerts;
}
