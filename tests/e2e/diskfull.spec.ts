import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchOptions } from '../../scripts/chromium';
import { SAMPLE_NAME, openHome, openSample } from './fixtures';
import { callEndpoint, deploySampleModel, goToStage } from './lifecycle';

/**
 * Issue 11, item 1, tested the way it fails: Chromium's profile on a 60 MB tmpfs filled to about
 * 300 KB free, then a 5 MB CSV import. Today's code starts writing and fails half-way with
 * "rowBlocks.bulkAdd(): … AbortError"; the import must instead be refused with a clear message,
 * and the first project kept. Then the database is lost (its IndexedDB folder removed, which is
 * what remains when Chromium drops a broken IndexedDB store) and the project must come back from
 * the backups kept outside IndexedDB. The second test lets Chromium really evict the whole site
 * (IndexedDB, OPFS backups, service worker) under disk pressure, as the issue saw after endpoint
 * traffic: the projects must come back from the compact copies kept in localStorage. Needs root
 * to mount the tmpfs (CI runs as root); elsewhere it is skipped, saying why.
 */

const isRoot = process.getuid?.() === 0;
const FREE_TARGET_KB = 300;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();
/** Free kilobytes on the file system at `dir`. */
const freeKb = (dir: string) => Number(run('df', ['-k', '--output=avail', dir]).split('\n')[1]);

function csv(rows: number): Buffer {
  const lines = ['id,text,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},"ticket number ${i} about billing, invoices and login trouble",${i % 2 ? 'Billing' : 'Technical Issue'}`);
  return Buffer.from(lines.join('\n'));
}

async function newProjectData(page: Page, name: string): Promise<void> {
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Data' })).toBeVisible();
}

async function chooseCsv(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('Choose a CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Check the data' }).click({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Import as a new version' }).click();
}

/** "First project" with 2,000 imported rows, made through the page. */
async function firstProject(page: Page): Promise<void> {
  await openHome(page);
  await newProjectData(page, 'First project');
  await chooseCsv(page, 'first.csv', csv(2_000));
  await expect(page.getByText('Imported version v1: 2,000 rows kept, 0 left out.')).toBeVisible({ timeout: 60_000 });
}

/** Size of the project's backup as the newest backup index in OPFS records it (0 when none). */
function backedUpBytes(page: Page, name: string): Promise<number> {
  return page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('backups', { create: true });
    let newest: { sequence: number; projects: { name: string; bytes: number }[] } | null = null;
    for (const file of ['index-0.json', 'index-1.json']) {
      try {
        const index = JSON.parse(await (await (await dir.getFileHandle(file)).getFile()).text());
        if (!newest || index.sequence > newest.sequence) newest = index;
      } catch {
        // missing or cut short: the other slot counts
      }
    }
    return newest?.projects.find((p) => p.name === name)?.bytes ?? 0;
  }, name);
}

/** The projects the compact copies in localStorage hold: size and time of each copy (core/backup/compactBackup.ts). */
function compactCopies(page: Page): Promise<Record<string, { bytes: number; at: number }>> {
  return page.evaluate(() => {
    type Index = { sequence: number; projects: { name: string; bytes: number; backedUpAt: string }[] };
    const read = (n: string) => JSON.parse(localStorage.getItem(`lifecycle-lab.backup.${n}`) ?? 'null') as Index | null;
    const newest = [read('index-0.json'), read('index-1.json')].filter((i) => i !== null).sort((a, b) => b.sequence - a.sequence)[0];
    return Object.fromEntries((newest?.projects ?? []).map((p) => [p.name, { bytes: p.bytes, at: Date.parse(p.backedUpAt) }]));
  });
}

/** Kilobytes of each of the profile's storage folders for the site, as `du` counts them. */
function folderSizes(mount: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const folder of ['IndexedDB', 'File System', 'Service Worker', 'Local Storage']) {
    try {
      out[folder] = Number(run('du', ['-sk', join(mount, 'profile/Default', folder)]).split('\t')[0]);
    } catch {
      out[folder] = 0;
    }
  }
  return out;
}

