/**
 * Confidence-based performance estimation (CBPE, as NannyML calls it): the accuracy a model is
 * expected to have on traffic whose outcomes are not known yet. Raw confidences are only honest
 * when the model is calibrated, so each confidence band of the live traffic is mapped through the
 * reliability curve measured on labelled held-out data (the run's test split): "answers at 80–90 %
 * confidence were right 84 % of the time there". A band the reference never saw counts at its
 * mid-point. Valid while the relation between confidence and correctness holds — concept drift
 * breaks it, which is why the realized accuracy is shown beside the estimate.
 */
import { CONFIDENCE_BIN_COUNT, CONFIDENCE_EDGES } from './confidence';

/** Accuracy per confidence band on the reference data; `count` 0 = band not seen. */
export interface CalibrationBand {
  lo: number;
  hi: number;
  count: number;
  accuracy: number;
}

/**
 * Per monitoring band (the 10 bands of confidence.ts), the accuracy to expect: the reference
 * bands overlapping it, weighted by reference count; the band's mid-point when none has data.
 */
export function calibrationMap(reference: readonly CalibrationBand[]): number[] {
  return Array.from({ length: CONFIDENCE_BIN_COUNT }, (_, i) => {
    const lo = CONFIDENCE_EDGES[i];
    const hi = CONFIDENCE_EDGES[i + 1];
    let n = 0;
    let correct = 0;
    for (const band of reference) {
      if (band.count > 0 && Number.isFinite(band.accuracy) && band.lo < hi && band.hi > lo) {
        n += band.count;
        correct += band.count * band.accuracy;
      }
    }
    return n > 0 ? correct / n : (lo + hi) / 2;
  });
}

/** Expected accuracy of answers with these confidence-band counts; null when there are none. */
export function estimateAccuracy(confidenceCounts: readonly number[], map: readonly number[]): number | null {
  if (confidenceCounts.length !== map.length) throw new RangeError(`${confidenceCounts.length} confidence bands for a map of ${map.length}.`);
  let n = 0;
  let expected = 0;
  confidenceCounts.forEach((c, i) => {
    n += c;
    expected += c * map[i];
  });
  return n === 0 ? null : expected / n;
}

/** The calibration map of a run's test evaluation (its reliability bands); null when it has none. */
export function runCalibration(run: { evaluation?: { test: { reliability?: readonly CalibrationBand[] } } | null } | null | undefined): number[] | null {
  const reliability = run?.evaluation?.test.reliability;
  return reliability ? calibrationMap(reliability) : null;
}
