import { generateTickets } from '$lib/core/scenarios/tickets';
import { dataCall } from '$lib/workers/dataClient';
import { listDatasetVersions } from '$lib/db';
import { db } from './database.svelte';
import { endpoint } from './endpoint';
import { nowMs } from '$lib/clock';

export type TrafficSource = 'test' | 'validation' | 'generated';

/**
 * Replays tickets against the endpoint at a chosen rate, as a client application would: from a
 * split of the newest dataset version, or freshly generated tickets. One request at a time per
 * tick; Stop ends it between requests.
 */
export class TrafficReplay {
  running = $state(false);
  sent = $state(0);
  total = $state(0);
  failed = $state(0);
  meanMs = $state(0);
  message = $state<string | null>(null);
  #stop = false;

  async texts(projectId: string, source: TrafficSource, count: number): Promise<string[]> {
    if (source === 'generated') return generateTickets({ count, seed: `stream-${nowMs()}` }).map((t) => `${t.subject}\n\n${t.body}`);
    const [head] = await listDatasetVersions(db, projectId);
    if (!head) throw new Error('This project has no data to replay.');
    if (!head.split) throw new Error(`Dataset v${head.number} is not split, so it has no ${source} split.`);
    const page = await dataCall({ type: 'query', query: { versionId: head.id, split: source, offset: 0, limit: count } }).result;
    return page.rows.map((r) => r.text);
  }

  async start(projectId: string, source: TrafficSource, count: number, perSecond: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.#stop = false;
    this.sent = 0;
    this.failed = 0;
    this.meanMs = 0;
    this.message = null;
    try {
      const texts = await this.texts(projectId, source, count);
      this.total = texts.length;
      const gapMs = 1000 / Math.max(0.1, perSecond);
      const started = performance.now();
      let totalMs = 0;
      for (let i = 0; i < texts.length && !this.#stop; i++) {
        // Pace by schedule, not by sleep-after-answer, so the rate holds when answers are slow.
        const due = started + i * gapMs;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (this.#stop) break;
        const answer = await endpoint.predict(texts[i], projectId);
        if (answer.status !== 200) this.failed++;
        totalMs += answer.ms;
        this.sent = i + 1;
        this.meanMs = totalMs / this.sent;
      }
      this.message = this.#stop ? `Stopped after ${this.sent} of ${this.total} requests.` : `Sent ${this.sent} requests.`;
    } catch (error) {
      this.message = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    this.#stop = true;
  }
}
