/**
 * textDrift.5k.ms — the text drift check's domain classifier (`domainClassifier`: TF-IDF with
 * Evidently's settings, L2 logistic regression, ROC AUC on a held-out third) on 5,000 reference
 * against 5,000 current support tickets (subject and body), as the Monitor page runs it on a
 * served model's training texts and its logged ones. The current tickets come from another seed
 * and a later quarter, so they differ a little (months, dates). Generating the texts is outside
 * the timing. This figure replaced a "< 10 s" assertion in tests/unit/drift/textDrift.test.ts.
 */
import { domainClassifier } from '$lib/core/drift/text/domainClassifier';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { defineBenchmark } from '../types';
import { median, round, summarize, timeRuns } from '../stats';

const N = 5000;

const texts = (seed: string, start: string) => generateTickets({ count: N, seed, start }).map((t) => `${t.subject}\n\n${t.body}`);

export default defineBenchmark({
  id: 'textDrift.5k.ms',
  where: 'node',
  description: `text drift by domain classifier on ${N.toLocaleString('en')} vs ${N.toLocaleString('en')} generated tickets`,
  async run(ctx) {
    const reference = texts('text-drift-bench-ref', '2026-01-05T00:00:00Z');
    const current = texts('text-drift-bench-cur', '2026-07-06T00:00:00Z');
    const repetitions = ctx.pick(3, 7);
    let result = domainClassifier(reference, current, { seed: 'bench' }); // the warm-up
    const samples = await timeRuns(
      () => {
        result = domainClassifier(reference, current, { seed: 'bench' });
      },
      { warmup: 0, repetitions },
    );
    const value = round(median(samples));
    ctx.log(`textDrift.5k: ${value} ms (AUC ${result.auc.toFixed(3)}, vocabulary ${result.vocabularySize}, ${result.iterations} iterations)`);
    return [
      {
        id: 'textDrift.5k.ms',
        value,
        unit: 'ms',
        better: 'lower',
        env: {
          sizes: [N, N],
          auc: result.auc,
          drifted: result.drifted,
          vocabulary: result.vocabularySize,
          iterations: result.iterations,
          repetitions,
          stats: summarize(samples),
        },
      },
    ];
  },
});
