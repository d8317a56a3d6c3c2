/**
 * monitor.query.1m.ms — what the Monitor page computes for a week of traffic: 1M logged
 * predictions pre-aggregated into minute buckets (as the endpoint writes them), rolled up into
 * hour steps, summarized, and checked against the sample project's criteria — with the business
 * figures (per step and for the week, under the sample's business settings) and their targets'
 * alerts, as state/monitor.ts computes them. A third of the answers carry an outcome. The buckets
 * are built outside the timing (the endpoint builds them as it logs).
 */
import { bucketizePredictions } from '$lib/core/monitor/aggregate';
import { rollUp, summarize } from '$lib/core/monitor/query';
import { evaluateAlerts } from '$lib/core/monitor/alerts';
import { mergeAll, type PredictionSample } from '$lib/core/monitor/buckets';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { businessView } from '$lib/core/monitor/businessView';
import { SAMPLE_BUSINESS } from '$lib/core/scenarios/sampleProject';
import { createRng } from '$lib/core/random';
import { defineBenchmark } from '../types';
import { median, summarize as stats, timeRuns } from '../stats';

const LOGS = 1_000_000;
const WEEK_MS = 7 * 86_400_000;
const LABELS = ['Billing', 'Technical Issue', 'General Inquiry'];

function* syntheticLogs(from: number): Generator<PredictionSample> {
  const rng = createRng('monitor-bench');
  for (let i = 0; i < LOGS; i++) {
    yield {
      at: new Date(from + Math.floor((i / LOGS) * WEEK_MS)).toISOString(),
      modelVersionId: 'v1',
      route: 'champion',
      label: LABELS[Math.floor(rng() * 3)],
      confidence: 0.5 + rng() * 0.5,
      latencyMs: 0.2 + rng() * rng() * 40,
      status: rng() < 0.002 ? 500 : 200,
      ...(rng() < 0.3 ? { outcome: LABELS[Math.floor(rng() * 3)] } : {}),
    };
  }
}

export default defineBenchmark({
  id: 'monitor.query.1m.ms',
  where: 'node',
  description: 'Monitor dashboard query over a week of 1M predictions (minute buckets → hour steps, summaries, alerts, business figures and their alerts)',
  async run(ctx) {
    const from = Date.parse('2026-03-02T00:00:00Z');
    const built = performance.now();
    const buckets = bucketizePredictions(syntheticLogs(from));
    const bucketizeMs = performance.now() - built;
    const window = { from, to: from + WEEK_MS, stepMs: 3_600_000 };
    let steps = 0;
    const samples = await timeRuns(
      () => {
        const stepBuckets = rollUp(buckets, window);
        const series = stepBuckets.map((b) => summarize(b));
        const merged = mergeAll(buckets);
        summarize(merged);
        evaluateAlerts(DEFAULT_TICKET_CRITERIA, { buckets }, window);
        businessView(SAMPLE_BUSINESS, stepBuckets, merged, null, window);
        steps = series.length;
      },
      { warmup: 1, repetitions: ctx.pick(5, 15) },
    );
    return [
      {
        id: 'monitor.query.1m.ms',
        value: median(samples),
        unit: 'ms',
        better: 'lower',
        env: { logs: LOGS, minuteBuckets: buckets.length, steps, bucketizeMs, note: 'IndexedDB read of the buckets not included (Node)', stats: stats(samples) },
      },
    ];
  },
});
