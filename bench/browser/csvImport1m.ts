/**
 * csv.import.1m.* — a million generated tickets (~240 MB, the 100k file's kind ten times over)
 * imported through the Data page like the 100k file: MB/s, the peak JS heap of the page and its
 * workers together (goal < 1 GB: the worker must not hold many copies of the rows) and the
 * longest main-thread task (the page stays responsive). In quick runs too (the issue wants all its
 * figures there): one import, of a file generated once and kept (`cachedTicketsCsv`).
 */
import { defineBenchmark } from '../types';
import { IMPORT_PATH, cachedTicketsCsv, importThroughDataPage } from './csvImport';

const ROWS = 1_000_000;

export default defineBenchmark({
  id: 'csv.import.1m.mb_per_s',
  figures: ['csv.import.1m.peak_heap_mb', 'csv.import.1m.longest_main_task_ms'],
  where: 'browser',
  description: '1M-row CSV (~240 MB) imported through the Data page: MB/s, peak JS heap (page + workers), longest main-thread task',
  async run(ctx) {
    const started = Date.now();
    const file = await cachedTicketsCsv(ROWS);
    ctx.log(`${file.cached ? 'reused' : 'wrote'} ${file.path}, ${(file.bytes / 1e6).toFixed(0)} MB, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const run = await importThroughDataPage(ctx, file, 'Import bench 1M');
    const rate = file.bytes / 1e6 / run.seconds;
    ctx.log(`csv import 1M: ${run.seconds.toFixed(1)} s, ${rate.toFixed(1)} MB/s, longest task ${run.longestTaskMs.toFixed(0)} ms, peak heap ${run.heap.peakMb} MB`);
    const env = { rows: ROWS, bytes: file.bytes, multiLineQuotedFields: true, repetitions: 1, path: IMPORT_PATH, phases: run.phases, timeline: run.timeline, heap: run.heap };
    return [
      { id: 'csv.import.1m.mb_per_s', value: rate, unit: 'MB/s', better: 'higher', env: { ...env, seconds: run.seconds, wallSeconds: run.wallSeconds } },
      { id: 'csv.import.1m.peak_heap_mb', value: run.heap.peakMb, unit: 'MiB', better: 'lower', env: { ...env, note: 'used JS heap, page + workers, CDP Runtime.getHeapUsage every 200 ms (bench/heap.ts); goal < 1 GB' } },
      { id: 'csv.import.1m.longest_main_task_ms', value: run.longestTaskMs, unit: 'ms', better: 'lower', env: { ...env, note: '0 means no main-thread task over 50 ms' } },
    ];
  },
});
