/**
 * log.write.per_s — prediction logs written to IndexedDB with their minute buckets, in batches
 * of 50 as the endpoint flushes them, in Chromium (on-disk profile).
 */
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { openBenchPage } from './benchPage';

export default defineBenchmark({
  id: 'log.write.per_s',
  where: 'browser',
  description: 'prediction logs + minute buckets written to IndexedDB in batches of 50 (the endpoint’s flush)',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'logs');
    try {
      const n = ctx.pick(10_000, 50_000);
      const results: { perSecond: number; ms: number }[] = [];
      for (let i = 0; i < ctx.pick(2, 3); i++) results.push((await bench.page.evaluate(`window.__bench.logWrite(${n}, 50)`)) as { perSecond: number; ms: number });
      const rates = results.map((r) => r.perSecond);
      return [{ id: 'log.write.per_s', value: median(rates), unit: 'logs/s', better: 'higher', env: { ...bench.env, logs: n, batch: 50, stats: summarize(rates) } }];
    } finally {
      await bench.close();
    }
  },
});
