/**
 * The run's shared resources, all started on first use and stopped by `close()`:
 * the headless Chromium, the two `vite preview` servers (the app's dist/ and the bench page's
 * bench/dist/, both on 127.0.0.1 only), and temporary directories.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { launchOptions } from '../scripts/chromium';
import type { BenchContext } from './types';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const HOST = '127.0.0.1';

export interface HarnessOptions {
  quick: boolean;
  /** Port of the app's preview server; the bench page's is the next one. */
  port: number;
}

export class Harness implements BenchContext {
  readonly quick: boolean;
  private readonly port: number;
  private browserPromise: Promise<Browser> | null = null;
  private readonly servers = new Map<string, Promise<PreviewServer>>();
  private readonly tempDirs: string[] = [];

  constructor(options: HarnessOptions) {
    this.quick = options.quick;
    this.port = options.port;
  }

  pick<T>(quick: T, full: T): T {
    return this.quick ? quick : full;
  }

  log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
  }

  /** True once the browser was launched (so browser env can be recorded). */
  get browserStarted(): boolean {
    return this.browserPromise !== null;
  }

  browser(): Promise<Browser> {
    this.browserPromise ??= chromium.launch({ ...launchOptions(), headless: true });
    return this.browserPromise;
  }

  appUrl(): Promise<string> {
    return this.serve('app', join(ROOT, 'vite.config.ts'), join(ROOT, 'dist'), this.port);
  }

  benchPageUrl(): Promise<string> {
    return this.serve('bench page', join(ROOT, 'bench/vite.config.ts'), join(ROOT, 'bench/dist'), this.port + 1);
  }

  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `lifecycle-lab-bench-${prefix}-`));
    this.tempDirs.push(dir);
    return dir;
  }

  private async serve(what: string, configFile: string, outDir: string, port: number): Promise<string> {
    let server = this.servers.get(what);
    if (!server) {
      if (!existsSync(join(outDir, 'index.html'))) {
        throw new Error(`No build of the ${what} in ${outDir}: run \`npm run bench\` (it builds both) or build it first.`);
      }
      server = preview({
        configFile,
        logLevel: 'warn',
        preview: { host: HOST, port, strictPort: true, open: false },
      });
      this.servers.set(what, server);
      this.log(`serving the ${what} on http://${HOST}:${port}/`);
    }
    await server;
    return `http://${HOST}:${port}/`;
  }

  /** Stops everything this run started. Never throws. */
  async close(): Promise<void> {
    const browser = this.browserPromise;
    this.browserPromise = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    for (const server of this.servers.values()) {
      await server.then((s) => s.close()).catch(() => undefined);
    }
    this.servers.clear();
    for (const dir of this.tempDirs.splice(0)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
