/**
 * Offline for real (issue 20): the app's own server is started and stopped by the test, on a port
 * of its own (4351, or E2E_OFFLINE_PORT), so "the server is gone" is real; then a next build
 * (a copy with one changed asset, its sw.js rewritten by the same scripts/precache.ts the build
 * runs) is served on the same port and taken as an update.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { launchOptions } from '../../scripts/chromium';
import { test, expect, openSample, SAMPLE_NAME } from './fixtures';
import { callEndpoint, deploySampleModel, goToStage } from './lifecycle';
import { embeddedManifest, writePrecache } from '../../scripts/precache';
import { cacheNameFor } from '../../src/lib/core/offline/precache';

const dist = process.env.E2E_DIST ?? 'dist';
const port = Number(process.env.E2E_OFFLINE_PORT ?? 4351);
const origin = `http://127.0.0.1:${port}`;

/** `vite preview` of `outDir` (with the app's security headers), resolved once it listens; `servers` gets it at once, to be stopped whatever happens. */
async function serve(outDir: string, servers: ChildProcess[]): Promise<void> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    // It prints its address once it listens.
    server.stdout!.on('data', (chunk: Buffer) => stripVTControlCharacters(chunk.toString()).includes(origin) && resolve());
    server.once('exit', (code) => reject(new Error(`vite preview exited (${code})`)));
  });
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
}

