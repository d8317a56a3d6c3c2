/**
 * `npm run bench [-- --quick] [-- --only <id-prefix>[,<prefix>…]]`
 *
 * Runs the registered benchmarks (bench/registry.ts) in Node and in headless Chromium, writes
 * bench/results/latest.json (a JSON array of figures) and prints the same JSON on stdout;
 * progress goes to stderr. Timings never fail the run: the exit code is non-zero only when a
 * benchmark crashes (the other figures are still written) or the arguments are wrong.
 * `npm run bench` builds dist/ and bench/dist/ first; run this file directly only after that.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './registry';
import { Harness, ROOT } from './context';
import { browserEnv, machineEnv } from './env';
import { chromiumPath } from '../scripts/chromium';
import { round } from './stats';
import type { Benchmark, Env, Figure } from './types';

const USAGE = `Usage: npm run bench -- [options]
  --quick              fewer repetitions and sizes (a few minutes)
  --only <prefixes>    run only benchmarks whose id or figure ids start with one of these
                       (comma-separated, or repeat the option); names full-only ones too
  --out <file>         where to write the JSON (default bench/results/latest.json)
  --port <n>           port of the app preview server; the bench page uses n + 1 (default 4180)
  --list               list the benchmarks and exit
  --help               this text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        out: { type: 'string' },
        port: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const port = values.port === undefined ? 4180 : Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65534) fail(`--port must be an integer in 1024–65534`);
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return {
    quick: values.quick ?? false,
    only,
    out: values.out ?? join(ROOT, 'bench/results/latest.json'),
    port,
    list: values.list ?? false,
    help: values.help ?? false,
  };
}

function idsOf(b: Benchmark): string[] {
  return [...new Set([b.id, ...(b.figures ?? [])])];
}

function select(only: string[], quick: boolean): Benchmark[] {
  if (only.length === 0) return BENCHMARKS.filter((b) => !(quick && b.fullOnly));
  return BENCHMARKS.filter((b) => idsOf(b).some((id) => only.some((prefix) => id.startsWith(prefix))));
}

async function main(): Promise<number> {
  const args = parse();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.list) {
    for (const b of BENCHMARKS) {
      process.stdout.write(`${idsOf(b).join(', ')}  [${b.where}${b.fullOnly ? ', full runs only' : ''}]\n    ${b.description}\n`);
    }
    return 0;
  }
  const selected = select(args.only, args.quick);
  if (selected.length === 0) fail(`No benchmark matches --only ${args.only.join(',')} (see --list).`);

  const started = performance.now();
  const harness = new Harness({ quick: args.quick, port: args.port });
  const stop = (signal: string) => {
    harness.log(`${signal}: stopping`);
    void harness.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  const machine = machineEnv(args.quick);
  const figures: Figure[] = [];
  const crashed: { id: string; error: string }[] = [];
  harness.log(`${args.quick ? 'quick' : 'full'} run of ${selected.length} benchmark(s): ${selected.map((b) => b.id).join(', ')}`);
  try {
    let browser: Env | null = null;
    for (const b of selected) {
      const t0 = performance.now();
      harness.log(`▶ ${b.id} (${b.where})`);
      try {
        if (b.where === 'browser' && !browser) browser = browserEnv(await harness.browser(), chromiumPath());
        const inputs = await b.run(harness);
        if (inputs.length === 0) throw new Error('reported no figures');
        for (const f of inputs) {
          if (!Number.isFinite(f.value)) throw new Error(`${f.id}: value is not a finite number (${f.value})`);
          figures.push({
            id: f.id,
            value: round(f.value),
            unit: f.unit,
            better: f.better,
            env: { ...machine, ...(b.where === 'browser' ? browser : {}), where: b.where, ...f.env },
          });
          harness.log(`  ${f.id} = ${round(f.value, 1)} ${f.unit}`);
        }
        harness.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        crashed.push({ id: b.id, error: message });
        harness.log(`✗ ${b.id} crashed: ${message}`);
      }
    }
  } finally {
    await harness.close();
  }

  const json = JSON.stringify(figures, null, 2);
  await mkdir(dirname(args.out), { recursive: true });
  await writeFile(args.out, `${json}\n`);
  process.stdout.write(`${json}\n`);
  harness.log(
    `wrote ${figures.length} figure(s) to ${relative(process.cwd(), args.out) || args.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (crashed.length > 0) {
    harness.log(`${crashed.length} benchmark(s) crashed: ${crashed.map((c) => c.id).join(', ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[bench] harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
