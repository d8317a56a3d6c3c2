import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { ImportJob } from '$lib/workers/importJob';
import type { DataProgress, DataRequest } from '$lib/workers/dataProtocol';
import type { SecondPartMessage } from '$lib/workers/secondPartClient';
import { runSecondPart } from '$lib/workers/secondPartJob';
import { CancelledError } from '$lib/workers/rpc';
import { freshDbsPerTest } from '../db/testDb';
import { testContext } from './rpcContext';
import { messyTicketsCsv } from './messyCsv';

/**
 * The browser's Worker, stood in for on this thread: the second part's job runs here, its
 * messages cross as a worker's do (structured clones, later turns). `failing` makes it fail.
 */
class FakeWorker {
  static failing = false;
  static live = new Set<FakeWorker>();
  onmessage: ((event: { data: SecondPartMessage }) => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  messages = 0;

  constructor() {
    FakeWorker.live.add(this);
  }

  postMessage(data: Parameters<typeof runSecondPart>[0]): void {
    if (FakeWorker.failing) return this.#send({ kind: 'failed' });
    void runSecondPart(data, (message, transfer = []) => this.#send(structuredClone(message, { transfer })));
  }

  #send(message: SecondPartMessage): void {
    setTimeout(() => {
      if (!FakeWorker.live.has(this)) return;
      this.messages++;
      this.onmessage?.({ data: message });
    }, 0);
  }

  terminate(): void {
    FakeWorker.live.delete(this);
  }
}

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let project: ProjectRecord;
const dates = { earliestYear: 1990, now: '2026-12-04T00:00:00.000Z' };
/** ≈ 9 MB: above the size from which a file is read on two threads. */
const big = new Blob([messyTicketsCsv(76_000)]);
const parseRequest = (): Extract<DataRequest, { type: 'parse' }> => ({ type: 'parse', file: big, fileName: 'big.csv', delimiter: 'auto', encoding: 'auto', dates });

/** Parses, checks and commits the big file with the defaults: what the person sees, and the version's content hash. */
async function importBig(progress: DataProgress[] = []) {
  const job = new ImportJob(db);
  const ctx = testContext();
  ctx.progress = (p) => progress.push(p);
  const { parseMs, openedMs, ...parsed } = await job.parse(parseRequest(), ctx);
  const { validateMs, ...report } = await job.validate({ type: 'validate', mapping: parsed.suggested, dates });
  const committed = await job.commit({ type: 'commit', projectId: project.id, decisions: {}, message: '' }, testContext());
  return { parsed, report, contentHash: committed.version.contentHash, kept: committed.kept, excluded: committed.excluded, timings: [parseMs, openedMs, validateMs] };
}

describe('the split read in the data worker', { timeout: 180_000 }, () => {
  let oneThread: Awaited<ReturnType<typeof importBig>>;

  beforeEach(async () => {
    db = open();
    project = await createProject(db, { name: 'Big' });
    FakeWorker.failing = false;
    // Node has no Worker: the one-thread read first, then the fake one from here on.
    if (!oneThread) oneThread = await importBig();
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    delete (globalThis as { Worker?: unknown }).Worker;
  });

  it('reads a big file on two threads to the same answer, report and version as on one, its progress only going forward', async () => {
    expect(big.size).toBeGreaterThan(8 * 1024 * 1024);
    expect(oneThread.parsed.threads).toBe(1);
    const progress: DataProgress[] = [];
    const twoThreads = await importBig(progress);
    expect(twoThreads.parsed.threads).toBe(2);
    expect({ ...twoThreads, parsed: { ...twoThreads.parsed, threads: 1 }, timings: [] }).toEqual({ ...oneThread, timings: [] });
    const done = progress.filter((p) => p.phase === 'parse').map((p) => p.done);
    expect(done.length).toBeGreaterThan(3);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(FakeWorker.live.size).toBe(0);
  });

  it('reads on alone when the second worker fails, to the same answer', async () => {
    FakeWorker.failing = true;
    const alone = await importBig();
    expect(alone.parsed.threads).toBe(1);
    expect({ ...alone, timings: [] }).toEqual({ ...oneThread, timings: [] });
    expect(FakeWorker.live.size).toBe(0);
  });

  it('a cancel during the read ends the second worker and keeps nothing', async () => {
    const job = new ImportJob(db);
    const ctx = testContext();
    ctx.progress = () => {
      // Once the second worker has sent something: it is reading.
      if ([...FakeWorker.live].some((w) => w.messages > 0)) ctx.cancel();
    };
    await expect(job.parse(parseRequest(), ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(FakeWorker.live.size).toBe(0);
    expect(job.step).toBe('idle');
  });
});
