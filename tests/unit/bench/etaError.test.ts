import { describe, expect, it } from 'vitest';
import { etaError } from '../../../bench/etaError';

describe('etaError', () => {
  it('compares each estimate of the end with the real end, after the first tenth, in % of the span', () => {
    // Training began at 1,000 ms and the run was stored at 11,000 ms. At 1,500 (first tenth) a wild guess is ignored; at 3,000 the
    // estimate said 6,000 left (end at 9,000: 20 % early); at 6,000 it said 6,000 (end at 12,000: 10 % late).
    const error = etaError([{ atMs: 1500, etaMs: 90_000 }, { atMs: 3000, etaMs: 6000 }, { atMs: 6000, etaMs: 6000 }, { atMs: 8000, etaMs: null }], 1000, 11_000);
    expect(error).toEqual({ worstPct: 20, medianPct: 10, samples: 2, trace: [[20, 80], [50, 110]] });
  });

  it('keeps at most 20 evenly spread samples in its trace, the last one included', () => {
    // Every 100 ms an estimate that is right, until after the end.
    const samples = Array.from({ length: 95 }, (_, i) => ({ atMs: 1000 + i * 100, etaMs: 9_000 - i * 100 }));
    const { trace, samples: counted } = etaError(samples, 0, 10_000)!;
    expect(counted).toBe(91); // 1,000 … 10,000 ms
    expect(trace.length).toBeLessThanOrEqual(21);
    expect(trace[0]).toEqual([10, 100]);
    expect(trace.at(-1)).toEqual([100, 100]);
  });

  it('says nothing when no estimate came after the first tenth', () => {
    expect(etaError([{ atMs: 1100, etaMs: 5 }], 1000, 11_000)).toBeNull();
    expect(etaError([], 0, 0)).toBeNull();
  });
});
