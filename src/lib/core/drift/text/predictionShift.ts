/**
 * Drift of a deployed model's outputs between two windows: the predicted label as a categorical
 * column and the confidence as a numeric one, each through the column tests of `report.ts`
 * (Evidently's default test choice, or an override). No ground truth needed.
 */
import { columnDrift, type ColumnDrift } from '../report';
import type { TestOverride } from '../selectTest';

export interface PredictionWindow {
  labels: readonly (string | null | undefined)[];
  /** Confidence of each prediction (e.g. the top class probability). */
  confidences: ArrayLike<number>;
}

export interface PredictionShift {
  label: ColumnDrift;
  confidence: ColumnDrift;
  /** Either drifted. */
  drifted: boolean;
}

export function predictionShift(
  reference: PredictionWindow,
  current: PredictionWindow,
  overrides: { label?: TestOverride; confidence?: TestOverride } = {},
): PredictionShift {
  const label = columnDrift({ name: 'predicted label', kind: 'categorical', reference: reference.labels, current: current.labels }, overrides.label);
  const confidence = columnDrift({ name: 'confidence', kind: 'numeric', reference: reference.confidences, current: current.confidences }, overrides.confidence);
  return { label, confidence, drifted: label.drifted || confidence.drifted };
}
