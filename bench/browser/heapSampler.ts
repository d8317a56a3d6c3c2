/**
 * The page's and its workers' JS heaps, sampled while a benchmark runs, through the Chrome
 * DevTools Protocol: `Runtime.getHeapUsage` on the page and on every worker it starts (attached
 * with `Target.setAutoAttach`; messages to a worker go through `Target.sendMessageToTarget`, as
 * Playwright's CDP session does not route flat child sessions). `performance.measureUserAgentSpecificMemory`
 * would need a cross-origin-isolated page, which the app is not.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface HeapPeak {
  /** Largest sum of used JS heap over the page and its workers at one sample, in MB (1e6 bytes). */
  peakMb: number;
  /** The page's and each worker's used heap at that sample, MB. */
  atPeak: Record<string, number>;
  samples: number;
}

interface HeapUsage {
  usedSize: number;
}

export async function sampleHeap(page: Page, everyMs = 200): Promise<{ stop(): Promise<HeapPeak> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const workers = new Map<string, string>();
  const pending = new Map<number, (usage: HeapUsage | null) => void>();
  let nextId = 0;
  session.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.url.split('/').pop() ?? 'worker');
  });
  session.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  session.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: HeapUsage };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.result ?? null);
    pending.delete(message.id);
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  const workerHeap = (sessionId: string) =>
    new Promise<HeapUsage | null>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(null));
      setTimeout(() => pending.has(id) && (pending.delete(id), resolve(null)), 5000);
    });

  let peak: HeapPeak = { peakMb: 0, atPeak: {}, samples: 0 };
  let samples = 0;
  const sample = async () => {
    const page = (await session.send('Runtime.getHeapUsage').catch(() => null)) as HeapUsage | null;
    const parts: Record<string, number> = { page: (page?.usedSize ?? 0) / 1e6 };
    await Promise.all([...workers].map(async ([sessionId, name]) => {
      const usage = await workerHeap(sessionId);
      if (usage) parts[`${name} (${sessionId.slice(0, 4)})`] = usage.usedSize / 1e6;
    }));
    samples++;
    const total = Object.values(parts).reduce((a, b) => a + b, 0);
    if (total > peak.peakMb) peak = { peakMb: total, atPeak: parts, samples };
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample();
      await session.detach().catch(() => undefined);
      const round = (x: number) => Math.round(x * 10) / 10;
      return { peakMb: round(peak.peakMb), atPeak: Object.fromEntries(Object.entries(peak.atPeak).map(([k, v]) => [k, round(v)])), samples };
    },
  };
}
