/**
 * The data worker's part of the retrain-or-retire calculator: scores a non-ML fallback (the
 * majority class or a keyword rule) on the served run's own test split, reading the rows through
 * the worker's versions in memory. Reports progress per chunk of rows and yields there, so a
 * cancel arrives and stops it.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { getRun } from '$lib/db/runs';
import { parseKeywordRule, describeRuleProblems, scoreFallback } from '$lib/core/practice/retireFallback';
import type { DataHandlers } from './dataProtocol';
import type { DatasetStates } from './datasetStates';

export function retireHandlers(db: LifecycleDatabase, states: DatasetStates): Pick<DataHandlers, 'retireFallback'> {
  return {
    retireFallback: async ({ runId, fallback }, ctx) => {
      const run = await getRun(db, runId);
      if (!run) throw new Error('The served run is no longer in this project.');
      const classes = run.classes ?? [];
      // A bad rule is refused before any row is read.
      if (fallback.kind === 'keywords') {
        const parsed = parseKeywordRule(fallback.text, classes);
        if (!parsed.ok) throw new Error(describeRuleProblems(parsed.problems));
      }
      const state = await states.load(run.datasetVersionId, ctx);
      const labelled = state.rows.filter((r) => r.label !== null);
      const trainLabels = labelled.filter((r) => r.split === 'train').map((r) => r.label!);
      const test = labelled.filter((r) => r.split === 'test').map((r) => ({ text: r.text, label: r.label! }));
      const started = performance.now();
      return scoreFallback(fallback, { classes, trainLabels, test }, async (done) => {
        ctx.progress({ phase: 'fallback', done, total: test.length, records: done, elapsedMs: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 0));
        ctx.throwIfCancelled();
      });
    },
  };
}
