/**
 * app.load.warm.ms — the same load with the sample project already stored: one browser context,
 * first visit creates the sample, then reloads are measured (warm storage and HTTP cache).
 */
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { READY_SCRIPT, loadUntilReady } from './appReady';

export default defineBenchmark({
  id: 'app.load.warm.ms',
  where: 'browser',
  description: 'warm reload (sample already stored, same context) to interactive home page',
  async run(ctx) {
    const browser = await ctx.browser();
    const url = await ctx.appUrl();
    const warmup = 1;
    const repetitions = ctx.pick(5, 9);
    const samples: number[] = [];
    const context = await browser.newContext();
    try {
      await context.addInitScript({ content: READY_SCRIPT });
      const page = await context.newPage();
      page.on('pageerror', (e) => ctx.log(`app page error: ${e.message}`));
      // First visit: creates the sample project; not measured.
      await loadUntilReady(page, () => page.goto(url, { waitUntil: 'commit' }));
      for (let i = 0; i < warmup + repetitions; i++) {
        const ms = await loadUntilReady(page, () => page.reload({ waitUntil: 'commit' }));
        if (i >= warmup) samples.push(ms);
      }
    } finally {
      await context.close();
    }
    return [
      {
        id: 'app.load.warm.ms',
        value: median(samples),
        unit: 'ms',
        better: 'lower',
        env: {
          url,
          storage: 'sample project already stored (same off-the-record context, in-memory storage), warm HTTP cache',
          firstRun: 'no: the first visit that created the sample is not measured',
          measured: 'reload navigation start → "Support ticket triage" link visible and "Project name" input enabled (page clock, MutationObserver)',
          build: 'vite build (dist/) served by vite preview on 127.0.0.1',
          warmup,
          repetitions,
          stats: summarize(samples),
        },
      },
    ];
  },
});
