/**
 * Confidence drift of a served classifier when the reference confidences exist only as a
 * histogram: a run stores its test split's confidences as reliability bins (equal-width bands
 * with a count and the mean confidence in each), not one value per text. Both sides are
 * therefore compared at the stored resolution: every confidence stands for the middle of its
 * band, and the banded values go through the numeric column test of `report.ts` (Evidently's
 * default choice: K-S up to 1,000 reference values). The means are exact: the reference mean
 * comes from the bins' mean confidences, the current one from the raw values.
 */
import { binIndex } from '../../eval/calibration';
import { columnDrift, type ColumnDrift } from '../report';

/** One stored reliability bin of a run's test split (runReport's `reliability`). */
export interface ConfidenceBand {
  /** Band edges in [0, 1]; bands are equal-width and in ascending order. */
  lo: number;
  hi: number;
  count: number;
  /** Mean confidence of the band's texts; NaN (or null after a JSON round trip) when empty. */
  confidence: number | null;
}

export interface ConfidenceBandShare {
  lo: number;
  hi: number;
  /** Share of the reference (test split) confidences in the band, in [0, 1]. */
  reference: number;
  /** Share of the current (logged) confidences in the band, in [0, 1]. */
  current: number;
}

export interface ConfidenceShift {
  test: ColumnDrift;
  bands: ConfidenceBandShare[];
  referenceMean: number;
  currentMean: number;
  referenceCount: number;
  currentCount: number;
}

/**
 * Compares logged confidences (each in [0, 1]) with the stored bands. Throws when either side
 * is empty or a band list is not equal-width from 0 to 1.
 */
export function confidenceShift(bands: readonly ConfidenceBand[], current: ArrayLike<number>): ConfidenceShift {
  const k = bands.length;
  if (k === 0 || bands.some((b, i) => Math.abs(b.lo - i / k) > 1e-9 || Math.abs(b.hi - (i + 1) / k) > 1e-9)) {
    throw new Error('The stored confidence bands are not equal-width bands from 0 to 1.');
  }
  const referenceCount = bands.reduce((s, b) => s + b.count, 0);
  if (referenceCount === 0 || current.length === 0) throw new Error('Both sides need at least one confidence to compare.');
  const middle = bands.map((b) => (b.lo + b.hi) / 2);

  const reference = new Float64Array(referenceCount);
  let offset = 0;
  bands.forEach((b, i) => {
    reference.fill(middle[i], offset, offset + b.count);
    offset += b.count;
  });
  const currentCounts = new Array<number>(k).fill(0);
  const banded = new Float64Array(current.length);
  let currentSum = 0;
  for (let i = 0; i < current.length; i++) {
    const c = Math.min(1, Math.max(0, current[i]));
    const band = binIndex(c, k);
    currentCounts[band]++;
    banded[i] = middle[band];
    currentSum += c;
  }
  const referenceSum = bands.reduce((s, b) => s + (b.count > 0 && typeof b.confidence === 'number' && Number.isFinite(b.confidence) ? b.count * b.confidence : b.count * ((b.lo + b.hi) / 2)), 0);

  return {
    test: columnDrift({ name: 'confidence', kind: 'numeric', reference, current: banded }),
    bands: bands.map((b, i) => ({ lo: b.lo, hi: b.hi, reference: b.count / referenceCount, current: currentCounts[i] / current.length })),
    referenceMean: referenceSum / referenceCount,
    currentMean: currentSum / current.length,
    referenceCount,
    currentCount: current.length,
  };
}
