/**
 * csv.import.100k.mb_per_s and csv.import.100k.longest_main_task_ms — a 100k-row support-ticket
 * CSV (multi-line quoted bodies, ~25 MB) imported through the app's own Data page in Chromium,
 * as a person does it: choose the file, check the data, import. Measured from choosing the file
 * to the "Imported version" message, so it covers parsing, validation, hashing and the
 * IndexedDB write in the data worker, plus the page's own work. Long tasks (> 50 ms) on the
 * main thread are recorded with a PerformanceObserver for the whole import.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defineBenchmark } from '../types';
import { median, summarize } from '../stats';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { toCsv } from '$lib/core/data/csvExport';
import { READY_SCRIPT } from './appReady';

const ROWS = 100_000;

const LONG_TASKS_SCRIPT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* longtask not supported: no entries */ }
})();`;

/**
 * Where an import's wall time went: the page's `import:*` marks (importer.svelte.ts) as ms after
 * the bench started the clock, the gaps between consecutive marks, and the worker's own phases.
 */
interface ImportTimeline {
  marks: Record<string, number>;
  gaps: Record<string, number>;
  worker: Record<string, number>;
}

async function importTimeline(page: Page, startedAt: number): Promise<ImportTimeline> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('mark').filter((m) => m.name.startsWith('import:')).map((m) => ({ name: m.name.slice(7), at: performance.timeOrigin + m.startTime, detail: (m as PerformanceMark).detail as Record<string, number> | null })),
  );
  const marks: Record<string, number> = {};
  const gaps: Record<string, number> = {};
  const worker: Record<string, number> = {};
  let previous = { name: 'clock started', at: startedAt };
  for (const e of entries) {
    marks[e.name] = Math.round(e.at - startedAt);
    gaps[`${previous.name} → ${e.name}`] = Math.round(e.at - previous.at);
    for (const [k, v] of Object.entries(e.detail ?? {})) worker[k] = Math.round(v);
    previous = e;
  }
  return { marks, gaps, worker };
}

async function writeCsv(dir: string): Promise<{ path: string; bytes: number }> {
  const tickets = generateTickets({ count: ROWS, seed: 'bench-csv-import' });
  const text = toCsv(
    ['id', 'subject', 'body', 'label', 'created_at', 'channel', 'tier'],
    tickets.map((t) => [t.id, t.subject, t.body, t.label, t.createdAt, t.channel, t.tier]),
  );
  const path = join(dir, 'tickets-100k.csv');
  await writeFile(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}

export default defineBenchmark({
  id: 'csv.import.100k.mb_per_s',
  figures: ['csv.import.100k.longest_main_task_ms'],
  where: 'browser',
  description: '100k-row CSV (~25 MB, multi-line fields) imported through the Data page: MB/s and longest main-thread task',
  async run(ctx) {
    const file = await writeCsv(await ctx.tempDir('csv'));
    const multiLine = true;
    const browser = await ctx.browser();
    const url = await ctx.appUrl();
    const repetitions = ctx.pick(1, 3);
    const rates: number[] = [];
    const longest: number[] = [];
    const phases: string[] = [];
    const timelines: ImportTimeline[] = [];
    for (let i = 0; i < repetitions; i++) {
      const context = await browser.newContext();
      try {
        await context.addInitScript({ content: READY_SCRIPT });
        await context.addInitScript({ content: LONG_TASKS_SCRIPT });
        const page = await context.newPage();
        page.on('pageerror', (e) => ctx.log(`app page error: ${e.message}`));
        await page.goto(url);
        await page.evaluate(() => (window as unknown as { __appReady: Promise<number> }).__appReady);
        await page.getByLabel('Project name').fill(`Import bench ${i + 1}`);
        await page.getByRole('button', { name: 'Create project' }).click();
        await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
        await page.getByLabel('Choose a CSV file').waitFor();
        await page.evaluate(() => {
          (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
          performance.clearMarks();
        });
        const started = Date.now();
        await page.getByLabel('Choose a CSV file').setInputFiles(file.path);
        await page.getByRole('button', { name: 'Check the data' }).click({ timeout: 600_000 });
        await page.getByRole('button', { name: 'Import as a new version' }).click({ timeout: 600_000 });
        await page.getByText(/^Imported version v1:/).waitFor({ timeout: 600_000 });
        const seconds = (Date.now() - started) / 1000;
        const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
        phases.push((await page.getByText(/^Read in/).textContent()) ?? '');
        timelines.push(await importTimeline(page, started));
        rates.push(file.bytes / 1e6 / seconds);
        longest.push(tasks.length ? Math.max(...tasks) : 0);
        ctx.log(`csv import ${i + 1}/${repetitions}: ${seconds.toFixed(1)} s, ${(file.bytes / 1e6 / seconds).toFixed(1)} MB/s, longest task ${longest.at(-1)!.toFixed(0)} ms`);
      } finally {
        await context.close();
      }
    }
    const env = { rows: ROWS, bytes: file.bytes, multiLineQuotedFields: multiLine, repetitions, phases, timelines, path: 'Data page: choose file → Check the data → Import as a new version' };
    return [
      { id: 'csv.import.100k.mb_per_s', value: median(rates), unit: 'MB/s', better: 'higher', env: { ...env, stats: summarize(rates) } },
      {
        id: 'csv.import.100k.longest_main_task_ms',
        value: median(longest),
        unit: 'ms',
        better: 'lower',
        env: { ...env, note: '0 means no main-thread task over 50 ms (the long-task threshold)', stats: summarize(longest) },
      },
    ];
  },
});
