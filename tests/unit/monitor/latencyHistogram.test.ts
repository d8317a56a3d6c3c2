import { describe, it, expect } from 'vitest';
import { percentiles } from '$lib/core/eval/latency';
import {
  LATENCY_ABSOLUTE_ERROR_MS,
  LATENCY_BIN_COUNT,
  LATENCY_BIN_RATIO,
  LATENCY_EDGES_MS,
  LATENCY_RELATIVE_ERROR,
  binLowerMs,
  binUpperMs,
  estimatePercentile,
  latencyBin,
  type LatencyHistogram,
} from '$lib/core/monitor/latencyHistogram';
import { createRng } from '$lib/core/random';
import { normal } from './fixtures';

function histogramOf(samples: readonly number[]): LatencyHistogram {
  const counts = new Array<number>(LATENCY_BIN_COUNT).fill(0);
  for (const s of samples) counts[latencyBin(s)]++;
  return { counts, minMs: samples.length ? Math.min(...samples) : null, maxMs: samples.length ? Math.max(...samples) : null };
}

/** The documented bound, plus float slack far below any bin width. */
function bound(exact: number): number {
  return LATENCY_RELATIVE_ERROR * exact + LATENCY_ABSOLUTE_ERROR_MS + 1e-9 * exact;
}

describe('latency bins', () => {
  it('are 80 log-spaced bins from 0.05 ms to 10 s, plus underflow and overflow', () => {
    expect(LATENCY_BIN_COUNT).toBe(82);
    expect(LATENCY_EDGES_MS).toHaveLength(81);
    expect(LATENCY_EDGES_MS[0]).toBe(0.05);
    expect(LATENCY_EDGES_MS[80]).toBe(10_000);
    expect(LATENCY_BIN_RATIO).toBeCloseTo(1.16483, 5);
    for (let i = 1; i <= 80; i++) expect(LATENCY_EDGES_MS[i] / LATENCY_EDGES_MS[i - 1]).toBeCloseTo(LATENCY_BIN_RATIO, 9);
  });

  it('put each value in the bin whose edges hold it, edges belonging to the bin above', () => {
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(0.049)).toBe(0);
    expect(latencyBin(0.05)).toBe(1);
    expect(latencyBin(10)).toBe(35);
    expect(latencyBin(200)).toBe(55);
    expect(latencyBin(9_999.9)).toBe(80);
    expect(latencyBin(10_000)).toBe(81);
    expect(latencyBin(1e9)).toBe(81);
    for (let i = 0; i < LATENCY_EDGES_MS.length; i++) {
      expect(latencyBin(LATENCY_EDGES_MS[i])).toBe(i + 1);
      if (i > 0) expect(latencyBin(LATENCY_EDGES_MS[i] * (1 - 1e-12))).toBe(i);
    }
    const rng = createRng('bins');
    for (let k = 0; k < 2000; k++) {
      const v = Math.exp(rng() * 14 - 5);
      const bin = latencyBin(v);
      expect(v >= binLowerMs(bin) && v < binUpperMs(bin)).toBe(true);
    }
  });

  it('reject what is not a duration', () => {
    for (const bad of [-1, NaN, Infinity]) expect(() => latencyBin(bad)).toThrow(RangeError);
  });
});

describe('estimatePercentile', () => {
  it('is null for no samples and exact for one', () => {
    expect(estimatePercentile(histogramOf([]), 99)).toBeNull();
    const one = histogramOf([123.4]);
    for (const q of [0, 50, 99, 100]) expect(estimatePercentile(one, q)).toBe(123.4);
  });

  it('gives the exact min and max at p0 and p100', () => {
    const h = histogramOf([3, 7, 9.5, 250, 12]);
    expect(estimatePercentile(h, 0)).toBe(3);
    expect(estimatePercentile(h, 100)).toBe(250);
    expect(() => estimatePercentile(h, 101)).toThrow(RangeError);
  });

  const rng = createRng('latencies');
  const distributions: [string, () => number][] = [
    ['log-normal around 20 ms', () => 20 * Math.exp(0.6 * normal(rng))],
    ['bimodal 5 ms / 180 ms', () => (rng() < 0.9 ? 5 + rng() : 180 + 40 * rng())],
    ['uniform 0–300 ms', () => 300 * rng()],
    ['sub-millisecond with underflow', () => 0.2 * rng()],
    ['heavy tail up to 9 s', () => Math.min(9_000, 2 / (1 - rng()) ** 1.5)],
  ];
  for (const [name, draw] of distributions) {
    it(`stays within the documented bound of the exact percentiles: ${name}`, () => {
      for (const n of [2, 3, 10, 101, 1_000, 20_000]) {
        const samples = Array.from({ length: n }, draw);
        const exact = percentiles(samples)!;
        const h = histogramOf(samples);
        for (const [q, want] of [[50, exact.p50], [95, exact.p95], [99, exact.p99]] as const) {
          const got = estimatePercentile(h, q)!;
          expect(Math.abs(got - want), `${name} n=${n} p${q}: ${got} vs ${want}`).toBeLessThanOrEqual(bound(want));
        }
      }
    });
  }

  it('is typically far inside the bound on smooth traffic (seeded log-normal, 20 000 samples)', () => {
    const draw = createRng('smooth');
    const samples = Array.from({ length: 20_000 }, () => 20 * Math.exp(0.6 * normal(draw)));
    const exact = percentiles(samples)!;
    const h = histogramOf(samples);
    for (const [q, want] of [[50, exact.p50], [95, exact.p95], [99, exact.p99]] as const) {
      expect(Math.abs(estimatePercentile(h, q)! / want - 1)).toBeLessThan(0.02);
    }
  });

  it('bounds the overflow bin by the exact maximum', () => {
    const samples = [...Array.from({ length: 98 }, () => 50), 12_000, 15_000];
    const p99 = estimatePercentile(histogramOf(samples), 99)!;
    expect(p99).toBeGreaterThanOrEqual(10_000);
    expect(p99).toBeLessThanOrEqual(15_000);
  });
});
