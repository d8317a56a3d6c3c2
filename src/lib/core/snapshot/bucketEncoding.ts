/**
 * Minute buckets in a snapshot. A stored bucket (monitor/buckets.ts) keeps two fixed-length
 * histograms — 82 latency bins, 10 confidence bins — that are almost all zeros in a minute of
 * traffic; the snapshot keeps only the non-zero bins, keyed by bin index ({"23": 4}). That makes
 * the monitoring section several times smaller and quicker to validate, and converts back
 * exactly. The business tallies (100 bins × 3) are kept the same way: {"80": [answers, labelled, right]}.
 */
import { LATENCY_BIN_COUNT } from '../monitor/latencyHistogram';
import { CONFIDENCE_BIN_COUNT } from '../monitor/confidence';
import type { MetricBucket } from '../monitor/buckets';
import { fromSparseTallies, toSparseTallies, type SparseTallies } from '../monitor/confidenceTallies';

/** A bucket as the snapshot stores it: histograms as non-zero bins by index. */
export type SnapshotBucket = Omit<MetricBucket, 'latencyCounts' | 'confidenceCounts' | 'confidenceTallies'> & {
  latencyBins: Record<string, number>;
  confidenceBins: Record<string, number>;
  /** The business tallies' non-empty bins as [answers, labelled, right]; absent in older buckets. */
  confidenceTallies?: SparseTallies;
};

function sparse(counts: readonly number[]): Record<string, number> {
  const bins: Record<string, number> = {};
  counts.forEach((n, i) => {
    if (n !== 0) bins[String(i)] = n;
  });
  return bins;
}

function dense(bins: Record<string, number>, length: number): number[] {
  const counts = new Array<number>(length).fill(0);
  for (const [index, n] of Object.entries(bins)) counts[Number(index)] = n;
  return counts;
}

export function toSnapshotBucket(bucket: MetricBucket): SnapshotBucket {
  const { latencyCounts, confidenceCounts, confidenceTallies, ...rest } = bucket;
  return { ...rest, latencyBins: sparse(latencyCounts), confidenceBins: sparse(confidenceCounts), ...(confidenceTallies ? { confidenceTallies: toSparseTallies(confidenceTallies) } : {}) };
}

export function fromSnapshotBucket(bucket: SnapshotBucket): MetricBucket {
  const { latencyBins, confidenceBins, confidenceTallies, ...rest } = bucket;
  return {
    ...rest,
    latencyCounts: dense(latencyBins, LATENCY_BIN_COUNT),
    confidenceCounts: dense(confidenceBins, CONFIDENCE_BIN_COUNT),
    ...(confidenceTallies ? { confidenceTallies: fromSparseTallies(confidenceTallies) } : {}),
  };
}

/** Why a snapshot bucket's bins do not fit the histograms; null when they do. */
export function binProblem(bucket: SnapshotBucket): string | null {
  const outside = (bins: Record<string, number>, length: number) => Object.keys(bins).some((k) => Number(k) >= length);
  if (outside(bucket.latencyBins, LATENCY_BIN_COUNT)) return `latencyBins has a bin index ≥ ${LATENCY_BIN_COUNT}.`;
  if (outside(bucket.confidenceBins, CONFIDENCE_BIN_COUNT)) return `confidenceBins has a bin index ≥ ${CONFIDENCE_BIN_COUNT}.`;
  return null;
}
