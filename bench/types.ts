/**
 * The shapes of the benchmark harness: a benchmark, what it reports, and what it gets to work with.
 */
import type { Browser } from '@playwright/test';

/** Where a benchmark's measured code runs: in this Node process, or in headless Chromium. */
export type Where = 'node' | 'browser';

/** Environment and parameters of a figure: versions, hardware, sizes, repetitions, sample stats. */
export type Env = Record<string, unknown>;

/** One reported number, as written to `bench/results/latest.json`. */
export interface Figure {
  id: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
  env: Env;
}

/** What a benchmark returns: a figure whose `env` the harness completes with the machine's. */
export type FigureInput = Omit<Figure, 'env'> & { env?: Env };

/** Given to every benchmark's `run`. Browser helpers start their servers and browser lazily. */
export interface BenchContext {
  /** `--quick`: fewer repetitions, smaller extra sizes. */
  readonly quick: boolean;
  /** The quick value in `--quick` mode, the full value otherwise. */
  pick<T>(quick: T, full: T): T;
  /** A progress line on stderr (stdout carries only the JSON). */
  log(message: string): void;
  /** The shared headless Chromium (Debian's, via scripts/chromium.ts). */
  browser(): Promise<Browser>;
  /** Base URL of the built app (dist/) served by `vite preview` on 127.0.0.1. */
  appUrl(): Promise<string>;
  /** Base URL of the bench page (bench/dist/) served by `vite preview` on 127.0.0.1. */
  benchPageUrl(): Promise<string>;
  /** A fresh temporary directory, removed when the run ends. */
  tempDir(prefix: string): Promise<string>;
}

export interface Benchmark {
  /** Usually the id of the (first) figure it reports; `--only` matches prefixes of it. */
  id: string;
  where: Where;
  /** One line for `--list` and the README. */
  description: string;
  /** Ids of the figures it reports when they differ from `id` (also matched by `--only`). */
  figures?: readonly string[];
  /** Only in full runs (or when `--only` names it). */
  fullOnly?: boolean;
  run(ctx: BenchContext): Promise<FigureInput[]>;
}

/** Identity helper that type-checks a benchmark definition. */
export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}
