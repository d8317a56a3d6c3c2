/**
 * The launch scenario does what it is for: the sample's model misroutes many launch tickets, and
 * the same training (the app's own pipeline, softmax regression on TF-IDF) with a few hundred
 * labelled launch tickets added does clearly better on fresh ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { runPipeline } from '$lib/core/models/pipeline';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { generateTickets, type Ticket } from '$lib/core/scenarios/tickets';
import { launchTicketText } from '$lib/core/scenarios/scenarioLaunch';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { stratifiedSplit } from '$lib/core/data/split';
import { createRng } from '$lib/core/random';
import type { DataRow } from '$lib/core/data/dataset';

const row = (t: Ticket): DataRow => ({ key: t.id, text: `${t.subject}\n\n${t.body}`, label: t.label, meta: {} });
function launchRows(count: number, seed: string): DataRow[] {
  const rng = createRng(seed);
  return generateTickets({ count, seed }).map((t) => row({ ...t, ...launchTicketText(rng, t.label), id: `${seed}-${t.id}` }));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the new product launch scenario', () => {
  it('the sample model misroutes many launch tickets; retrained with 300 labelled ones it does clearly better', { timeout: 120_000 }, async () => {
    const history = generateTickets({ seed: SAMPLE_PROJECT.seed, count: SAMPLE_PROJECT.ticketCount }).map(row);
    const splits = stratifiedSplit(history, { seed: 'launch-test' });
    const part = (name: string) => history.filter((_, i) => splits[i] === name);
    const labelledLaunch = launchRows(300, 'launch-labelled');
    const freshLaunch = launchRows(300, 'launch-fresh');
    const train = async (rows: readonly DataRow[], test: readonly DataRow[]) => {
      const result = await runPipeline({ train: rows, validation: part('validation'), test, family: 'softmax-regression', params: {}, vectorizer: DEFAULT_VECTORIZER, seed: 'launch', now: () => performance.now(), latencySamples: 0 });
      result.model.dispose();
      return result.evaluation.test.accuracy;
    };
    const before = await train(part('train'), freshLaunch);
    const after = await train([...part('train'), ...labelledLaunch], freshLaunch);
    const historyAfter = await train([...part('train'), ...labelledLaunch], part('test'));
    console.info(`launch accuracy: sample model ${before.toFixed(3)}, retrained ${after.toFixed(3)}; history test after retraining ${historyAfter.toFixed(3)}`);
    expect(before).toBeLessThan(0.7);
    expect(after - before).toBeGreaterThan(0.2);
    expect(historyAfter).toBeGreaterThan(0.85);
  });
});
