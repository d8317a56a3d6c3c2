/**
 * drift.report.20x100k.ms — a full drift report (`driftReport`: Evidently's default test per
 * column, histograms, dataset verdict) on 20 seeded columns × 100,000 rows on each side, 12
 * numeric and 8 categorical (bench/driftColumns.ts), in a module worker of the bench page in
 * Chromium. With 100k reference rows every numeric column with more than 5 distinct values gets
 * the normed Wasserstein distance and the others Jensen–Shannon. Generating the columns is
 * outside the timing; the report's copies, sorts, binning and histograms are inside.
 */
import { defineBenchmark } from '../types';
import { median, round, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { DriftBenchResult } from './pageApi';

const ROWS = 100_000;

export default defineBenchmark({
  id: 'drift.report.20x100k.ms',
  where: 'browser',
  description: 'full drift report (default tests, histograms) on 20 columns × 100k rows each side (12 numeric, 8 categorical) in a Chromium worker',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'drift');
    try {
      const repetitions = ctx.pick(5, 15);
      const warmup = ctx.pick(1, 2);
      const result = (await bench.page.evaluate(`window.__bench.driftReport(${ROWS}, ${repetitions}, ${warmup})`)) as DriftBenchResult;
      const value = round(median(result.samples));
      ctx.log(`drift.report.20x100k: ${value} ms (columns generated in ${round(result.generateMs)} ms; drifted: ${result.driftedColumns.join(', ')})`);
      return [
        {
          id: 'drift.report.20x100k.ms',
          value,
          unit: 'ms',
          better: 'lower',
          env: {
            ...bench.env,
            where: 'module worker of the bench page',
            rows: [ROWS, ROWS],
            columns: { numeric: 12, categorical: 8 },
            tests: result.tests,
            driftedColumns: result.driftedColumns,
            datasetDrift: result.datasetDrift,
            generateMs: round(result.generateMs),
            warmup,
            repetitions,
            stats: summarize(result.samples),
          },
        },
      ];
    } finally {
      await bench.close();
    }
  },
});
