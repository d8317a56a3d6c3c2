/**
 * Records training traces for the time-left estimator's fixtures (tests/unit/models/fixtures/):
 * the default logistic regression on n seeded tickets in headless Chromium, with the app's default
 * backend choice, each L-BFGS iteration's time, max |g| and evaluations, and the phases' starts.
 *
 *   npx vite build --config bench/vite.config.ts
 *   node --import tsx bench/recordTrainTrace.ts --sizes 10000,100000 --out /tmp/traces --port 4332
 *
 * Writes <out>/trace-<n>-<i>.json per run (`--runs` per size, default 1).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Harness } from './context';
import { openBenchPage } from './browser/benchPage';
import type { TrainTrace } from './browser/pageApi';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results/traces' },
    port: { type: 'string', default: '4180' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
if (!sizes.every((n) => Number.isInteger(n) && n > 0) || !(runs >= 1)) throw new Error('--sizes takes row counts, --runs a count ≥ 1');

const harness = new Harness({ quick: true, port: Number(values.port) });
try {
  await mkdir(values.out!, { recursive: true });
  const bench = await openBenchPage(harness, 'trace');
  try {
    await bench.page.evaluate('window.__bench.trainTrace(1000)'); // warm-up: the backend is chosen, code compiles
    for (const n of sizes) {
      for (let i = 0; i < runs; i++) {
        await bench.page.evaluate('window.__bench.gc()');
        const trace = (await bench.page.evaluate(`window.__bench.trainTrace(${n})`)) as TrainTrace;
        const file = join(values.out!, `trace-${n}-${i}.json`);
        await writeFile(file, JSON.stringify(trace));
        const last = trace.steps.at(-1);
        harness.log(`${file}: ${trace.steps.length} iterations, ${last?.evaluations} evaluations, training ${Math.round(trace.timings.trainMs)} ms on ${trace.backend}`);
      }
    }
  } finally {
    await bench.close();
  }
} finally {
  await harness.close();
}
