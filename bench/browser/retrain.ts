/**
 * loop.retrain.10k.ms: retraining the champion as a challenger in Chromium (TF.js on WebGL,
 * SwiftShader here): a champion trained on 10,000 tickets, then 1,000 newer labelled production
 * rows appended, then both retraining steps — the split step (new rows by time, newest 20 % the
 * holdout, written as a dataset version) and the retrain job: training with the champion's family,
 * parameters and seed, champion and challenger predicting the original test split and the
 * holdout, McNemar, and the one transaction storing the run, version and challenger alias.
 */
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { RetrainBenchResult } from './pageApi';

export default defineBenchmark({
  id: 'loop.retrain.10k.ms',
  where: 'browser',
  description: 'Retrain the champion on 10k + 1k new labelled rows → challenger + side-by-side evaluation + McNemar, in Chromium',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'retrain');
    const call = <T>(expression: string) => bench.page.evaluate(expression) as Promise<T>;
    try {
      const results: RetrainBenchResult[] = [];
      for (let i = 0; i < ctx.pick(1, 3); i++) results.push(await call<RetrainBenchResult>('window.__bench.retrain(10000, 1000)'));
      const last = results.at(-1)!;
      return [{
        id: 'loop.retrain.10k.ms',
        value: median(results.map((r) => r.retrainMs)),
        unit: 'ms',
        better: 'lower',
        env: { ...bench.env, ...last, stats: summarize(results.map((r) => r.retrainMs)) },
      }];
    } finally {
      await bench.close();
    }
  },
});
