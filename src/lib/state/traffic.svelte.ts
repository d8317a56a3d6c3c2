import { feedbackPlan, scenarioTraffic, type TrafficScenarioId } from '$lib/core/scenarios/scenarioTraffic';
import { dataCall } from '$lib/workers/dataClient';
import { listDatasetVersions } from '$lib/db';
import { db } from './database.svelte';
import { endpoint, type EndpointAnswer } from './endpoint';

export type TrafficSource = 'test' | 'validation' | TrafficScenarioId;

export interface ReplayOptions {
  source: TrafficSource;
  count: number;
  /** Requests per second of real time. */
  perSecond: number;
  /** Scenarios: requests before the change starts, the seed, and the share (0–1) of answers whose true label is sent back `feedbackDelayS` seconds later. */
  changeAfter: number;
  seed: string;
  feedbackShare: number;
  feedbackDelayS: number;
}

/** One request: plain text (a split's row) or named fields with the label that comes back as feedback. */
type Outgoing = { text: string } | { fields: Record<string, string>; ref: string; label: string; feedback: boolean };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Replays tickets against the endpoint at a chosen rate, as a client application would: rows from
 * a split of the newest dataset version (their text), or a seeded scenario's tickets (their named
 * fields), whose true labels go to /api/v1/feedback a set delay after the answer. Stop ends the
 * sending between requests and drops the feedback not yet sent.
 */
export class TrafficReplay {
  running = $state(false);
  sent = $state(0);
  total = $state(0);
  failed = $state(0);
  meanMs = $state(0);
  /** Feedback sent, waiting for its delay, and refused (e.g. its prediction was refused with 422). */
  feedbackSent = $state(0);
  feedbackWaiting = $state(0);
  feedbackFailed = $state(0);
  message = $state<string | null>(null);
  #stop = false;
  // Not state: nothing renders the timers, only their count (feedbackWaiting).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Set<ReturnType<typeof setTimeout>>();

  async requests(projectId: string, options: ReplayOptions): Promise<Outgoing[]> {
    const { source, count } = options;
    if (source !== 'test' && source !== 'validation') {
      const plan = feedbackPlan(count, options.feedbackShare, options.seed);
      return scenarioTraffic({ scenario: source, count, seed: options.seed, changeAfter: options.changeAfter }).map((r, i) => ({ fields: { ...r.fields }, ref: r.ref, label: r.label, feedback: plan[i] }));
    }
    const [head] = await listDatasetVersions(db, projectId);
    if (!head) throw new Error('This project has no data to replay.');
    if (!head.split) throw new Error(`Dataset v${head.number} is not split, so it has no ${source} split.`);
    const page = await dataCall({ type: 'query', query: { versionId: head.id, split: source, offset: 0, limit: count } }).result;
    return page.rows.map((r) => ({ text: r.text }));
  }

  /** Sends the true label of an answered request after the delay, unless stopped first. */
  #scheduleFeedback(answer: EndpointAnswer, label: string, delayMs: number): void {
    const id = (JSON.parse(answer.body) as { prediction?: { id?: string } }).prediction?.id;
    if (!id) return;
    this.feedbackWaiting++;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void endpoint.feedback(id, label).then(
        (r) => (r.status === 200 ? this.feedbackSent++ : this.feedbackFailed++),
        () => this.feedbackFailed++,
      ).finally(() => this.feedbackWaiting--);
    }, delayMs);
    this.#timers.add(timer);
  }

  async start(projectId: string, options: ReplayOptions): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.#stop = false;
    this.sent = this.failed = this.meanMs = this.feedbackSent = this.feedbackWaiting = this.feedbackFailed = 0;
    this.message = null;
    try {
      const outgoing = await this.requests(projectId, options);
      this.total = outgoing.length;
      const gapMs = 1000 / Math.max(0.1, options.perSecond);
      const started = performance.now();
      let totalMs = 0;
      for (let i = 0; i < outgoing.length && !this.#stop; i++) {
        // Pace by schedule, not by sleep-after-answer, so the rate holds when answers are slow.
        const due = started + i * gapMs;
        const ahead = due - performance.now();
        if (ahead > 0) await wait(ahead);
        if (this.#stop) break;
        const item = outgoing[i];
        const answer = 'text' in item ? await endpoint.predict(item.text, projectId) : await endpoint.predictFields(item.fields, item.ref, projectId);
        if (answer.status !== 200) this.failed++;
        else if ('fields' in item && item.feedback) this.#scheduleFeedback(answer, item.label, options.feedbackDelayS * 1000);
        totalMs += answer.ms;
        this.sent = i + 1;
        this.meanMs = totalMs / this.sent;
      }
      // Honest to the end: the replay runs until its last feedback is sent (or Stop drops it).
      while (!this.#stop && this.feedbackWaiting > 0) await wait(100);
      const dropped = this.#dropFeedback();
      const feedback = this.feedbackSent || dropped || this.feedbackFailed
        ? ` Feedback: ${this.feedbackSent} sent${this.feedbackFailed ? `, ${this.feedbackFailed} refused` : ''}${dropped ? `, ${dropped} dropped by Stop` : ''}.`
        : '';
      this.message = (this.#stop ? `Stopped after ${this.sent} of ${this.total} requests.` : `Sent ${this.sent} requests.`) + feedback;
    } catch (error) {
      this.#dropFeedback();
      this.message = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
  }

  /** Cancels feedback still waiting for its delay; returns how many. */
  #dropFeedback(): number {
    const dropped = this.#timers.size;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.feedbackWaiting -= dropped;
    return dropped;
  }

  stop(): void {
    this.#stop = true;
  }
}
