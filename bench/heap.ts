/**
 * Peak JavaScript heap of a bench page and its workers while something runs (`peak_heap_mb`).
 *
 * Sampled from outside through the Chrome DevTools Protocol, so the page needs no cross-origin
 * isolation (which `performance.measureUserAgentSpecificMemory` would): each round reads
 * `Runtime.getHeapUsage().usedSize` of the page's main thread and of every dedicated worker
 * attached to it. A round is answered between the target's tasks, so a long synchronous task
 * delays the samples; what a round reports is still the heap at that moment.
 */
import type { CDPSession, Page } from '@playwright/test';

/** One sampling round: ms since sampling started, used heap bytes per target (page, workers). */
export interface HeapRound {
  atMs: number;
  usedBytes: Record<string, number>;
}

export interface HeapSummary {
  /** The largest total over targets of one round, MiB (1 MiB = 2^20 bytes). */
  peakMb: number;
  /** Total at the first and last round, MiB. */
  startMb: number;
  endMb: number;
  /** Largest single target's share at the peak round, by target. */
  peakByTargetMb: Record<string, number>;
  rounds: number;
}

const MIB = 2 ** 20;
const mb = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;
const total = (round: HeapRound) => Object.values(round.usedBytes).reduce((sum, b) => sum + b, 0);

/** Peak, start and end of the summed heap over the rounds (targets that come and go count while present). */
export function summarizeHeap(rounds: readonly HeapRound[]): HeapSummary {
  if (rounds.length === 0) return { peakMb: NaN, startMb: NaN, endMb: NaN, peakByTargetMb: {}, rounds: 0 };
  let peak = rounds[0];
  for (const round of rounds) if (total(round) > total(peak)) peak = round;
  return {
    peakMb: mb(total(peak)),
    startMb: mb(total(rounds[0])),
    endMb: mb(total(rounds.at(-1)!)),
    peakByTargetMb: Object.fromEntries(Object.entries(peak.usedBytes).map(([target, bytes]) => [target, mb(bytes)])),
    rounds: rounds.length,
  };
}

export interface HeapSampler {
  /** Stops sampling after one last round and summarizes. */
  stop(): Promise<HeapSummary>;
}

/**
 * Starts sampling `page` (and the workers it starts or has) every `everyMs`. Workers are reached
 * through the page's CDP session with non-flattened auto-attach: their messages travel inside
 * `Target.sendMessageToTarget`, the one way a Playwright CDP session can talk to a child target.
 */
export async function sampleHeap(page: Page, everyMs = 200): Promise<HeapSampler> {
  const session = await page.context().newCDPSession(page);
  const workers = new WorkerChannels(session);
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const started = performance.now();
  const rounds: HeapRound[] = [];
  const sampleRound = async () => {
    const usedBytes: Record<string, number> = {};
    const page = await session.send('Runtime.getHeapUsage').catch(() => null);
    if (page) usedBytes.page = page.usedSize;
    for (const [name, used] of await workers.heapUsage()) usedBytes[name] = used;
    rounds.push({ atMs: performance.now() - started, usedBytes });
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await sampleRound();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await sampleRound();
      await session.detach().catch(() => undefined);
      return summarizeHeap(rounds);
    },
  };
}

/** Workers attached to a page's CDP session, each asked for its heap through `Target.sendMessageToTarget`. */
export class WorkerChannels {
  private readonly workers = new Map<string, string>(); // sessionId → worker name
  private readonly pending = new Map<number, (result: Record<string, unknown> | null) => void>();
  private nextId = 1;

  constructor(private readonly session: CDPSession) {
    session.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') this.workers.set(event.sessionId, `worker ${event.targetInfo.title || event.targetInfo.url}`);
    });
    session.on('Target.detachedFromTarget', (event) => void this.workers.delete(event.sessionId ?? ''));
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
      const resolve = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!resolve) return;
      this.pending.delete(message.id!);
      resolve(message.result ?? null);
    });
  }

  /** The attached workers: CDP session id → name. */
  get names(): ReadonlyMap<string, string> {
    return this.workers;
  }

  /** Sends a CDP command to one worker; its result, or null when none comes within `timeoutMs`. */
  async send(sessionId: string, method: string, params: Record<string, unknown> = {}, timeoutMs = 1_000): Promise<Record<string, unknown> | null> {
    const id = this.nextId++;
    const answer = new Promise<Record<string, unknown> | null>((resolve) => {
      this.pending.set(id, resolve);
      setTimeout(() => this.pending.delete(id) && resolve(null), timeoutMs);
    });
    await this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => undefined);
    return answer;
  }

  /** [worker name, used bytes] for every worker that answers within a second. */
  async heapUsage(): Promise<[string, number][]> {
    const asked = [...this.workers].map(async ([sessionId, name]): Promise<[string, number] | null> => {
      const used = (await this.send(sessionId, 'Runtime.getHeapUsage'))?.usedSize;
      return typeof used === 'number' ? [`${name} (${sessionId.slice(0, 8)})`, used] : null;
    });
    return (await Promise.all(asked)).filter((x): x is [string, number] => x !== null);
  }
}
