/**
 * The bench page: runs the app's own database code in Chromium for the browser benchmarks.
 * Built by `vite build --config bench/vite.config.ts` into bench/dist; never part of the app.
 */
import Dexie from 'dexie';
import { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { countRows, createDatasetVersion, loadDatasetState, prepareDatasetVersion, writeDatasetVersion, type NewRow } from '$lib/db/datasets';
import { ticketToRow } from '$lib/db/sampleProject';
import { readRowBlocks } from '$lib/db/rowBlocks';
import { generateTickets } from '$lib/core/scenarios/tickets';
import type { PlainImportResult } from './plainImport.worker';
import type { BenchPageApi, DbWriteResult, DriftBenchResult, LoopCollectResult, RowsInfo } from './pageApi';
import { CollectHold, previewCollection, runCollection } from '$lib/workers/collectJob';
import type { DataProgress } from '$lib/workers/dataProtocol';
import type { RpcContext } from '$lib/workers/rpc';
import { startBackend } from '$lib/workers/tfBackend';
import { queryPredictions, recordPredictions } from '$lib/db/monitoring';
import { ANY_PREDICTION, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import { loggedText } from '$lib/core/monitor/logSettings';
import { tensorGrowth, ticketRows, trainTask } from '../trainTask';
import { retrainBench } from './retrainTask';
import { kernelBench } from './kernelTask';
import { prepareTrainRun, trainRunBench } from './trainRunTask';
import { trainTrace } from './trainTraceTask';
import type { BackendPreference } from '$lib/workers/computeProtocol';

const SEED = 'bench-db-write';

/** The backend the app asks for by default, which the training figures use: the measured choice. */
const APP_DEFAULT_BACKEND: BackendPreference = 'auto';
const rowCache = new Map<number, NewRow[]>();
let databases = 0;

function rows(n: number): RowsInfo {
  const start = performance.now();
  const generated = generateTickets({ seed: SEED, count: n }).map(ticketToRow);
  const generateMs = performance.now() - start;
  rowCache.set(n, generated);
  return { count: generated.length, generateMs, textChars: generated.reduce((s, r) => s + r.text.length, 0) };
}

async function dbWrite(n: number): Promise<DbWriteResult> {
  if (!rowCache.has(n)) rows(n);
  const data = rowCache.get(n)!;
  const db = new LifecycleDatabase(`lifecycle-lab-bench-${Date.now()}-${databases++}`);
  try {
    await db.open();
    const project = await createProject(db, { name: `Bench ${n} rows` });
    const t0 = performance.now();
    const prepared = await prepareDatasetVersion({
      projectId: project.id,
      source: { name: 'bench:generator', seed: SEED },
      message: `${n} generated tickets`,
      schema: [
        { name: 'id', type: 'id' },
        { name: 'text', type: 'text' },
        { name: 'label', type: 'label' },
      ],
      rows: data,
    });
    const t1 = performance.now();
    const version = await writeDatasetVersion(db, prepared);
    const t2 = performance.now();
    const stored = await countRows(db, version.id);
    if (stored !== n) throw new Error(`stored ${stored} rows, expected ${n}`);
    const t3 = performance.now();
    const blocks = await readRowBlocks(db, [version.id]);
    const t4 = performance.now();
    const state = await loadDatasetState(db, version.id);
    const readMs = performance.now() - t4;
    if (blocks.get(version.id)?.length !== n || state.size !== n) throw new Error(`read ${state.size} rows, expected ${n}`);
    return { rows: stored, hashMs: t1 - t0, writeMs: t2 - t1, totalMs: t2 - t0, readMs, blocksMs: t4 - t3 };
  } finally {
    await db.delete().catch(() => undefined);
  }
}

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return false;
  collect();
  return true;
}

const api: BenchPageApi = {
  info: () => ({
    dexie: Dexie.semVer,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    appVersion: __APP_VERSION__,
  }),
  rows,
  dbWrite,
  gc,
  startTf: (forced) => startBackend(forced ?? APP_DEFAULT_BACKEND),
  prepareTrainRun,
  trainRun: (id, forced, params) => trainRunBench(id, forced ?? APP_DEFAULT_BACKEND, params),
  trainTrace: (n, forced) => trainTrace(n, forced ?? APP_DEFAULT_BACKEND),
  retrain: retrainBench,
  kernel: kernelBench,
  async logWrite(n, batch, texts = 'none') {
    const db = new LifecycleDatabase(`lifecycle-lab-bench-logs-${Date.now()}`);
    try {
      await db.open();
      const labels = ['Billing', 'Technical Issue', 'General Inquiry'];
      const base = Date.now() - n * 100;
      // Seeded tickets as the requests' texts (untimed); each is made the stored text in the timed
      // loop, as the endpoint does per answer (core/monitor/logSettings.ts `loggedText`).
      const sent = texts === 'none' ? [] : generateTickets({ seed: SEED, count: n }).map((t) => ticketToRow(t).text);
      const logs = Array.from({ length: n }, (_, i) => ({
        projectId: 'bench', deploymentId: 'd', modelVersionId: 'v', at: new Date(base + i * 100).toISOString(), inputHash: 'h' + i, inputLength: sent[i]?.length ?? 120,
        label: labels[i % 3], confidence: 0.9, latencyMs: 0.4, status: 200, route: 'champion' as const,
      }));
      const settings = { maskPii: texts === 'masked' };
      const t0 = performance.now();
      for (let i = 0; i < n; i += batch) {
        const part = logs.slice(i, i + batch);
        await recordPredictions(db, texts === 'none' ? part : part.map((log, j) => ({ ...log, text: loggedText(sent[i + j], settings) })));
      }
      const ms = performance.now() - t0;
      return { logs: n, ms, perSecond: (n / ms) * 1000, textChars: sent.reduce((s, t) => s + t.length, 0) };
    } finally {
      await db.delete().catch(() => undefined);
    }
  },
  async logQuery(n, repetitions) {
    const db = new LifecycleDatabase(`lifecycle-lab-bench-log-query-${Date.now()}`);
    try {
      await db.open();
      const labels = ['Billing', 'Technical Issue', 'General Inquiry'];
      const texts = generateTickets({ seed: SEED, count: 2_000 }).map((t) => ticketToRow(t).text);
      const now = Date.now();
      // n logs over the last 6 days (untimed), written in large batches through the endpoint's db function.
      for (let i = 0; i < n; i += 5_000) {
        await recordPredictions(db, Array.from({ length: Math.min(5_000, n - i) }, (_, j) => {
          const k = i + j;
          return { projectId: 'bench', deploymentId: 'd', modelVersionId: 'v', at: new Date(now - (n - k) * Math.floor(518_400_000 / n)).toISOString(), inputHash: 'h' + k,
            label: labels[k % 3], confidence: (k % 100) / 100, latencyMs: 0.4, status: 200, route: 'champion' as const, text: texts[k % texts.length], ...(k % 7 === 0 ? { outcome: labels[k % 3] } : {}) };
        }));
      }
      const page = { offset: 0, limit: 50 };
      const timed = async (filter: PredictionFilter) => {
        const samples: number[] = [];
        for (let r = 0; r < repetitions; r++) {
          const t0 = performance.now();
          await queryPredictions(db, 'bench', filter, Date.now(), page);
          samples.push(performance.now() - t0);
        }
        return samples;
      };
      return {
        firstPage: await timed({ ...ANY_PREDICTION, window: '7d' }),
        filtered: await timed({ ...ANY_PREDICTION, window: '7d', label: 'Billing', band: 'high', hasOutcome: false }),
        rareSearch: await timed({ ...ANY_PREDICTION, window: '7d', search: 'no ticket says this' }),
      };
    } finally {
      await db.delete().catch(() => undefined);
    }
  },
  async loopCollect(n) {
    const db = new LifecycleDatabase(`lifecycle-lab-bench-collect-${Date.now()}-${databases++}`);
    try {
      await db.open();
      const project = await createProject(db, { name: 'Bench collect' });
      const dataset = await createDatasetVersion(db, {
        projectId: project.id, source: { name: 'bench:generator', seed: SEED }, message: '1,000 tickets',
        schema: [{ name: 'id', type: 'id' }, { name: 'subject', type: 'text' }, { name: 'body', type: 'text' }, { name: 'label', type: 'label' }],
        rows: generateTickets({ seed: SEED, count: 1_000 }).map(ticketToRow),
      });
      const labels = ['Billing', 'Technical Issue', 'General Inquiry'];
      const tickets = generateTickets({ seed: 'bench-collect', count: n });
      const now = Date.now();
      // n served answers over the last 6 days (untimed): one in 7 with feedback, one in 11 labelled in the app.
      for (let i = 0; i < n; i += 5_000) {
        await recordPredictions(db, tickets.slice(i, i + 5_000).map((t, j) => {
          const k = i + j;
          const outcome = k % 7 === 0 ? { outcome: t.label, outcomeSource: 'feedback' as const } : k % 11 === 0 ? { outcome: t.label, outcomeSource: 'app' as const } : {};
          return { projectId: project.id, deploymentId: 'd', modelVersionId: 'v', at: new Date(now - (n - k) * Math.floor(518_400_000 / n)).toISOString(), inputHash: 'h' + k,
            predictionId: `pred-${k}`, label: labels[k % 3], confidence: (k % 100) / 100, latencyMs: 0.4, status: 200, route: 'champion' as const,
            text: ticketToRow(t).text, fields: { subject: t.subject, body: t.body }, ...outcome };
        }));
      }
      // Where the time goes: ms from the start of each job to the first report of each step.
      const steps: Record<string, number> = {};
      let started = 0;
      let prefix = '';
      const ctx: RpcContext<DataProgress> = {
        progress: (p) => void (steps[`${prefix}${p.step ?? p.phase}`] ??= Math.round(performance.now() - started)),
        cancelled: false,
        throwIfCancelled: () => undefined,
      };
      const window = { from: new Date(now - 7 * 86_400_000).toISOString(), to: new Date(now + 1).toISOString() };
      const base = { projectId: project.id, filter: { ...ANY_PREDICTION, window: '7d' as const }, window };
      const load = (id: string) => loadDatasetState(db, id);
      const hold = new CollectHold(); // as the data worker does: the confirmation writes the held preview
      const t0 = (started = performance.now());
      prefix = 'preview: ';
      const preview = await previewCollection(db, { type: 'collectPreview', ...base }, ctx, load, hold);
      const t1 = (started = performance.now());
      prefix = 'collect: ';
      const { version } = await runCollection(db, { type: 'collect', ...base, versionId: dataset.id, versionNumber: dataset.number }, ctx, { load, rekey: () => undefined }, hold);
      const t2 = performance.now();
      const added = version.production?.added ?? 0;
      if (added !== preview.lineage.added || (await countRows(db, version.id)) !== added) throw new Error(`collected ${added} rows, the preview said ${preview.lineage.added}`);
      const result: LoopCollectResult = { previewMs: t1 - t0, collectMs: t2 - t1, matched: preview.lineage.matched, added, skippedDuplicates: preview.lineage.skippedDuplicates, steps };
      return result;
    } finally {
      await db.delete().catch(() => undefined);
    }
  },
  async train(n, family, seed = 'bench-train') {
    await startBackend(APP_DEFAULT_BACKEND);
    return trainTask(ticketRows(n, seed), family);
  },
  driftReport(rows, repetitions, warmup) {
    const worker = new Worker(new URL('./drift.worker.ts', import.meta.url), { type: 'module', name: 'drift-bench' });
    return new Promise<DriftBenchResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<{ ok: true; result: DriftBenchResult } | { ok: false; message: string }>) => {
        worker.terminate();
        if (event.data.ok) resolve(event.data.result);
        else reject(new Error(event.data.message));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || 'the drift bench worker failed'));
      };
      worker.postMessage({ rows, repetitions, warmup });
    });
  },
  plainImport() {
    const file = (document.getElementById('plain-file') as HTMLInputElement).files?.[0];
    if (!file) return Promise.reject(new Error('no file chosen in the input of the plain import'));
    const worker = new Worker(new URL('./plainImport.worker.ts', import.meta.url), { type: 'module', name: 'plain-import' });
    return new Promise((resolve, reject) => {
      let sent = 0;
      worker.onmessage = (event: MessageEvent<{ ready: true } | { ok: true; result: PlainImportResult } | { ok: false; message: string }>) => {
        const answer = event.data;
        if ('ready' in answer) {
          sent = performance.now();
          worker.postMessage(file);
          return;
        }
        worker.terminate();
        if (answer.ok) resolve({ ...answer.result, pageMs: performance.now() - sent });
        else reject(new Error(answer.message));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message || 'the plain import worker failed'));
      };
    });
  },
  async tensorGrowth(cycles) {
    await startBackend(APP_DEFAULT_BACKEND);
    return tensorGrowth(cycles);
  },
};

window.__bench = api;
window.__benchReady = true;
document.getElementById('status')!.textContent = 'Bench page ready.';
