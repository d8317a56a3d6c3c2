/**
 * csv.core.100k.mb_per_s — the import's pure core work on the 100k-row bench file (the one
 * csv.import.100k imports through the page, `cachedTicketsCsv`), in Node: `parseCsv` with
 * `StreamedValidation` drafting and checking the records as they are read, the report, and the
 * default outcome (`applyingDecisions` into a `DatasetState`: rows made and hashed). No page,
 * worker or IndexedDB: this is the floor under the browser figure, and where its CPU goes.
 * The value is MB over the median wall time. `env.phases` splits the median run's wall time,
 * `env.cpuMs` the same phases' process CPU time (user + system, GC threads included) and
 * `env.mbPerCpuSecond` the rate on it: these move much less than wall time on a busy machine.
 */
import { readFile } from 'node:fs/promises';
import { parseCsv } from '$lib/core/data/csvParse';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import { cachedTicketsCsv } from '../browser/csvImport';
import { defineBenchmark } from '../types';
import { median, round, summarize } from '../stats';

const ROWS = 100_000;
/** A fixed "now" for the plausible-date check, so every run checks the same. */
const NOW = '2027-01-01T00:00:00.000Z';

interface Run {
  wall: { parse: number; report: number; outcome: number; total: number };
  cpu: { parse: number; report: number; outcome: number; total: number };
  rows: number;
  contentHash: string;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

async function importCore(bytes: Uint8Array<ArrayBuffer>): Promise<Run> {
  const file = new Blob([bytes]);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const dates = plausibleDateRange(1990, NOW);
  const streamed = new StreamedValidation(dates);
  const { collector } = await parseCsv(file, { onChunk: (c) => streamed.follow(c) });
  const t1 = performance.now();
  const c1 = cpuMs(c0);
  const report = streamed.reportFor(collector.count, streamed.mapping!, dates);
  if (!report) throw new Error('csv.core: no streamed report');
  const t2 = performance.now();
  const c2 = cpuMs(c0);
  // As the import job does: the rows were made and hashed as the file was read; the end decides the file-wide part.
  const outcome = streamed.takeOutcome();
  if (!outcome) throw new Error('csv.core: no outcome made as the file was read');
  const steps = outcome.finishing(report, streamed.drafts);
  while (!steps.next().done);
  const state = outcome.state;
  const t3 = performance.now();
  const c3 = cpuMs(c0);
  return {
    wall: { parse: t1 - t0, report: t2 - t1, outcome: t3 - t2, total: t3 - t0 },
    cpu: { parse: c1, report: c2 - c1, outcome: c3 - c2, total: c3 },
    rows: state.size,
    contentHash: state.contentHash,
  };
}

const rounded = (phases: Run['wall']) => Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]));

export default defineBenchmark({
  id: 'csv.core.100k.mb_per_s',
  where: 'node',
  description: 'the import core in Node on the 100k-row bench file: parse + streamed validation + the default outcome made and hashed as read + report + the file-wide end of the outcome, MB/s',
  async run(ctx) {
    const csv = await cachedTicketsCsv(ROWS);
    const bytes = new Uint8Array(await readFile(csv.path));
    const mb = bytes.length / 1e6;
    const warmup = 1;
    const repetitions = ctx.pick(1, 3);
    await importCore(bytes);
    const runs: Run[] = [];
    for (let i = 0; i < repetitions; i++) runs.push(await importCore(bytes));
    if (new Set(runs.map((r) => r.contentHash)).size !== 1) throw new Error('csv.core: runs gave different content hashes');
    const totals = runs.map((r) => r.wall.total);
    const mid = runs.find((r) => r.wall.total === median(totals)) ?? runs[0];
    const value = round(mb / (median(totals) / 1000), 1);
    ctx.log(`csv.core.100k: ${value} MB/s (parse ${Math.round(mid.wall.parse)} ms, report ${Math.round(mid.wall.report)}, outcome ${Math.round(mid.wall.outcome)}; CPU ${Math.round(mid.cpu.total)} ms)`);
    return [
      {
        id: 'csv.core.100k.mb_per_s',
        value,
        unit: 'MB/s',
        better: 'higher',
        env: {
          rows: ROWS,
          bytes: bytes.length,
          keptRows: mid.rows,
          contentHash: mid.contentHash,
          warmup,
          repetitions,
          phases: rounded(mid.wall),
          cpuMs: rounded(mid.cpu),
          mbPerCpuSecond: round(mb / (mid.cpu.total / 1000), 1),
          stats: summarize(totals),
        },
      },
    ];
  },
});
