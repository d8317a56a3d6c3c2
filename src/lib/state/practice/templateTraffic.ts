/**
 * Traffic for templates whose situation includes a served history: seeded scenario requests sent
 * to the real endpoint as a client would (so logs, request counts, minute buckets and /metrics all
 * agree), one after another, then the planned true labels in one batch, as a client sends the
 * day's outcomes. Cancelling the template's signal stops between requests.
 */
import { feedbackPlan, scenarioTraffic, type TrafficScenarioId } from '$lib/core/scenarios/scenarioTraffic';
import { endpoint } from '$lib/state/endpoint';
import { tellEndpoint } from '$lib/state/endpointNotice';
import type { TemplateContext } from './template';

export interface TemplateReplay {
  projectId: string;
  scenario: TrafficScenarioId;
  count: number;
  seed: string;
  /** Share (0–1) of answers whose true label is sent back. */
  feedbackShare: number;
  /** What the progress line calls this traffic ("requests before the bug"). */
  label: string;
}

/** How long to wait for the endpoint to serve a new deployment (it re-reads them every 2 s at most). */
const SERVED_WAIT_MS = 10_000;

/**
 * Tells the endpoint a deployment changed and waits until its health answer names `version` of
 * `modelName` for the project: the next request is then answered by it.
 */
export async function untilServed(ctx: TemplateContext, projectId: string, modelName: string, version: number): Promise<void> {
  tellEndpoint(null);
  const until = performance.now() + SERVED_WAIT_MS;
  for (;;) {
    ctx.signal.throwIfAborted();
    const answer = await endpoint.health(projectId);
    const model = (JSON.parse(answer.body) as { model?: { name?: string; version?: number } }).model;
    if (model?.name === modelName && model.version === version) return;
    if (performance.now() > until) throw new Error(`The endpoint did not start serving ${modelName} v${version}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends the replay, then the planned true labels in one request; throws on the first answer that is not 200. */
export async function sendTemplateTraffic(ctx: TemplateContext, replay: TemplateReplay): Promise<void> {
  const requests = scenarioTraffic({ scenario: replay.scenario, count: replay.count, seed: replay.seed, changeAfter: 0 });
  const plan = feedbackPlan(replay.count, replay.feedbackShare, replay.seed);
  const outcomes: { id: string; label: string }[] = [];
  for (const [i, r] of requests.entries()) {
    ctx.signal.throwIfAborted();
    if (i % 20 === 0) ctx.progress(`Sending ${replay.label}: ${i} of ${replay.count}…`, i / replay.count);
    const answer = await endpoint.predictFields({ ...r.fields }, r.ref, replay.projectId);
    if (answer.status !== 200) throw new Error(`The endpoint answered ${answer.status} to a request: ${answer.body}`);
    const id = (JSON.parse(answer.body) as { prediction?: { id?: string } }).prediction?.id;
    if (plan[i] && id) outcomes.push({ id, label: r.label });
  }
  ctx.progress(`Sending the true labels of ${outcomes.length} ${replay.label}…`, 1);
  const feedback = await endpoint.outcomes(outcomes, replay.projectId);
  if (feedback.status !== 200) throw new Error(`The endpoint refused the true labels: ${feedback.body}`);
}
