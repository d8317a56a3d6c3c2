/**
 * Opens the bench page (bench/dist) in Chromium with an on-disk profile in a temporary
 * directory, so IndexedDB writes go to disk as they do for a real user (a plain new context is
 * off-the-record and keeps IndexedDB in memory). Chromium gets --expose-gc so the page can
 * collect garbage between repetitions, outside the timed parts.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { launchOptions } from '../../scripts/chromium';
import type { BenchContext, Env } from '../types';
import type { BenchPageApi } from './pageApi';

export interface OpenBenchPage {
  page: Page;
  env: Env;
  close(): Promise<void>;
}

export async function openBenchPage(ctx: BenchContext, name: string): Promise<OpenBenchPage> {
  const url = await ctx.benchPageUrl();
  const dir = await ctx.tempDir(name);
  const options = launchOptions();
  const context: BrowserContext = await chromium.launchPersistentContext(dir, {
    ...options,
    args: [...options.args, '--js-flags=--expose-gc'],
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => ctx.log(`bench page error: ${e.message}`));
    await page.goto(url);
    await page.waitForFunction('window.__benchReady !== undefined', undefined, { timeout: 30_000 });
    const ready = await page.evaluate('window.__benchReady');
    if (ready !== true) throw new Error(`bench page failed to start: ${String(ready)}`);
    const info = (await page.evaluate('window.__bench.info()')) as ReturnType<BenchPageApi['info']>;
    return {
      page,
      env: {
        url,
        storage: 'on-disk Chromium profile in a temporary directory; a fresh IndexedDB database per repetition',
        dexie: info.dexie,
        hardwareConcurrency: info.hardwareConcurrency,
        userAgent: info.userAgent,
      },
      close: () => context.close(),
    };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}
