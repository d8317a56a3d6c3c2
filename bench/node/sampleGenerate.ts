/**
 * sample.generate.ms — time to generate the sample project's tickets (1,200, seeded) in Node
 * with the same generator the app runs on first start.
 */
import { generateTickets } from '$lib/core/scenarios/tickets';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { defineBenchmark } from '../types';
import { median, summarize, timeRuns } from '../stats';

export default defineBenchmark({
  id: 'sample.generate.ms',
  where: 'node',
  description: `generateTickets() for the sample project (${SAMPLE_PROJECT.ticketCount} tickets), median after warm-up`,
  async run(ctx) {
    const count = SAMPLE_PROJECT.ticketCount;
    const seed = SAMPLE_PROJECT.seed;
    const warmup = ctx.pick(3, 5);
    const repetitions = ctx.pick(15, 50);
    let produced = 0;
    const samples = await timeRuns(() => (produced = generateTickets({ seed, count }).length), { warmup, repetitions });
    if (produced !== count) throw new Error(`generateTickets returned ${produced} tickets, expected ${count}`);
    return [
      {
        id: 'sample.generate.ms',
        value: median(samples),
        unit: 'ms',
        better: 'lower',
        env: { count, seed, warmup, repetitions, stats: summarize(samples) },
      },
    ];
  },
});