/** Fills the disk to about `targetKb` free, correcting for what the browser writes meanwhile. */
async function fillDisk(page: Page, mount: string, targetKb: number): Promise<void> {
  const filler = join(mount, 'filler');
  run('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1024', `count=${Math.max(0, freeKb(mount) - targetKb)}`, 'status=none']);
  await expect(async () => {
    const short = targetKb - freeKb(mount);
    if (short > 0) truncateSync(filler, statSync(filler).size - short * 1024);
    expect(Math.abs(freeKb(mount) - targetKb)).toBeLessThan(64);
  }).toPass({ timeout: 10_000 });
}

test.describe('a nearly full disk', () => {
  test.skip(!isRoot, 'needs root to mount a size-limited tmpfs for the browser profile');
  test.setTimeout(240_000);

  let mount = '';
  let context: BrowserContext | null = null;
  const errors: string[] = [];

  // A fresh 60 MB profile disk for each test.
  test.beforeEach(() => {
    mount = mkdtempSync(join(tmpdir(), 'll-full-'));
    run('mount', ['-t', 'tmpfs', '-o', 'size=60m', 'tmpfs', mount]);
    errors.length = 0;
  });

  test.afterEach(async () => {
    await context?.close().catch(() => undefined);
    context = null;
    if (mount) {
      run('umount', ['-l', mount]);
      rmSync(mount, { recursive: true, force: true });
      mount = '';
    }
  });

  async function launch(baseURL: string): Promise<Page> {
    context = await chromium.launchPersistentContext(join(mount, 'profile'), { ...launchOptions(), headless: true, baseURL });
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    context.on('weberror', (e) => errors.push(String(e.error())));
    return context.pages()[0] ?? (await context.newPage());
  }

  test('a 5 MB import is refused with a clear message, the first project is kept, and a discarded database is restored from the backups', async ({ baseURL }) => {
    let page = await launch(baseURL!);
    await firstProject(page);
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await expect(page.getByText(/^Backups of 2 projects are kept outside/)).toBeVisible({ timeout: 60_000 });
    // The backup made after the import holds its 2,000 rows (a pass runs a few seconds after a change).
    await expect.poll(() => backedUpBytes(page, 'First project'), { timeout: 60_000 }).toBeGreaterThan(100_000);
    const idbBefore = run('du', ['-sk', join(mount, 'profile/Default/IndexedDB')]).split('\t')[0];

    await fillDisk(page, mount, FREE_TARGET_KB);
    await newProjectData(page, 'Big import');
    await chooseCsv(page, 'big.csv', csv(70_000));
    // Refused before writing, in the app's words: what was refused, what was kept, what to do.
    const alert = page.getByRole('alert').filter({ hasText: 'There is not enough free storage to import big.csv' });
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText('everything saved before is kept');
    await expect(alert).toContainText('Free disk space');
    await expect(page.getByRole('alert').filter({ hasText: /QuotaExceededError|bulkAdd|AbortError/ })).toHaveCount(0);
    const idbAfter = run('du', ['-sk', join(mount, 'profile/Default/IndexedDB')]).split('\t')[0];
    console.log(`IndexedDB folder: ${idbBefore} KB before the refused import, ${idbAfter} KB after; ${freeKb(mount)} KB free`);

    // The first project survives a reload on the full disk.
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'First project' })).toBeVisible();

    // Now the browser discards the database (as the issue saw): the backups bring it back.
    await context!.close();
    context = null;
    rmSync(join(mount, 'filler'));
    rmSync(join(mount, 'profile/Default/IndexedDB'), { recursive: true, force: true });
    page = await launch(baseURL!);
    await page.goto('/');
    const offer = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Your projects can be restored' }) });
    await expect(offer).toBeVisible();
    await expect(offer.getByRole('list', { name: 'Projects in the backups' })).toContainText('First project');
    await expect(offer).toContainText('The browser discarded or reset this site’s database');
    await offer.getByRole('button', { name: /^Restore \d projects?$/ }).click();
    await expect(offer).toBeHidden({ timeout: 60_000 });
    await page.getByRole('link', { name: 'First project' }).click();
    await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
    await expect(page.getByRole('heading', { name: 'First 25 of 2,000 rows' })).toBeVisible();
    // The restored database is backed up again (as its own, current one).
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await expect(page.getByRole('link', { name: SAMPLE_NAME, exact: true })).toBeVisible();
    await expect(page.getByText(/^Backups of \d projects are kept outside/)).toBeVisible({ timeout: 60_000 });
    expect(errors.filter((e) => !/Failed to load resource/.test(e)), 'console errors').toEqual([]);
  });

  test('when the browser evicts the whole site on a full disk, the projects come back from the compact copies in localStorage', async ({ baseURL }) => {
    test.setTimeout(420_000);
    let page = await launch(baseURL!);
    await firstProject(page);
    // The sample, trained and deployed, as in the issue: the endpoint answers.
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await openSample(page);
    await deploySampleModel(page);
    const deployedAt = Date.now();
    const predict = (i: number) => callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ texts: Array.from({ length: 20 }, (_, j) => `my invoice was charged twice ${i}-${j} `.repeat(40)) }) });
    expect((await predict(0)).status).toBe(200);
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    // The compact copies hold the first project with its rows, and the sample as deployed (a pass
    // runs a few seconds after a change).
    await expect.poll(async () => (await compactCopies(page))['First project']?.bytes ?? 0, { timeout: 60_000 }).toBeGreaterThan(5_000);
    await expect.poll(async () => (await compactCopies(page))[SAMPLE_NAME]?.at ?? 0, { timeout: 60_000 }).toBeGreaterThan(deployedAt);
    // The person is told the browser has not made storage persistent, what that risks and what protects it.
    const warning = page.getByRole('complementary', { name: 'The browser may clear this site’s data' });
    await expect(warning).toContainText('Compact copies of 2 projects are kept in the browser’s local storage');
    await expect(warning).toContainText('bookmark or install this app');
    const before = folderSizes(mount);

    // Chromium evicts when free space is under 10 % of the disk and a write fails, if the site
    // holds at least half of the shortfall: with 300 KB free on 60 MB, about 3 MB.
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    expect(usage, 'enough stored for Chromium to evict it').toBeGreaterThan(3_000_000);
    await fillDisk(page, mount, FREE_TARGET_KB);
    const statuses: Record<string, number> = {};
    await expect(async () => {
      const status = String(await predict(1).then((r) => r.status, () => 'failed'));
      statuses[status] = (statuses[status] ?? 0) + 1;
      expect(folderSizes(mount).IndexedDB).toBeLessThan(before.IndexedDB / 4);
    }, 'the site is evicted').toPass({ timeout: 120_000, intervals: [0] });
    const after = folderSizes(mount);
    console.log(`Site storage folders (KB) before: ${JSON.stringify(before)}; after eviction: ${JSON.stringify(after)}; endpoint answers: ${JSON.stringify(statuses)}; ${freeKb(mount)} KB free`);
    expect(after['Local Storage']).toBeGreaterThan(0);

    // Space is freed and the app reopened: the projects can be restored from the compact copies.
    await context!.close();
    context = null;
    rmSync(join(mount, 'filler'));
    errors.length = 0;
    page = await launch(baseURL!);
    await page.goto('/');
    const offer = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Your projects can be restored' }) });
    await expect(offer).toBeVisible({ timeout: 30_000 });
    await expect(offer).toContainText('compact copies this app kept in the browser’s local storage');
    await expect(offer.getByRole('list', { name: 'Projects in the backups' })).toContainText('First project');
    await offer.getByRole('button', { name: /^Restore \d projects?$/ }).click();
    await expect(offer).toBeHidden({ timeout: 60_000 });
    await page.getByRole('link', { name: 'First project' }).click();
    await goToStage(page, 'Data');
    await expect(page.getByRole('heading', { name: 'First 25 of 2,000 rows' })).toBeVisible();
    // The trained sample comes back beside the one seeded after the eviction, with its model.
    await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
    await page.getByRole('link', { name: `${SAMPLE_NAME} (imported)`, exact: true }).click();
    await goToStage(page, 'Deploy');
    await expect(page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ })).toBeVisible();
    expect(errors.filter((e) => !/Failed to load resource/.test(e)), 'console errors').toEqual([]);
  });
});
