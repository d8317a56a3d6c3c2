/**
 * log.query.100k.ms — the Monitor's "Latest predictions" query (db/monitoring.ts
 * `queryPredictions`) over 100,000 logged predictions with texts, in Chromium (on-disk profile):
 * the newest page of 50 unfiltered (the figure), filtered by label, band and outcome
 * (`log.query.filtered.100k.ms`), and with a search no text matches, which reads the whole
 * 7-day window (`log.query.search.100k.ms`, the worst case).
 */
import { defineBenchmark, type FigureInput } from '../types';
import { median, summarize } from '../stats';
import { openBenchPage } from './benchPage';

const FIGURES = [
  ['log.query.100k.ms', 'firstPage'],
  ['log.query.filtered.100k.ms', 'filtered'],
  ['log.query.search.100k.ms', 'rareSearch'],
] as const;

export default defineBenchmark({
  id: 'log.query.100k.ms',
  where: 'browser',
  figures: FIGURES.map(([id]) => id),
  description: 'latest-predictions query over 100k logged texts: newest page, filtered page, a search that reads the whole window',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'log-query');
    try {
      const n = 100_000;
      const repetitions = ctx.pick(3, 7);
      const result = (await bench.page.evaluate(`window.__bench.logQuery(${n}, ${repetitions})`)) as Record<(typeof FIGURES)[number][1], number[]>;
      return FIGURES.map(([id, key]): FigureInput => ({ id, value: median(result[key]), unit: 'ms', better: 'lower', env: { ...bench.env, logs: n, page: 50, window: '7d', repetitions, stats: summarize(result[key]) } }));
    } finally {
      await bench.close();
    }
  },
});
