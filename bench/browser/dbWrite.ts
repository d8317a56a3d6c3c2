/**
 * Bulk write of n generated tickets (as ticketToRow rows) into IndexedDB through the app's
 * own db code, in Chromium: createProject, then prepareDatasetVersion (the content hash,
 * reported as db.hash.<size>.ms) and writeDatasetVersion (the write transaction, reported as
 * db.write.<size>.ms). Their sum is what createDatasetVersion costs (env.totalMs). Then
 * loadDatasetState reads every row of the version back (db.read.<size>.ms; env.blocksMs: the
 * readRowBlocks part alone, without building the DatasetState).
 */
import { defineBenchmark, type Benchmark } from '../types';
import { median, round, summarize } from '../stats';
import { openBenchPage } from './benchPage';
import type { DbWriteResult, RowsInfo } from './pageApi';

export function dbWriteBenchmark(options: {
  rows: number;
  /** "100k", "10k": the size in figure ids. */
  size: string;
  repetitions: { quick: number; full: number };
  /** Unmeasured runs first; large sizes warm themselves up (default 1 in both modes). */
  warmup?: { quick: number; full: number };
  fullOnly?: boolean;
}): Benchmark {
  const writeId = `db.write.${options.size}.ms`;
  const hashId = `db.hash.${options.size}.ms`;
  const readId = `db.read.${options.size}.ms`;
  return defineBenchmark({
    id: writeId,
    where: 'browser',
    description: `IndexedDB write of ${options.rows.toLocaleString('en')} ticket rows via writeDatasetVersion (+ ${hashId}: prepareDatasetVersion's hash)`,
    figures: [writeId, hashId, readId],
    fullOnly: options.fullOnly,
    async run(ctx) {
      const n = options.rows;
      const warmup = ctx.pick(options.warmup?.quick ?? 1, options.warmup?.full ?? 1);
      const repetitions = ctx.pick(options.repetitions.quick, options.repetitions.full);
      const bench = await openBenchPage(ctx, options.size);
      const results: DbWriteResult[] = [];
      let rowsInfo: RowsInfo;
      let gcAvailable = false;
      try {
        ctx.log(`${writeId}: generating ${n} rows in the page`);
        rowsInfo = (await bench.page.evaluate(`window.__bench.rows(${n})`)) as RowsInfo;
        for (let i = 0; i < warmup + repetitions; i++) {
          gcAvailable = (await bench.page.evaluate('window.__bench.gc()')) as boolean;
          const result = (await bench.page.evaluate(`window.__bench.dbWrite(${n})`)) as DbWriteResult;
          if (i >= warmup) results.push(result);
        }
      } finally {
        await bench.close();
      }
      const env = {
        ...bench.env,
        backend: `IndexedDB via Dexie ${String(bench.env.dexie)}`,
        rows: n,
        rowShape: 'ticketToRow(generateTickets({ seed: "bench-db-write" }))',
        textChars: rowsInfo.textChars,
        generateMs: round(rowsInfo.generateMs),
        gcBetweenRepetitions: gcAvailable,
        warmup,
        repetitions,
      };
      const write = results.map((r) => r.writeMs);
      const hash = results.map((r) => r.hashMs);
      const total = results.map((r) => r.totalMs);
      const read = results.map((r) => r.readMs);
      return [
        {
          id: writeId,
          value: median(write),
          unit: 'ms',
          better: 'lower',
          env: {
            ...env,
            measured: 'writeDatasetVersion: one rw transaction (version record, rows in bulkAdd chunks, audit entry)',
            totalMs: summarize(total),
            stats: summarize(write),
          },
        },
        {
          id: hashId,
          value: median(hash),
          unit: 'ms',
          better: 'lower',
          env: {
            ...env,
            measured: 'prepareDatasetVersion: canonical JSON of every row + SHA-256 (Web Crypto)',
            stats: summarize(hash),
          },
        },
        {
          id: readId,
          value: median(read),
          unit: 'ms',
          better: 'lower',
          env: {
            ...env,
            measured: 'loadDatasetState of the version just written: one r transaction reading its row blocks into a DatasetState (which hashes each row)',
            stats: summarize(read),
            // The storage part alone: readRowBlocks (IndexedDB read + decoding the blocks into rows).
            blocksMs: summarize(results.map((r) => r.blocksMs)),
          },
        },
      ];
    },
  });
}
