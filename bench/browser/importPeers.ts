/**
 * Peers of the import figure on the same file and machine, so `csv.import.100k.mb_per_s` can be
 * read against what is possible here:
 * - a plain browser import (plainImport.worker.ts): the simplest way a page stores a chosen CSV's
 *   fields in IndexedDB, without any of the app's checks, in a fresh on-disk profile of the same
 *   Chromium, as the app's import runs;
 * - Python's csv module and pandas reading the file into memory (bench/peer/csv_read.py), the
 *   issue's reference (no checks, no storage); skipped, saying so, without /usr/bin/python3.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../context';
import { median, summarize } from '../stats';
import type { BenchContext, FigureInput } from '../types';
import { openBenchPage } from './benchPage';
import type { PlainImportResult } from './plainImport.worker';
import { PYTHON } from '../peer/sklearn';

const run = promisify(execFile);

interface PythonCsvResult {
  python: string;
  csvMs: number;
  records: number;
  pandas: string | null;
  pandasMs?: number;
}

/** One plain import of `path` in a fresh bench page. */
async function plainOnce(ctx: BenchContext, path: string, name: string): Promise<PlainImportResult & { pageMs: number }> {
  const opened = await openBenchPage(ctx, name);
  try {
    await opened.page.getByLabel('CSV for the plain import').setInputFiles(path);
    return (await opened.page.evaluate('window.__bench.plainImport()')) as PlainImportResult & { pageMs: number };
  } finally {
    await opened.close();
  }
}

/** The peers' figures for `file` (`records` rows), and our time over the plain import's when `oursSeconds` are given. */
export async function importPeerFigures(ctx: BenchContext, file: { path: string; bytes: number }, records: number, repetitions: number, oursSeconds: readonly number[]): Promise<FigureInput[]> {
  const mb = file.bytes / 1e6;
  const plains: (PlainImportResult & { pageMs: number })[] = [];
  for (let i = 0; i < repetitions; i++) {
    const plain = await plainOnce(ctx, file.path, `plain import ${i + 1}`);
    if (plain.records !== records) throw new Error(`the plain import read ${plain.records} records, not ${records}`);
    plains.push(plain);
    ctx.log(`plain import ${i + 1}/${repetitions}: ${(plain.pageMs / 1000).toFixed(2)} s (read ${plain.readMs.toFixed(0)}, decode ${plain.decodeMs.toFixed(0)}, split ${plain.splitMs.toFixed(0)}, store ${plain.storeMs.toFixed(0)} ms)`);
  }
  const plainRates = plains.map((p) => mb / (p.pageMs / 1000));
  const plainSeconds = median(plains.map((p) => p.pageMs / 1000));
  const figures: FigureInput[] = [
    {
      id: 'peer.browser.csv.100k.mb_per_s',
      value: median(plainRates),
      unit: 'MB/s',
      better: 'higher',
      env: {
        what: 'a plain browser import (bench/browser/plainImport.worker.ts): the file read whole, decoded as UTF-8, split into fields, stored as string columns in IndexedDB, without checks; a fresh on-disk profile per repetition',
        bytes: file.bytes, records, repetitions, runs: plains, stats: summarize(plainRates),
      },
    },
  ];
  if (oursSeconds.length) {
    const ours = median(oursSeconds);
    figures.push({ id: 'csv.import.100k.vs_browser_peer', value: ours / plainSeconds, unit: 'ratio', better: 'lower', env: { oursSeconds: ours, plainSeconds } });
  }
  try {
    const { stdout } = await run(PYTHON, [join(ROOT, 'bench/peer/csv_read.py'), file.path], { maxBuffer: 1 << 20 });
    const python = JSON.parse(stdout) as PythonCsvResult;
    if (python.records !== records) throw new Error(`Python's csv module read ${python.records} records, not ${records}`);
    ctx.log(`Python csv ${python.csvMs.toFixed(0)} ms${python.pandasMs === undefined ? '' : `, pandas ${python.pandasMs.toFixed(0)} ms`}`);
    figures.push({
      id: 'peer.python.csv.100k.mb_per_s',
      value: mb / (python.csvMs / 1000),
      unit: 'MB/s',
      better: 'higher',
      env: {
        what: "Python's csv module reading the file into lists of strings (bench/peer/csv_read.py), in memory only",
        ...python,
        ...(python.pandasMs === undefined ? {} : { pandasMbPerS: mb / (python.pandasMs / 1000) }),
      },
    });
  } catch (error) {
    ctx.log(`peer.python.csv.100k.mb_per_s: skipped, ${PYTHON} could not read the file with csv_read.py (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  return figures;
}
