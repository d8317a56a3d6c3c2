/** The machine a figure was measured on, recorded in every figure's `env`. */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import type { Env } from './types';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Node, OS and CPU, plus the commit measured and the run mode. */
export function machineEnv(quick: boolean): Env {
  const cpus = os.cpus();
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const status = git(['status', '--porcelain']);
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    arch: process.arch,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    commit: commit ? `${commit}${status ? '-dirty' : ''}` : null,
    mode: quick ? 'quick' : 'full',
    date: new Date().toISOString(),
  };
}

/** The browser the browser figures ran in. */
export function browserEnv(browser: Browser, executablePath: string): Env {
  return {
    browser: `${browser.browserType().name()} ${browser.version()}`,
    browserExecutable: executablePath,
    headless: true,
  };
}
