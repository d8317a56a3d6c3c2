/**
 * The facilitator's story with default controls: CTR falls 12–18 % from weeks 0–2 to weeks 10–12
 * (for the default seed and for other seeds: the drop is built in, not luck), while traffic,
 * latency and error rate stay flat.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createScenario, runToEnd, type WeekSummary } from '../../../../src/lib/core/scenarios/ctr';
import { quarterChange } from './helpers';

let summaries: WeekSummary[];

beforeAll(() => {
  summaries = runToEnd(createScenario());
}, 60_000);

describe('CTR scenario with defaults', () => {
  it('loses 12–18 % of its CTR over the quarter', () => {
    expect(summaries).toHaveLength(13);
    const change = quarterChange(summaries);
    expect(change).toBeLessThanOrEqual(-0.12);
    expect(change).toBeGreaterThanOrEqual(-0.18);
  });

  it('declines gradually, not in a step', () => {
    const ctr = summaries.map((s) => s.ctr);
    // Flat before the drifts start (week 4), lower every few weeks after.
    for (const w of [1, 2, 3]) expect(Math.abs(ctr[w] / ctr[0] - 1)).toBeLessThan(0.05);
    expect(ctr[6]).toBeLessThan(ctr[3]);
    expect(ctr[9]).toBeLessThan(ctr[6]);
    for (let w = 4; w < 13; w++) expect(ctr[w] / ctr[w - 1]).toBeGreaterThan(0.9);
  });

  it('keeps traffic, latency and error rate flat', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const p50 = mean(summaries.map((s) => s.latencyP50Ms));
    const p95 = mean(summaries.map((s) => s.latencyP95Ms));
    for (const s of summaries) {
      expect(s.impressions).toBeGreaterThanOrEqual(49_250);
      expect(s.impressions).toBeLessThanOrEqual(50_750);
      expect(Math.abs(s.latencyP50Ms / p50 - 1)).toBeLessThan(0.02);
      expect(Math.abs(s.latencyP95Ms / p95 - 1)).toBeLessThan(0.03);
      expect(s.errorRate).toBeGreaterThan(0.002);
      expect(s.errorRate).toBeLessThan(0.004);
    }
    expect(p50).toBeCloseTo(42, 0);
    expect(p95).toBeGreaterThan(70);
    expect(p95).toBeLessThan(80);
    // No trend: the last three weeks look like the first three.
    const first = summaries.slice(0, 3);
    const last = summaries.slice(10);
    expect(Math.abs(mean(last.map((s) => s.latencyP95Ms)) / mean(first.map((s) => s.latencyP95Ms)) - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(last.map((s) => s.errorRate)) - mean(first.map((s) => s.errorRate)))).toBeLessThan(0.001);
  });

  it('shows the concept change as a gap between predicted and actual CTR in one segment', () => {
    const last = summaries[12].segments['ageBand×device'];
    const gap = (key: string) => {
      const s = last.find((x) => x.key === key)!;
      return s.meanPredictedCtr / s.ctr;
    };
    expect(gap('18-24 · mobile')).toBeGreaterThan(1.4);
    for (const s of last.filter((x) => x.key !== '18-24 · mobile' && x.impressions > 2000)) expect(gap(s.key)).toBeLessThan(1.3);
  });

  it('serves every impression with model v1 and says which drift levels applied', () => {
    expect(summaries.every((s) => s.modelVersions.length === 1 && s.modelVersions[0] === 1)).toBe(true);
    expect(summaries[3].driftLevels).toEqual({ covariate: 0, concept: 0 });
    expect(summaries[12].driftLevels).toEqual({ covariate: 1, concept: 1 });
  });
});

describe('CTR drop across seeds', () => {
  it.each(['ctr-quarter-v1', 'seed-1', 'seed-2', 'seed-3', 'seed-4'])('seed %s also loses 12–18 percent', (seed) => {
    const change = quarterChange(runToEnd(createScenario({ seed })));
    expect(change).toBeLessThanOrEqual(-0.12);
    expect(change).toBeGreaterThanOrEqual(-0.18);
  }, 60_000);
});
