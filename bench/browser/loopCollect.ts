/**
 * loop.collect.100k.ms — Monitor → Data: 100,000 logged predictions with texts become one
 * `production` dataset version, in Chromium (on-disk profile), through the data worker's job
 * (workers/collectJob.ts) as the dialog drives it: the preview (read the window, hash the newest
 * version's texts, plan the rows with core/loop/collectPlan.ts; `loop.collect.preview.100k.ms`)
 * then the confirmation, which writes the held plan in one transaction. The figure is the two
 * together: from "Make a dataset version…" to the stored version, less the person's reading time.
 */
import { defineBenchmark, type FigureInput } from '../types';
import { median, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { LoopCollectResult } from './pageApi';

export default defineBenchmark({
  id: 'loop.collect.100k.ms',
  where: 'browser',
  figures: ['loop.collect.100k.ms', 'loop.collect.preview.100k.ms'],
  description: '100k logged predictions with texts → a production dataset version (preview: read + hash + plan; then the write)',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'loop-collect');
    try {
      const n = 100_000;
      const runs = ctx.pick(1, 3);
      const results: LoopCollectResult[] = [];
      for (let r = 0; r < runs; r++) results.push((await bench.page.evaluate(`window.__bench.loopCollect(${n})`)) as LoopCollectResult);
      const { matched, added, skippedDuplicates, steps } = results[0];
      const env = { ...bench.env, logs: n, datasetRows: 1_000, matched, added, skippedDuplicates, runs, steps };
      const figure = (id: string, samples: number[]): FigureInput => ({ id, value: median(samples), unit: 'ms', better: 'lower', env: { ...env, stats: summarize(samples) } });
      return [figure('loop.collect.100k.ms', results.map((x) => x.previewMs + x.collectMs)), figure('loop.collect.preview.100k.ms', results.map((x) => x.previewMs))];
    } finally {
      await bench.close();
    }
  },
});
