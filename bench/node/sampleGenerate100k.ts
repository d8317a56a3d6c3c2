/**
 * sample.generate.100k.ms — the ticket generator at 100,000 tickets, to see how it scales
 * (large synthetic imports, stress tests of the data and model stages).
 */
import { generateTickets } from '$lib/core/scenarios/tickets';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { defineBenchmark } from '../types';
import { median, summarize, timeRuns } from '../stats';

export default defineBenchmark({
  id: 'sample.generate.100k.ms',
  where: 'node',
  description: 'generateTickets() for 100,000 tickets, median after one warm-up run',
  async run(ctx) {
    const count = 100_000;
    const seed = SAMPLE_PROJECT.seed;
    const warmup = 1;
    const repetitions = ctx.pick(3, 7);
    let produced = 0;
    const samples = await timeRuns(() => (produced = generateTickets({ seed, count }).length), { warmup, repetitions });
    if (produced !== count) throw new Error(`generateTickets returned ${produced} tickets, expected ${count}`);
    return [
      {
        id: 'sample.generate.100k.ms',
        value: median(samples),
        unit: 'ms',
        better: 'lower',
        env: { count, seed, warmup, repetitions, stats: summarize(samples) },
      },
    ];
  },
});
