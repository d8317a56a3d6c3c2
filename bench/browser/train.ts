/**
 * Training and prediction figures in Chromium on TF.js's WebGL backend (SwiftShader here: no
 * GPU), through the app's own pipeline (bench/trainTask.ts):
 *   train.lr.1k.ms, train.lr.10k.ms — vectorize + train + evaluate the logistic regression;
 *   predict.single.p50_ms / p99_ms — one ticket vectorized and scored (from the 10k run);
 *   predict.batch.per_s — the test split vectorized and scored in batches;
 *   accuracy.sample.test (+ .mlp) — test accuracy on the sample project's 1,200 tickets;
 *   tensors.growth.50cycles — tensors left after 50 train + predict cycles (goal 0).
 */
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { openBenchPage } from './benchPage';
import type { TrainTaskResult } from './pageApi';

export default defineBenchmark({
  id: 'train.lr.1k.ms',
  figures: ['train.lr.10k.ms', 'predict.single.p50_ms', 'predict.single.p99_ms', 'predict.batch.per_s', 'accuracy.sample.test', 'accuracy.sample.test.mlp', 'tensors.growth.50cycles'],
  where: 'browser',
  description: 'TF-IDF + logistic regression on WebGL in Chromium: train/evaluate times, prediction latency, sample accuracy, tensor growth',
  async run(ctx) {
    const bench = await openBenchPage(ctx, 'train');
    const call = <T>(expression: string) => bench.page.evaluate(expression) as Promise<T>;
    try {
      const started = await call<{ backend: string; fallbackReason: string | null }>('window.__bench.startTf()');
      ctx.log(`train: TF.js backend ${started.backend}${started.fallbackReason ? ` (${started.fallbackReason})` : ''}`);
      const reps = ctx.pick(3, 5);
      await call('window.__bench.train(1000, "softmax-regression")'); // warm-up: shaders compile once
      const small: TrainTaskResult[] = [];
      for (let i = 0; i < reps; i++) small.push(await call<TrainTaskResult>('window.__bench.train(1000, "softmax-regression")'));
      const big: TrainTaskResult[] = [];
      for (let i = 0; i < ctx.pick(1, 3); i++) big.push(await call<TrainTaskResult>('window.__bench.train(10000, "softmax-regression")'));
      const sample = await call<TrainTaskResult>(`window.__bench.train(${SAMPLE_PROJECT.ticketCount}, "softmax-regression", ${JSON.stringify(SAMPLE_PROJECT.seed)})`);
      const sampleMlp = await call<TrainTaskResult>(`window.__bench.train(${SAMPLE_PROJECT.ticketCount}, "mlp", ${JSON.stringify(SAMPLE_PROJECT.seed)})`);
      const leak = await call<{ before: number; after: number; growth: number }>('window.__bench.tensorGrowth(50)');
      const env = { ...bench.env, backend: started.backend, fallbackReason: started.fallbackReason };
      const last = big.at(-1)!;
      const m = (xs: TrainTaskResult[], f: (r: TrainTaskResult) => number) => median(xs.map(f));
      return [
        { id: 'train.lr.1k.ms', value: m(small, (r) => r.trainEvaluateMs), unit: 'ms', better: 'lower', env: { ...env, ...small[0], stats: summarize(small.map((r) => r.trainEvaluateMs)) } },
        { id: 'train.lr.10k.ms', value: m(big, (r) => r.trainEvaluateMs), unit: 'ms', better: 'lower', env: { ...env, ...last, stats: summarize(big.map((r) => r.trainEvaluateMs)) } },
        { id: 'predict.single.p50_ms', value: last.p50, unit: 'ms', better: 'lower', env: { ...env, rows: last.rows, vocabulary: last.vocabulary, note: 'vectorize one ticket + predict, 300 test tickets' } },
        { id: 'predict.single.p99_ms', value: last.p99, unit: 'ms', better: 'lower', env: { ...env, rows: last.rows, vocabulary: last.vocabulary } },
        { id: 'predict.batch.per_s', value: last.batchPerSecond, unit: 'texts/s', better: 'higher', env: { ...env, rows: last.rows, note: 'the 10k run’s test split vectorized and scored in batches of 256' } },
        { id: 'accuracy.sample.test', value: sample.testAccuracy, unit: 'ratio', better: 'higher', env: { ...env, ...sample, seed: SAMPLE_PROJECT.seed, split: 'stratified 70/15/15, seed "split-1" (the Data page default)' } },
        { id: 'accuracy.sample.test.mlp', value: sampleMlp.testAccuracy, unit: 'ratio', better: 'higher', env: { ...env, ...sampleMlp, seed: SAMPLE_PROJECT.seed } },
        { id: 'tensors.growth.50cycles', value: leak.growth, unit: 'tensors', better: 'lower', env: { ...env, ...leak, cycles: 50, note: 'alternating logistic regression and MLP, 300 tickets, 2 epochs each' } },
      ];
    } finally {
      await bench.close();
    }
  },
});
