/**
 * What the Monitor page shows of the business figures for a window: the settings, the figures
 * per chart step and for the whole window, and the targets' alerts — computed from the same
 * roll-up as the technical figures, so the two never disagree about which traffic they read.
 */
import type { MetricBucket } from './buckets';
import { businessFigures, type BusinessFigures } from './businessMetrics';
import { businessAlertsOverSteps, type BusinessAlert } from './businessAlerts';
import type { BusinessSettings } from './businessValue';
import type { RollUpWindow } from './query';

export interface BusinessView {
  settings: BusinessSettings;
  steps: BusinessFigures[];
  total: BusinessFigures;
  alerts: BusinessAlert[];
}

/**
 * `stepBuckets` are the window's steps (rollUp over `window`), `merged` the window as one bucket,
 * `calibration` the served run's map or null.
 */
export function businessView(
  settings: BusinessSettings,
  stepBuckets: readonly MetricBucket[],
  merged: MetricBucket,
  calibration: readonly number[] | null,
  window: RollUpWindow,
): BusinessView {
  const span = { ...merged, start: window.from, sizeMs: window.to - window.from };
  return {
    settings,
    steps: stepBuckets.map((b) => businessFigures(b, settings, calibration)),
    total: businessFigures(span, settings, calibration),
    alerts: businessAlertsOverSteps(settings, stepBuckets, window, { calibration }),
  };
}
