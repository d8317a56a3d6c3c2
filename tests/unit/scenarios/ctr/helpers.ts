/** Shared measurements for the CTR scenario tests. */
import { murmur3x86_128 } from '../../../../src/lib/core/data/murmur3';
import type { ImpressionWeek, WeekSummary } from '../../../../src/lib/core/scenarios/ctr';

/** Clicks / impressions over weeks `from` … `to` (inclusive) of a run's summaries. */
export function pooledCtr(summaries: readonly WeekSummary[], from: number, to: number): number {
  let clicks = 0;
  let impressions = 0;
  for (const s of summaries.slice(from, to + 1)) {
    clicks += s.clicks;
    impressions += s.impressions;
  }
  return clicks / impressions;
}

/** The same for one age band × device segment ('18-24 · mobile'). */
export function segmentCtr(summaries: readonly WeekSummary[], key: string, from: number, to: number): number {
  let clicks = 0;
  let impressions = 0;
  for (const s of summaries.slice(from, to + 1)) {
    const segment = s.segments['ageBand×device'].find((x) => x.key === key);
    if (!segment) throw new Error(`No segment ${key}`);
    clicks += segment.clicks;
    impressions += segment.impressions;
  }
  return clicks / impressions;
}

/** Relative CTR change from weeks 0–2 to weeks 10–12: −0.15 is a 15 % drop. */
export function quarterChange(summaries: readonly WeekSummary[]): number {
  return pooledCtr(summaries, 10, 12) / pooledCtr(summaries, 0, 2) - 1;
}

const COLUMNS = ['day', 'hour', 'ageBand', 'device', 'region', 'tenureDays', 'tenureBand', 'category', 'position', 'predictedCtr', 'clicked', 'latencyMs', 'status', 'modelVersion'] as const;

/** A digest of every column of a week (hex), to compare runs bit for bit. */
export function hashWeek(log: ImpressionWeek): string {
  const parts = COLUMNS.map((c) => {
    const column = log[c];
    return Array.from(murmur3x86_128(new Uint8Array(column.buffer, column.byteOffset, column.byteLength)), (b) => b.toString(16).padStart(2, '0')).join('');
  });
  return `${log.week}:${log.firstId}:${log.count}:${parts.join('')}`;
}
