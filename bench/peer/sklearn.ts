/**
 * Runs the scikit-learn peer (bench/peer/sklearn_lr.py) on the rows the training figures use:
 * `ticketRows(n, 'bench-train')` written to a temporary CSV (text, label, split). Debian's
 * `/usr/bin/python3` is called by path: the `python3` first on PATH may be another Python
 * without scikit-learn.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { ROOT } from '../context';
import { ticketRows } from '../trainTask';

const run = promisify(execFile);
export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(ROOT, 'bench/peer/sklearn_lr.py');

export interface SklearnPeerResult {
  sklearn: string;
  rows: number;
  train: number;
  test: number;
  readMs: number;
  vectorizeMs: number;
  fitMs: number;
  evaluateMs: number;
  /** vectorize + fit + score, timed inside Python (reading the CSV excluded). */
  ms: number;
  vocabulary: number;
  iterations: number;
  converged: boolean;
  testAccuracy: number;
}

/** null when scikit-learn imports, otherwise why the peer cannot run. */
export async function sklearnMissing(): Promise<string | null> {
  try {
    await run(PYTHON, ['-c', 'import sklearn']);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').filter(Boolean).at(-1) : String(error);
    return `${PYTHON} cannot import sklearn (${reason}); install Debian's python3-sklearn to measure the peer`;
  }
}

/** Writes n bench tickets to a CSV in `dir` (untimed) and runs the peer on it. */
export async function runSklearnPeer(n: number, dir: string): Promise<SklearnPeerResult> {
  const path = join(dir, `tickets-${n}.csv`);
  const rows = ticketRows(n, 'bench-train');
  await writeFile(path, Papa.unparse({ fields: ['text', 'label', 'split'], data: rows.map((r) => [r.text, r.label, r.split]) }));
  const { stdout } = await run(PYTHON, [SCRIPT, path], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as SklearnPeerResult;
}
