/**
 * The data worker's Monitor → Data job: reads the window's logged predictions, hashes the newest
 * dataset version's texts, plans the rows (core/loop/collectPlan.ts) and, on confirmation, writes
 * them as one `production` version. The preview writes nothing and is held (`CollectHold`), so
 * the confirmation writes exactly the rows the person was shown without reading the window again
 * (reading 100k logs is most of the work: `loop.collect.100k.ms` in bench/); without a held
 * preview for the same request it plans again. Either way the write refuses when the newest
 * version is not the one previewed. Progress is reported per step and per few thousand logs or
 * rows; a cancel is honoured between them. Plain functions over core and db, so they run in Node
 * tests with fake-indexeddb.
 */
import type { DatasetState } from '$lib/core/data/datasetState';
import { metaColumnsOf } from '$lib/core/data/csvExport';
import { nextMacrotask } from '$lib/core/eventLoop';
import { planCollection, textHash, type CollectPlan } from '$lib/core/loop/collectPlan';
import { describeFilter } from '$lib/core/monitor/predictionFilter';
import type { LifecycleDatabase } from '$lib/db/database';
import { collectableLogs, movedOnMessage, servedVersionNames, writeCollection } from '$lib/db/collect';
import { latestDatasetVersion } from '$lib/db/datasets';
import type { DatasetVersionRecord } from '$lib/db/records';
import type { CollectPreview, DataProgress, DataRequest } from './dataProtocol';
import { withProjectLock } from './projectLock';
import type { RpcContext } from './rpc';

/** Rows hashed between two progress reports (and chances to cancel). */
const HASH_CHUNK = 10_000;

type CollectRequest = Extract<DataRequest, { type: 'collectPreview' | 'collect' }>;

interface Planned {
  parent: DatasetVersionRecord;
  state: DatasetState;
  plan: CollectPlan;
}

async function planWindow(
  db: LifecycleDatabase,
  request: CollectRequest,
  ctx: RpcContext<DataProgress>,
  loadState: (versionId: string) => Promise<DatasetState>,
): Promise<Planned> {
  const started = performance.now();
  const report = (step: string, done: number, total: number, records = 0) => ctx.progress({ phase: 'collect', step, done, total, records, elapsedMs: performance.now() - started });
  const parent = await latestDatasetVersion(db, request.projectId);
  if (!parent) throw new Error('This project has no dataset version yet: import or generate one on the Data page first, then add production data to it.');
  if (request.type === 'collect' && parent.id !== request.versionId) {
    throw new Error(movedOnMessage(request.versionNumber, parent.number));
  }
  report('reading the logged predictions', 0, 1);
  const logs = await collectableLogs(db, request.projectId, request.window, request.filter, (read, total) => {
    report('reading the logged predictions', read, total, read);
    ctx.throwIfCancelled();
  });
  await nextMacrotask();
  ctx.throwIfCancelled();

  const state = await loadState(parent.id);
  const hashes = new Set<string>();
  const keys = new Set<string>();
  for (let i = 0; i < state.rows.length; i += HASH_CHUNK) {
    report(`hashing the texts of v${parent.number}`, i, state.rows.length, i);
    for (const row of state.rows.slice(i, i + HASH_CHUNK)) {
      hashes.add(textHash(row.text));
      keys.add(row.key);
    }
    await nextMacrotask(); // lets a cancel message in
    ctx.throwIfCancelled();
  }

  report('choosing the rows to add', 0, logs.length, logs.length);
  const plan = planCollection({
    logs,
    datasetTextHashes: hashes,
    datasetKeys: keys,
    classes: Object.keys(parent.classBalance).filter((label) => label !== ''),
    metaColumns: metaColumnsOf(state.rows),
    versionNames: await servedVersionNames(db, logs.map((l) => l.modelVersionId)),
    window: request.window,
    filters: describeFilter(request.filter),
  });
  report('choosing the rows to add', logs.length, logs.length, logs.length);
  await nextMacrotask();
  ctx.throwIfCancelled();
  return { parent, state, plan };
}

/** The newest preview, kept until the confirmation that matches it (or the next preview). */
export class CollectHold {
  #held: { key: string; planned: Planned } | null = null;

  static key(request: CollectRequest): string {
    return JSON.stringify([request.projectId, request.filter, request.window]);
  }

  keep(request: CollectRequest, planned: Planned): void {
    this.#held = { key: CollectHold.key(request), planned };
  }

  /** The held plan for this request, on the version it names; it is handed out once. */
  take(request: Extract<DataRequest, { type: 'collect' }>): Planned | null {
    const held = this.#held;
    this.#held = null;
    return held && held.key === CollectHold.key(request) && held.planned.parent.id === request.versionId ? held.planned : null;
  }
}

function previewOf({ parent, plan }: Planned): CollectPreview {
  const { rows: _rows, ...counts } = plan;
  return { ...counts, version: { id: parent.id, number: parent.number } };
}

/** What collecting the window would add, computed without writing anything. */
export async function previewCollection(
  db: LifecycleDatabase,
  request: Extract<DataRequest, { type: 'collectPreview' }>,
  ctx: RpcContext<DataProgress>,
  loadState: (versionId: string) => Promise<DatasetState>,
  hold?: CollectHold,
): Promise<CollectPreview> {
  const planned = await planWindow(db, request, ctx, loadState);
  hold?.keep(request, planned);
  return previewOf(planned);
}

/** Writes the window's rows as a new `production` version on the previewed one, holding the project's lock. */
export async function runCollection(
  db: LifecycleDatabase,
  request: Extract<DataRequest, { type: 'collect' }>,
  ctx: RpcContext<DataProgress>,
  states: { load: (versionId: string) => Promise<DatasetState>; rekey: (oldId: string, newId: string, state: DatasetState) => void; cached?: (versionId: string) => DatasetState | undefined },
  hold?: CollectHold,
): Promise<{ version: DatasetVersionRecord; preview: CollectPreview }> {
  return withProjectLock(request.projectId, async () => {
    const planned = hold?.take(request) ?? (await planWindow(db, request, ctx, states.load));
    const started = performance.now();
    const rows = planned.plan.rows.length;
    // From here the write cannot be cancelled: it commits whole or not at all.
    const report = (done: number) => ctx.progress({ phase: 'write', step: 'writing the new version', done, total: rows, records: done, elapsedMs: performance.now() - started });
    report(0);
    const version = await writeCollection(db, { ...planned, cachedState: states.cached, onProgress: (written) => report(written) });
    states.rekey(planned.parent.id, version.id, planned.state);
    return { version, preview: previewOf(planned) };
  });
}
