/**
 * csv.import.100k.mb_per_s and csv.import.100k.longest_main_task_ms — a 100k-row support-ticket
 * CSV (multi-line quoted bodies, ~25 MB) imported through the app's own Data page in Chromium,
 * as a person does it: choose the file, check the data, import. Measured from choosing the file
 * to the "Imported version" message, so it covers parsing, validation, hashing and the
 * IndexedDB write in the data worker, plus the page's own work. Long tasks (> 50 ms) on the
 * main thread are recorded with a PerformanceObserver for the whole import.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { launchOptions } from '../../scripts/chromium';
import { defineBenchmark, type BenchContext } from '../types';
import { median, summarize } from '../stats';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { toCsv } from '$lib/core/data/csvExport';
import { READY_SCRIPT } from './appReady';
import { WorkerChannels, sampleHeap, type HeapSummary } from '../heap';
import { importPeerFigures } from './importPeers';

const ROWS = 100_000;

const LONG_TASKS_SCRIPT = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* longtask not supported: no entries */ }
})();`;

/**
 * Where an import's wall time went: the page's `import:*` marks (importer.svelte.ts) as ms after
 * the bench started the clock, the gaps between consecutive marks, and the worker's own phases.
 */
export interface ImportTimeline {
  marks: Record<string, number>;
  gaps: Record<string, number>;
  worker: Record<string, number>;
  /** Main-thread tasks over 50 ms: when (ms after the clock started), how long, after which mark. */
  longTasks: { at: number; ms: number; after: string }[];
}

interface LongTask {
  at: number;
  ms: number;
}

async function importTimeline(page: Page, startedAt: number, tasks: readonly LongTask[]): Promise<ImportTimeline> {
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
  const after = (at: number) => entries.filter((e) => e.at <= at).at(-1)?.name ?? 'clock started';
  const longTasks = tasks.map((t) => ({ at: Math.round(t.at - startedAt), ms: Math.round(t.ms), after: after(t.at) }));
  return { marks, gaps, worker, longTasks };
}

const SLICE = 100_000;

/**
 * `rows` generated tickets as CSV, written in slices of 100k so a million never sit in memory:
 * the first slice is the 100k file; later ones use their own seed and prefix their ids.
 */
export async function writeTicketsCsv(dir: string, rows: number, name: string): Promise<{ path: string; bytes: number }> {
  const path = join(dir, name);
  const out = await open(path, 'w');
  let bytes = 0;
  try {
    for (let slice = 0; slice * SLICE < rows; slice++) {
      const tickets = generateTickets({ count: Math.min(SLICE, rows - slice * SLICE), seed: slice === 0 ? 'bench-csv-import' : `bench-csv-import-${slice}` });
      const id = (t: { id: string }) => (slice === 0 ? t.id : `${slice}-${t.id}`);
      let text = toCsv(
        ['id', 'subject', 'body', 'label', 'created_at', 'channel', 'tier'],
        tickets.map((t) => [id(t), t.subject, t.body, t.label, t.createdAt, t.channel, t.tier]),
      );
      // toCsv ends every record with CRLF: later slices only drop their header line.
      if (slice > 0) text = text.slice(text.indexOf('\n') + 1);
      await out.write(text);
      bytes += Buffer.byteLength(text);
    }
  } finally {
    await out.close();
  }
  return { path, bytes };
}

/**
 * The generated file of `rows` tickets, made once and kept in the system's temp directory: a
 * million takes minutes to generate, which `--quick` runs cannot spend each time. The name holds
 * the row count and a digest of the generator's and the CSV writer's source, so a change to
 * either makes a new file; it is renamed into place only when complete.
 */
export async function cachedTicketsCsv(rows: number): Promise<{ path: string; bytes: number; cached: boolean }> {
  const sources = await Promise.all(['../../src/lib/core/scenarios/tickets.ts', '../../src/lib/core/data/csvExport.ts'].map((f) => readFile(new URL(f, import.meta.url), 'utf8')));
  const digest = createHash('sha256').update(sources.join('\0')).digest('hex').slice(0, 12);
  const name = `lifecycle-lab-bench-tickets-${rows}-${digest}.csv`;
  const path = join(tmpdir(), name);
  const existing = await stat(path).catch(() => null);
  if (existing?.isFile()) return { path, bytes: existing.size, cached: true };
  const written = await writeTicketsCsv(tmpdir(), rows, `${name}.${process.pid}.partial`);
  await rename(written.path, path);
  return { path, bytes: written.bytes, cached: false };
}

/**
 * CPU profiles of the page's main thread and of its workers (the data worker does the import)
 * during the import, written to the directory named by BENCH_PROFILE_DIR (open them in Chrome
 * DevTools): where the time goes on either side. Off unless asked for, since profiling slows
 * the page.
 */
async function profileImport(page: Page): Promise<{ stop(ctx: BenchContext, name: string): Promise<void> }> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return { stop: async () => undefined };
  const session = await page.context().newCDPSession(page);
  const workers = new WorkerChannels(session);
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await session.send('Profiler.enable');
  await session.send('Profiler.start');
  for (const sessionId of workers.names.keys()) {
    await workers.send(sessionId, 'Profiler.enable');
    await workers.send(sessionId, 'Profiler.start');
  }
  return {
    async stop(ctx, name) {
      const write = async (target: string, profile: unknown) => {
        const path = join(dir, `${name.replace(/\W+/g, '-')}-${target.replace(/\W+/g, '-')}.cpuprofile`);
        await writeFile(path, JSON.stringify(profile));
        ctx.log(`CPU profile of the ${target}: ${path}`);
      };
      await write('main', (await session.send('Profiler.stop')).profile);
      for (const [sessionId, worker] of workers.names) {
        const stopped = await workers.send(sessionId, 'Profiler.stop', {}, 30_000);
        if (stopped?.profile) await write(worker, stopped.profile);
      }
      await session.detach();
    },
  };
}

/**
 * Clicks the button labelled `label` as soon as the import's `step` is on screen: the page's
 * `import:shown-<step>` mark, observed as it is made (a PerformanceObserver), then the button
 * clicked from inside the page, as a person's click reaches it (a click event on the button).
 * Not Playwright's click: its actionability checks (locate, scroll, two animation frames of
 * stability, hit test) and round trips took 0.12–0.25 s per step after the step was on screen,
 * time that is the harness's, not the app's. Not a poll either: a click alone polls for a
 * missing button with back-off (up to 500 ms), and polling every animation frame kept the page
 * drawing 60 frames a second through the read, so the software-rendering GPU process took a
 * core from the import on a 2-core machine.
 */
async function clickWhenShown(page: Page, step: string, label: string): Promise<void> {
  await page.evaluate(
    ([mark, name]) =>
      new Promise<void>((resolve, reject) => {
        // Buffered: a mark made before the observer is delivered too. (No named closures here:
        // tsx's keepNames would wrap them in a helper the page does not have.)
        new PerformanceObserver((list, observer) => {
          if (list.getEntriesByName(mark, 'mark').length === 0) return;
          observer.disconnect();
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);
          if (!button || button.disabled) return reject(new Error(`no enabled "${name}" button when ${mark} was made`));
          button.click();
          resolve();
        }).observe({ type: 'mark', buffered: true });
      }),
    [`import:shown-${step}`, label],
  );
}

/**
 * The detail of the User Timing mark `name` once the page has made it (made before the call
 * counts too), seen by a PerformanceObserver in the page; rejects after `timeoutMs`.
 */
async function markMade(page: Page, name: string, timeoutMs: number): Promise<unknown> {
  return page.evaluate(
    ([mark, ms]) =>
      new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error(`the page made no ${mark} mark within ${ms / 1000} s`)), ms);
        new PerformanceObserver((list, observer) => {
          const made = list.getEntriesByName(mark, 'mark')[0] as PerformanceMark | undefined;
          if (!made) return;
          observer.disconnect();
          resolve(made.detail);
        }).observe({ type: 'mark', buffered: true });
      }),
    [name, timeoutMs] as const,
  );
}

/**
 * One import of `file` through the Data page of a fresh browser with an on-disk profile, as a
 * person's is: an off-the-record context keeps IndexedDB and OPFS in memory, where the room
 * probe's 32 MB write took 1.1–2.2 s of a core beside the read (≈ 0.2 s on disk).
 */
export interface DataPageImport {
  /** From the page receiving the file (its `import:chosen` mark) to the import shown done (`import:shown-done`). */
  seconds: number;
  /** The same from before Playwright's setInputFiles to its seeing the done message (harness time included). */
  wallSeconds: number;
  longestTaskMs: number;
  phases: string;
  timeline: ImportTimeline;
  heap: HeapSummary;
  /** How long the data worker's rehearsal took before the file was chosen. */
  warmUpMs: number;
}

export async function importThroughDataPage(ctx: BenchContext, file: { path: string; bytes: number }, name: string): Promise<DataPageImport> {
  const url = await ctx.appUrl();
  const options = launchOptions();
  const context = await chromium.launchPersistentContext(await ctx.tempDir(name.replace(/\W+/g, '-')), { ...options, headless: true });
  try {
    await context.addInitScript({ content: READY_SCRIPT });
    await context.addInitScript({ content: LONG_TASKS_SCRIPT });
    const page = await context.newPage();
    page.on('pageerror', (e) => ctx.log(`app page error: ${e.message}`));
    await page.goto(url);
    await page.evaluate(() => (window as unknown as { __appReady: Promise<number> }).__appReady);
    await page.getByLabel('Project name').fill(name);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
    await page.getByLabel('Choose a CSV file').waitFor();
    // A person takes longer to find a file than the data worker takes to rehearse an import
    // (importRehearsal.ts, ≈ 1 s on this machine): the file is chosen once it has.
    const warmUpMs = ((await markMade(page, 'import:warmed', 30_000)) as { warmUpMs: number }).warmUpMs;
    await page.evaluate(() => {
      (window as unknown as { __longTasks: LongTask[] }).__longTasks.length = 0;
      performance.clearMarks();
    });
    const heap = await sampleHeap(page);
    const profile = await profileImport(page);
    const started = Date.now();
    try {
      await page.getByLabel('Choose a CSV file').setInputFiles(file.path);
      await clickWhenShown(page, 'mapping', 'Check the data');
      await clickWhenShown(page, 'report', 'Import as a new version');
      // Waited for as a mark, not by Playwright polling the page: its polls (a text search over
      // the page, and the layout its visibility check forces) ran as 50–100 ms tasks of the
      // page's own thread, counted as the app's long tasks.
      await markMade(page, 'import:shown-done', 1_800_000);
    } catch (error) {
      // The sampler's loop would keep the bench alive after the browser is gone.
      await heap.stop().catch(() => undefined);
      throw error;
    }
    const wallSeconds = (Date.now() - started) / 1000;
    await page.getByText(/^Imported version v1:/).waitFor({ timeout: 5_000 });
    const peak = await heap.stop();
    await profile.stop(ctx, name);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: LongTask[] }).__longTasks.slice());
    const timeline = await importTimeline(page, started, tasks);
    const { chosen, 'shown-done': done } = timeline.marks;
    if (chosen === undefined || done === undefined) throw new Error('csv import: the page made no import:chosen or import:shown-done mark');
    return {
      seconds: (done - chosen) / 1000,
      wallSeconds,
      longestTaskMs: tasks.length ? Math.max(...tasks.map((t) => t.ms)) : 0,
      phases: (await page.getByText(/^Read in/).textContent())?.replace(/\s+/g, ' ') ?? '',
      timeline,
      heap: peak,
      warmUpMs,
    };
  } finally {
    await context.close();
  }
}

export const IMPORT_PATH = 'Data page: choose file → Check the data → Import as a new version';

export default defineBenchmark({
  id: 'csv.import.100k.mb_per_s',
  figures: ['csv.import.100k.longest_main_task_ms', 'csv.import.100k.peak_heap_mb', 'peer.browser.csv.100k.mb_per_s', 'csv.import.100k.vs_browser_peer', 'peer.python.csv.100k.mb_per_s'],
  where: 'browser',
  description: '100k-row CSV (~25 MB, multi-line fields) imported through the Data page: MB/s, longest main-thread task, peak JS heap (page + workers); beside it a plain browser import and Python reading the same file',
  async run(ctx) {
    const file = await cachedTicketsCsv(ROWS);
    const repetitions = ctx.pick(1, 3);
    const runs: DataPageImport[] = [];
    for (let i = 0; i < repetitions; i++) {
      const run = await importThroughDataPage(ctx, file, `Import bench ${i + 1}`);
      runs.push(run);
      ctx.log(`csv import ${i + 1}/${repetitions}: ${run.seconds.toFixed(1)} s, ${(file.bytes / 1e6 / run.seconds).toFixed(1)} MB/s, longest task ${run.longestTaskMs.toFixed(0)} ms, peak heap ${run.heap.peakMb} MB`);
    }
    const rates = runs.map((r) => file.bytes / 1e6 / r.seconds);
    const longest = runs.map((r) => r.longestTaskMs);
    const heaps = runs.map((r) => r.heap.peakMb);
    const env = {
      rows: ROWS, bytes: file.bytes, multiLineQuotedFields: true, repetitions, path: IMPORT_PATH,
      wallSeconds: runs.map((r) => r.wallSeconds), warmUpMs: runs.map((r) => Math.round(r.warmUpMs)), phases: runs.map((r) => r.phases), timelines: runs.map((r) => r.timeline), heaps: runs.map((r) => r.heap),
    };
    return [
      { id: 'csv.import.100k.mb_per_s', value: median(rates), unit: 'MB/s', better: 'higher', env: { ...env, stats: summarize(rates) } },
      {
        id: 'csv.import.100k.longest_main_task_ms',
        value: median(longest),
        unit: 'ms',
        better: 'lower',
        env: { ...env, note: '0 means no main-thread task over 50 ms (the long-task threshold)', stats: summarize(longest) },
      },
      { id: 'csv.import.100k.peak_heap_mb', value: median(heaps), unit: 'MiB', better: 'lower', env: { ...env, note: 'used JS heap, page + workers, CDP Runtime.getHeapUsage every 200 ms (bench/heap.ts)', stats: summarize(heaps) } },
      ...(await importPeerFigures(ctx, file, ROWS, repetitions, runs.map((r) => r.seconds))),
    ];
  },
});
