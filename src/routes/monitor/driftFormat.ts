/** How the Drift view writes its numbers. */
import type { ColumnDrift } from '$lib/core/drift/report';

/** A p-value or distance: 3 significant digits, "< 0.0001" for tiny p-values, "—" when unknown (e.g. ∞ after JSON). */
export function formatScore(value: number | null | undefined, kind: 'p-value' | 'distance' = 'distance'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (kind === 'p-value' && value < 0.0001) return '< 0.0001';
  return value >= 0.001 || value === 0 ? value.toFixed(value < 1 ? 3 : 2) : value.toExponential(1);
}

/** "chi-square p-value 0.003 (drift below 0.05)". */
export function describeTest(test: ColumnDrift): string {
  const rule = test.thresholdKind === 'p-value' ? `drift below ${test.threshold}` : `drift at ${test.threshold} or more`;
  return `${test.testLabel} ${formatScore(test.score, test.thresholdKind)} (${rule})`;
}

/** 0.1234 → "12.3 %". */
export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)} %`;
}
