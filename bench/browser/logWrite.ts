/**
 * log.write.per_s — prediction logs written to IndexedDB with their minute buckets, in batches
 * of 50 as the endpoint flushes them, in Chromium (on-disk profile), each with its request's text
 * as the endpoint stores it (seeded ticket texts; `loggedText`). `log.write.masked.per_s`: the
 * same with "Mask personal data in logs" on; `log.write.notext.per_s`: without texts, as the
 * figure was measured before texts were kept in full (for comparison on the same run).
 */
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { FigureInput } from '../types';

const VARIANTS = [
  { id: 'log.write.per_s', texts: 'stored' },
  { id: 'log.write.masked.per_s', texts: 'masked' },
  { id: 'log.write.notext.per_s', texts: 'none' },
] as const;

export default defineBenchmark({
  id: 'log.write.per_s',
  where: 'browser',
  figures: VARIANTS.map((v) => v.id),
  description: 'prediction logs (with their texts, masked or not, and without) + minute buckets written to IndexedDB in batches of 50 (the endpoint’s flush)',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'logs');
    try {
      const n = ctx.pick(10_000, 50_000);
      const figures: FigureInput[] = [];
      for (const variant of VARIANTS) {
        const results: { perSecond: number; ms: number; textChars: number }[] = [];
        for (let i = 0; i < ctx.pick(2, 3); i++) results.push((await bench.page.evaluate(`window.__bench.logWrite(${n}, 50, '${variant.texts}')`)) as { perSecond: number; ms: number; textChars: number });
        const rates = results.map((r) => r.perSecond);
        figures.push({ id: variant.id, value: median(rates), unit: 'logs/s', better: 'higher', env: { ...bench.env, logs: n, batch: 50, texts: variant.texts, meanTextChars: Math.round(results[0].textChars / n), stats: summarize(rates) } });
      }
      return figures;
    } finally {
      await bench.close();
    }
  },
});
