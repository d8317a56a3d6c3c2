/** Same seed and controls → the same impressions, bit for bit; stepping, reset and seeds behave. */
import { describe, expect, it } from 'vitest';
import { createScenario, impressionAt, reset, runToEnd, stepWeek, type CtrScenarioState } from '../../../../src/lib/core/scenarios/ctr';
import { hashWeek } from './helpers';

const SMALL = { impressionsPerWeek: 8_000 };

function hashes(state: CtrScenarioState): string[] {
  return state.logs.map(hashWeek);
}

describe('CTR scenario determinism', () => {
  it('gives identical logs, models and summaries for the same seed and controls', () => {
    const a = createScenario({ ...SMALL, seed: 'same' });
    const b = createScenario({ ...SMALL, seed: 'same' });
    expect(Array.from(a.versions[0].weights)).toEqual(Array.from(b.versions[0].weights));
    expect(a.history.map(hashWeek)).toEqual(b.history.map(hashWeek));
    runToEnd(a);
    runToEnd(b);
    expect(hashes(a)).toEqual(hashes(b));
    expect(a.summaries).toEqual(b.summaries);
  });

  it('gives different logs for another seed or other controls', () => {
    const base = createScenario({ ...SMALL, seed: 'same' });
    const otherSeed = createScenario({ ...SMALL, seed: 'other' });
    const otherDrift = createScenario({ ...SMALL, seed: 'same', drifts: { concept: { strength: 0.5 } } });
    for (const s of [base, otherSeed, otherDrift]) runToEnd(s);
    expect(hashes(otherSeed)[0]).not.toEqual(hashes(base)[0]);
    // Drift controls change nothing before the drift starts (week 4) …
    expect(hashes(otherDrift).slice(0, 4)).toEqual(hashes(base).slice(0, 4));
    // … and only the outcomes after it: users, slots and latency come from the same draws.
    const w = 12;
    expect(hashes(otherDrift)[w]).not.toEqual(hashes(base)[w]);
    expect(Array.from(otherDrift.logs[w].ageBand)).toEqual(Array.from(base.logs[w].ageBand));
    expect(Array.from(otherDrift.logs[w].latencyMs)).toEqual(Array.from(base.logs[w].latencyMs));
  });

  it('replays the same weeks after reset, keeping model v1', () => {
    const state = createScenario({ ...SMALL, seed: 'reset' });
    const v1 = state.versions[0];
    runToEnd(state);
    const first = hashes(state);
    reset(state);
    expect(state.week).toBe(0);
    expect(state.logs).toHaveLength(0);
    expect(state.versions).toEqual([v1]);
    runToEnd(state);
    expect(hashes(state)).toEqual(first);
  });

  it('steps one week at a time and stops at the end', () => {
    const state = createScenario({ ...SMALL, weeks: 4 });
    const step = stepWeek(state);
    expect(step.summary.week).toBe(0);
    expect(step.impressions.week).toBe(0);
    expect(state.week).toBe(1);
    runToEnd(state);
    expect(state.week).toBe(4);
    expect(() => stepWeek(state)).toThrow(/ended/);
  });

  it('numbers impressions uniquely and in time order', () => {
    const state = createScenario({ ...SMALL, weeks: 4 });
    runToEnd(state);
    const [w0, w1] = state.logs;
    expect(w0.firstId).toBe(state.history.reduce((s, h) => s + h.count, 0));
    expect(w1.firstId).toBe(w0.firstId + w0.count);
    let previous = -1;
    for (let i = 0; i < w1.count; i++) {
      const t = w1.day[i] * 24 + w1.hour[i];
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
    }
    const row = impressionAt(w1, 5);
    expect(row.id).toBe(w1.firstId + 5);
    expect(row.week).toBe(1);
    expect(row.modelVersion).toBe(1);
    expect(['18-24', '25-34', '35-44', '45-54', '55+']).toContain(row.userAgeBand);
    expect(row.position).toBeGreaterThanOrEqual(1);
    expect(row.position).toBeLessThanOrEqual(10);
    expect(row.predictedCtr).toBeGreaterThan(0);
    expect(row.predictedCtr).toBeLessThan(1);
    expect(['ok', 'error']).toContain(row.status);
  });
});
