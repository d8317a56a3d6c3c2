/**
 * scenario.generate.13w.ms — the CTR drift scenario with default controls, end to end in Node:
 * simulate the exploration history, train model v1 on it, then simulate and summarize all 13
 * weeks (what a facilitator's "reset + play to the end" costs in a worker).
 */
import { createScenario, DEFAULT_CTR_CONFIG, runToEnd, type CtrScenarioState } from '$lib/core/scenarios/ctr';
import { defineBenchmark } from '../types';
import { median, round, summarize, timeRuns } from '../stats';

export default defineBenchmark({
  id: 'scenario.generate.13w.ms',
  where: 'node',
  description: 'CTR scenario, defaults: history + training v1 + 13 simulated and summarized weeks (50k impressions/week)',
  async run(ctx) {
    const warmup = 1;
    const repetitions = ctx.pick(3, 7);
    let state: CtrScenarioState | null = null;
    let createMs = 0;
    const samples = await timeRuns(
      () => {
        const start = performance.now();
        state = createScenario();
        createMs = performance.now() - start;
        runToEnd(state);
      },
      { warmup, repetitions },
    );
    const done = state as CtrScenarioState | null;
    if (!done || done.summaries.length !== DEFAULT_CTR_CONFIG.weeks) throw new Error('the scenario did not run to its last week');
    const impressions = done.logs.reduce((s, log) => s + log.count, 0);
    const pooled = (from: number, to: number) => {
      const weeks = done.summaries.slice(from, to + 1);
      return weeks.reduce((s, w) => s + w.clicks, 0) / weeks.reduce((s, w) => s + w.impressions, 0);
    };
    return [
      {
        id: 'scenario.generate.13w.ms',
        value: median(samples),
        unit: 'ms',
        better: 'lower',
        env: {
          seed: DEFAULT_CTR_CONFIG.seed,
          weeks: DEFAULT_CTR_CONFIG.weeks,
          impressions,
          historyImpressions: done.history.reduce((s, log) => s + log.count, 0),
          lastCreateMs: round(createMs),
          ctrChangePct: round((pooled(10, 12) / pooled(0, 2) - 1) * 100, 2),
          warmup,
          repetitions,
          stats: summarize(samples),
        },
      },
    ];
  },
});