/** The Storage page's offline facts, once it says every file of this version is saved. */
async function offlineReady(page: Page): Promise<{ size: string; build: string }> {
  await page.goto('/#/system');
  const facts = page.getByRole('region', { name: 'Offline use and version' });
  await expect(facts.getByRole('definition').first()).toHaveText(/^Yes — all \d+ files saved$/, { timeout: 60_000 });
  const value = (term: string) => facts.locator('div', { has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition').innerText();
  return { size: await value('Offline copy size'), build: await value('Build') };
}

test.use({ baseURL: origin });

// Module-wide so a test that times out still stops its servers (its own `finally` would not run).
const servers: ChildProcess[] = [];
test.afterEach(async () => {
  for (const server of servers.splice(0)) await stop(server);
});

test('after one visit the app opens, trains and serves with the server stopped, then takes a new version when the person reloads', async ({ page, context }) => {
  test.setTimeout(480_000);
  const work = mkdtempSync(join(tmpdir(), 'offline-e2e-'));
  try {
    await serve(dist, servers);
    const first = embeddedManifest(dist)!;
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_NAME })).toBeVisible();
    const ready = await offlineReady(page);
    expect(ready.build).toBe(first.buildId);
    await stop(servers.pop()!);

    // Offline, with the service worker stopped too: a cold start from the cache.
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const started = Date.now();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await expect(page.getByRole('link', { name: SAMPLE_NAME })).toBeVisible();
    const coldStartMs = Date.now() - started;
    const navigation = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).toJSON() as Record<string, number>);
    console.log(`offline: cached ${ready.size} (build ${ready.build}); cold offline start (service worker stopped) → projects listed: ${coldStartMs} ms; load event at ${Math.round(navigation.loadEventEnd)} ms`);

    // The sample opens, trains, registers and deploys; the endpoint answers — no server.
    await page.getByRole('link', { name: SAMPLE_NAME }).click();
    await expect(page.getByRole('heading', { level: 1, name: SAMPLE_NAME })).toBeVisible();
    await deploySampleModel(page);
    const text = 'I was charged twice, please refund my invoice';
    const offlineAnswer = await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ text }) });
    expect(offlineAnswer.status, offlineAnswer.body).toBe(200);
    expect(JSON.parse(offlineAnswer.body).model).toEqual({ name: 'Ticket router', version: 1 });

    // The next build: one asset changed, sw.js rewritten by the build's own manifest code.
    const next = join(work, 'next');
    cpSync(dist, next, { recursive: true });
    const css = first.entries.find((entry) => entry.url.endsWith('.css'))!.url;
    appendFileSync(join(next, css), '\n/* the next build */\n');
    const second = await writePrecache(next, first.version);
    expect(second.buildId).not.toBe(first.buildId);
    await serve(next, servers);

    // The browser finds the new worker on the next navigation; it installs and waits for the person.
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: 'A new version is ready' });
    await expect(banner).toBeVisible({ timeout: 60_000 });
    // A file read but not yet imported holds the new version back: reloading would lose it.
    await page.goto('/');
    await page.getByRole('link', { name: SAMPLE_NAME }).click();
    await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
    await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from('text,label\nThe invoice is wrong,billing\nI cannot log in,account\n') });
    await expect(page.getByLabel('Role of column label')).toHaveValue('label');
    await banner.getByRole('button', { name: 'Reload' }).click();
    const waiting = page.getByRole('status').filter({ hasText: 'The new version loads when the import waiting for your choices ends' });
    await expect(waiting).toBeVisible();
    await waiting.getByRole('button', { name: 'Keep this version for now' }).click();
    await page.getByRole('button', { name: 'Discard this file' }).click();
    // Until the person reloads, the old version runs.
    await page.goto('/#/system');
    await expect(page.getByRole('region', { name: 'Offline use and version' })).toContainText(first.buildId);
    const reload = banner.getByRole('button', { name: 'Reload' });
    await reload.focus();
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;

    // The new version runs, its copy complete, the old build's cache gone, the data intact.
    expect((await offlineReady(page)).build).toBe(second.buildId);
    await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([cacheNameFor(second.buildId)]);
    await expect(page.getByRole('status').filter({ hasText: 'A new version is ready' })).toHaveCount(0);
    const onlineAnswer = await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ text }) });
    expect(onlineAnswer.status, onlineAnswer.body).toBe(200);
    expect(JSON.parse(onlineAnswer.body).model).toEqual({ name: 'Ticket router', version: 1 });
    // The same model, kept through the update: the same answer (each prediction has its own id).
    const { id: _offlineId, ...offlinePrediction } = JSON.parse(offlineAnswer.body).prediction;
    const { id: _onlineId, ...onlinePrediction } = JSON.parse(onlineAnswer.body).prediction;
    expect(onlinePrediction).toEqual(offlinePrediction);
    await page.goto('/#/inventory');
    await expect(page.getByRole('main')).toContainText('Ticket router');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('Chromium finds the app installable: its manifest, icons and service worker', async ({ baseURL }) => {
  // A persistent profile: Chromium never offers to install from an incognito-like context.
  await serve(dist, servers);
  const profile = mkdtempSync(join(tmpdir(), 'install-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions(), headless: true, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(page.getByRole('link', { name: SAMPLE_NAME })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    const { url, errors, manifest } = await cdp.send('Page.getAppManifest');
    expect(url).toBe(`${origin}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    expect(manifest).toMatchObject({ name: 'Lifecycle Lab', display: expect.stringMatching(/standalone/i), startUrl: `${origin}/`, scope: `${origin}/` });
    expect(manifest.icons?.map((icon) => `${icon.url} ${icon.sizes}`).sort()).toEqual([`${origin}/icons/icon-192.png 192x192`, `${origin}/icons/icon-512.png 512x512`, `${origin}/icons/maskable-512.png 512x512`]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a newer version upgrading the database from another tab is never blocked: this tab and its workers let go and say to reload', async ({ page, context, watch }) => {
  // The other tab shows a bare file of the app, for which Chromium asks /favicon.ico (there is none).
  watch.allow.push(/Failed to load resource: the server responded with a status of 404/);
  await serve(dist, servers);
  await openSample(page);
  await goToStage(page, 'Data'); // the data worker has the database open too
  await expect(page.getByRole('button', { name: 'Split the newest version' })).toBeVisible();
  // The other tab stands for the new version: it opens the database one version higher.
  const other = await context.newPage();
  await other.goto('/manifest.webmanifest');
  const upgrade = await other.evaluate(async () => {
    const current = (await indexedDB.databases()).find((info) => info.name === 'lifecycle-lab')!.version!;
    return new Promise<{ blocked: boolean; version: number }>((resolve, reject) => {
      const request = indexedDB.open('lifecycle-lab', current + 1);
      let blocked = false;
      request.onblocked = () => (blocked = true);
      request.onsuccess = () => {
        request.result.close();
        resolve({ blocked, version: request.result.version - current });
      };
      request.onerror = () => reject(request.error);
    });
  });
  expect(upgrade).toEqual({ blocked: false, version: 1 });
  await expect(page.getByRole('alert')).toContainText('Lifecycle Lab was updated in another tab, so this tab stopped saving. Reload this page');
});
