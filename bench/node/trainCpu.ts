/**
 * train.lr.10k.cpu.ms — vectorize + train + evaluate the logistic regression on 10k tickets
 * with TF.js's CPU backend in Node (no native addon: the same pure-JS backend a browser falls
 * back to).
 */
import * as tf from '@tensorflow/tfjs';
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { ticketRows, trainTask } from '../trainTask';

export default defineBenchmark({
  id: 'train.lr.10k.cpu.ms',
  where: 'node',
  description: 'TF-IDF + logistic regression: vectorize, train, evaluate on 10k tickets, TF.js CPU backend in Node',
  async run(ctx) {
    await tf.setBackend('cpu');
    await tf.ready();
    const rows = ticketRows(10_000, 'bench-train');
    const repetitions = ctx.pick(1, 3);
    const results = [];
    for (let i = 0; i < repetitions; i++) results.push(await trainTask(rows));
    const samples = results.map((r) => r.trainEvaluateMs);
    return [{ id: 'train.lr.10k.cpu.ms', value: median(samples), unit: 'ms', better: 'lower', env: { ...results[0], repetitions, stats: summarize(samples) } }];
  },
});
