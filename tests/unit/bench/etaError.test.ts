import { describe, expect, it } from 'vitest';
import { etaError } from '../../../bench/etaError';

describe('etaError', () => {
  it('compares each estimate of the end with the real end, after the first tenth, in % of the phase', () => {
    // Training ran from 1,000 to 11,000 ms. At 1,500 (first tenth) a wild guess is ignored; at 3,000 the
    // estimate said 6,000 left (end at 9,000: 20 % early); at 6,000 it said 6,000 (end at 12,000: 10 % late).
    const error = etaError([{ atMs: 1500, etaMs: 90_000 }, { atMs: 3000, etaMs: 6000 }, { atMs: 6000, etaMs: 6000 }, { atMs: 8000, etaMs: null }], 1000, 11_000);
    expect(error).toEqual({ worstPct: 20, medianPct: 10, samples: 2 });
  });

  it('says nothing when no estimate came after the first tenth', () => {
    expect(etaError([{ atMs: 1100, etaMs: 5 }], 1000, 11_000)).toBeNull();
    expect(etaError([], 0, 0)).toBeNull();
  });
});
