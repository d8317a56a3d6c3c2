// peak_heap_mb: the bench's heap rounds (page + workers) summed per round, the peak taken over rounds.
import { describe, expect, it } from 'vitest';
import { summarizeHeap } from '../../../bench/heap';

const MIB = 2 ** 20;

describe('summarizeHeap', () => {
  it('takes the peak of the per-round total over the page and its workers, in MiB', () => {
    const summary = summarizeHeap([
      { atMs: 0, usedBytes: { page: 10 * MIB } },
      { atMs: 200, usedBytes: { page: 30 * MIB, 'worker a': 50 * MIB } },
      // The page alone is higher here, but the total is lower than the round before.
      { atMs: 400, usedBytes: { page: 60 * MIB, 'worker a': 5 * MIB } },
      { atMs: 600, usedBytes: { page: 12.34 * MIB } },
    ]);
    expect(summary).toEqual({ peakMb: 80, startMb: 10, endMb: 12.3, peakByTargetMb: { page: 30, 'worker a': 50 }, rounds: 4 });
  });

  it('says nothing was measured when no round was taken', () => {
    expect(summarizeHeap([])).toMatchObject({ peakMb: NaN, rounds: 0 });
  });
});
