/**
 * The local prediction endpoint, as the service worker runs it: the active deployment's model
 * (pure-JS inference, loaded once per version), canary and shadow routing, JSON answers with
 * fitting statuses, Prometheus metrics, and a log of every request it answers — errors too, with
 * their status and code — beside one log line per prediction (endpointLog.ts writes both).
 */
import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { errorBody, healthResponse, noModelDeployedBody, parsePredictRequest, predictResponse, NO_MODEL_DEPLOYED, type ErrorBody } from '$lib/core/serving/api';
import { parseFeedbackRequest, unknownLabelBody, type FeedbackResponseBody } from '$lib/core/serving/feedback';
import { PROMETHEUS_CONTENT_TYPE, renderEndpointMetrics } from '$lib/core/serving/prometheus';
import { murmur3String } from '$lib/core/data/murmur3';
import { routeRequest, trafficFromDeployment } from '$lib/core/serving/routing';
import type { LifecycleDatabase } from '$lib/db/database';
import { recordOutcomes } from '$lib/db/monitoring';
import { describeStorageError, storageErrorKind } from '$lib/core/storage/storageErrors';
import { ensureRoomFor } from '$lib/db/storage';
import { createLogRoom } from './logRoom';
import type { DeploymentRecord, ModelVersionRecord, PredictionLogRecord } from '$lib/db/records';
import { EndpointLog } from './endpointLog';
import { MAX_LOGGED_TEXT } from './endpointMessages';

interface Loaded {
  version: ModelVersionRecord;
  predictor: Predictor;
}

/**
 * What a route handler learnt about its request, filled in as it goes, so a request that fails
 * half-way is still logged with its project, deployment, version and error.
 */
interface RequestFacts {
  projectId?: string;
  deploymentId?: string;
  modelVersionId?: string;
  texts?: number;
  error?: { code: string; message: string };
  answers?: PredictionLogRecord[];
  predictions?: { label: string; modelVersion: number | string }[];
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

/** An error answer; its code and message go into the request log. */
function fail(facts: RequestFacts, status: number, body: ErrorBody): Response {
  facts.error = { code: body.error.code, message: body.error.message };
  return json(status, body);
}

export const ENDPOINT_ROUTES = ['/api/v1/predict', '/api/v1/feedback', '/api/v1/health', '/metrics'] as const;

/** A fresh prediction id: "p-" and 16 random hex digits. */
function predictionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `p-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createEndpoint(db: LifecycleDatabase, now: () => number = () => performance.now()) {
  const startedAt = now();
  const loaded = new Map<string, Promise<Loaded>>();
  const log = new EndpointLog(db, createLogRoom((bytes) => ensureRoomFor(bytes, 'log predictions')));
  // Canary routing hashes (seed, request number): the n-th request of a deployment always goes
  // the same way, and the share of challenger answers follows the canary percentage.
  let requestNumber = 0;

  /**
   * Active deployments, read at most every DEPLOYMENT_TTL_MS: a request then costs no database
   * read. The pages tell the worker at once when they deploy or roll back (`invalidate`).
   */
  let active: { at: number; list: Promise<DeploymentRecord[]> } | null = null;
  function activeList(): Promise<DeploymentRecord[]> {
    if (!active || now() - active.at > DEPLOYMENT_TTL_MS) {
      const list = db.deployments.filter((d) => d.status === 'active').toArray().then((all) => all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)));
      list.catch(() => (active = null));
      active = { at: now(), list };
    }
    return active.list;
  }

  /** The most recently activated deployment (the endpoint serves one project at a time), or the project's own. */
  async function activeDeployment(request: Request, facts: RequestFacts): Promise<DeploymentRecord | undefined> {
    const projectId = new URL(request.url).searchParams.get('project');
    const deployment = (await activeList()).find((d) => !projectId || d.projectId === projectId);
    if (deployment) {
      facts.projectId = deployment.projectId;
      facts.deploymentId = deployment.id;
    }
    return deployment;
  }

  function load(versionId: string): Promise<Loaded> {
    let entry = loaded.get(versionId);
    if (!entry) {
      entry = (async () => {
        const [version, artifact] = await Promise.all([db.modelVersions.get(versionId), db.artifacts.get(versionId)]);
        if (!version || !artifact) throw new Error('The deployed model version is missing from the registry.');
        const run = await db.runs.get(version.runId);
        const predictor = createPredictor({ model: artifact as never, vectorizer: artifact.vectorizer, classes: run?.classes ?? [] });
        return { version, predictor };
      })();
      entry.catch(() => loaded.delete(versionId));
      loaded.set(versionId, entry);
    }
    return entry;
  }

  async function predict(request: Request, facts: RequestFacts, started: number): Promise<Response> {
    const parsed = parsePredictRequest(await request.text());
    if (!parsed.ok) return fail(facts, parsed.status, errorBody(parsed.status, parsed.error.code, parsed.error.message));
    facts.texts = parsed.texts.length;
    const deployment = await activeDeployment(request, facts);
    if (!deployment) return fail(facts, NO_MODEL_DEPLOYED.status, noModelDeployedBody());
    const traffic = trafficFromDeployment(deployment.traffic);
    const decision = routeRequest(traffic, requestNumber++, deployment.id);
    const useCanary = decision.served === 'challenger';
    facts.modelVersionId = useCanary ? traffic.challenger! : traffic.champion;
    const answering = await load(facts.modelVersionId);
    const ids = parsed.texts.map(predictionId);
    const predictions = answering.predictor.predict(parsed.texts);
    const latencyMs = now() - started;
    const body = predictResponse({
      predictions: predictions.map((p, i) => ({ ...p, id: ids[i], ref: parsed.refs[i] })),
      classes: answering.predictor.classes,
      model: { name: answering.version.modelName, version: answering.version.version },
      latencyMs,
      single: parsed.single,
    });
    const at = new Date().toISOString();
    const entry = (i: number, p: (typeof predictions)[number], route: 'champion' | 'challenger' | 'shadow', modelVersionId: string, ms: number): PredictionLogRecord => ({
      projectId: deployment.projectId,
      predictionId: ids[i],
      ...(parsed.refs[i] ? { ref: parsed.refs[i]! } : {}),
      deploymentId: deployment.id,
      modelVersionId,
      at,
      inputHash: Array.from(murmur3String(parsed.texts[i]).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(''),
      inputLength: parsed.texts[i].length,
      label: p.label,
      confidence: p.confidence,
      latencyMs: ms,
      status: 200,
      route,
    });
    // The served answer keeps the text (capped) for text-drift analysis; its shadow score does not repeat it.
    const entries: PredictionLogRecord[] = parsed.texts.map((text, i) => ({ ...entry(i, predictions[i], useCanary ? 'challenger' : 'champion', answering.version.id, latencyMs / parsed.texts.length), text: text.slice(0, MAX_LOGGED_TEXT) }));
    if (decision.shadow && traffic.challenger) {
      const shadow = await load(traffic.challenger);
      const s0 = now();
      const shadowPredictions = shadow.predictor.predict(parsed.texts);
      const shadowMs = (now() - s0) / parsed.texts.length;
      parsed.texts.forEach((_, i) => entries.push(entry(i, shadowPredictions[i], 'shadow', shadow.version.id, shadowMs)));
    }
    facts.answers = entries;
    facts.predictions = predictions.map((p) => ({ label: p.label, modelVersion: answering.version.version }));
    return json(200, body);
  }

  /** Ground truth for earlier predictions of the active project (see core/serving/feedback.ts). */
  async function feedback(request: Request, facts: RequestFacts): Promise<Response> {
    const parsed = parseFeedbackRequest(await request.text());
    if (!parsed.ok) return fail(facts, parsed.status, parsed.body);
    const deployment = await activeDeployment(request, facts);
    if (!deployment) return fail(facts, NO_MODEL_DEPLOYED.status, noModelDeployedBody());
    // Predictions still waiting in the log buffer must be stored before they can be graded.
    await log.flush();
    const result = await recordOutcomes(db, deployment.projectId, parsed.outcomes);
    if (result.refused.length) return fail(facts, 422, unknownLabelBody(result.refused));
    if (parsed.single && result.unknown.length) {
      return fail(facts, 404, errorBody(404, 'unknown_prediction', `No logged prediction has the id or ref "${parsed.outcomes[0].id}".`));
    }
    const body: FeedbackResponseBody = { updated: result.updated, unknown: result.unknown };
    return json(200, body);
  }

  async function health(request: Request, facts: RequestFacts): Promise<Response> {
    const deployment = await activeDeployment(request, facts);
    const version = deployment ? await db.modelVersions.get(deployment.modelVersionId) : undefined;
    const body = healthResponse({
      model: deployment && version ? { name: version.modelName, version: version.version, alias: deployment.alias } : null,
      uptimeSeconds: (now() - startedAt) / 1000,
    });
    const paused = log.pausedBecause;
    return json(200, paused ? { ...body, logging: { status: 'paused', message: paused } } : body);
  }

  async function metricsText(): Promise<Response> {
    const deployment = (await activeList())[0];
    const models: { name: string; version: number | string; alias: string }[] = [];
    if (deployment) {
      for (const t of deployment.traffic) {
        const v = await db.modelVersions.get(t.modelVersionId);
        if (v) models.push({ name: v.modelName, version: v.version, alias: t.mode === 'serve' ? deployment.alias : t.mode });
      }
    }
    const text = renderEndpointMetrics({ ...(await log.counters()), models });
    return new Response(text, { status: 200, headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' } });
  }

  /** The answer to one request; throws only where the caller answers 500. */
  async function route(request: Request, path: string, facts: RequestFacts, started: number): Promise<Response> {
    if (path === '/api/v1/predict') {
      return request.method === 'POST' ? predict(request, facts, started) : fail(facts, 405, errorBody(405, 'method_not_allowed', 'Use POST with a JSON body {"text": "…"} or {"texts": ["…"]}.'));
    }
    if (path === '/api/v1/feedback') {
      return request.method === 'POST' ? feedback(request, facts) : fail(facts, 405, errorBody(405, 'method_not_allowed', 'Use POST with a JSON body {"id": "…", "label": "…"}.'));
    }
    if (path === '/api/v1/health') return health(request, facts);
    if (path === '/metrics') return metricsText();
    return fail(facts, 404, errorBody(404, 'not_found', `No endpoint at ${path}. Try POST /api/v1/predict, POST /api/v1/feedback, GET /api/v1/health or GET /metrics.`));
  }

  /** Answers one request to an endpoint route and logs it, whatever the outcome; never throws. */
  async function handle(request: Request): Promise<Response> {
    const started = now();
    const at = new Date().toISOString();
    const path = new URL(request.url).pathname;
    const facts: RequestFacts = {};
    let response: Response;
    try {
      response = await route(request, path, facts, started);
    } catch (error) {
      // Storage failures answer 507 with the one translation (what happened, what was kept, what to do).
      response = storageErrorKind(error) === 'other'
        ? fail(facts, 500, errorBody(500, 'internal_error', error instanceof Error ? error.message : String(error)))
        : fail(facts, 507, errorBody(507, 'insufficient_storage', describeStorageError(error)));
    }
    // Requests that failed before their project was known still belong to the one served.
    if (!facts.projectId && path !== '/metrics') await activeDeployment(request, facts).catch(() => undefined);
    logAnswer(request, path, at, response.status, now() - started, facts);
    return response;
  }

  /** Counts the answer for `/metrics` and queues its log lines (the request's, and its predictions'). */
  function logAnswer(request: Request, path: string, at: string, status: number, latencyMs: number, facts: RequestFacts): void {
    // Unknown paths share one label, so /metrics cannot grow a series per typo.
    const route = (ENDPOINT_ROUTES as readonly string[]).includes(path) ? path : 'other';
    const { projectId, deploymentId, modelVersionId, texts, error } = facts;
    log.add({
      route,
      status,
      durationSeconds: latencyMs / 1000,
      predictions: facts.predictions,
      answers: facts.answers,
      // `/metrics` scrapes are counted, not logged; a request no project serves has no log to go to.
      request: projectId && path !== '/metrics'
        ? { projectId, at, route, method: request.method, status, latencyMs, ...(error ? { code: error.code, message: error.message } : {}), ...(texts !== undefined ? { texts } : {}), ...(deploymentId ? { deploymentId } : {}), ...(modelVersionId ? { modelVersionId } : {}) }
        : undefined,
    });
  }

  return {
    handle,
    /** Forget the cached deployments (after a deploy or a rollback). */
    invalidate(): void {
      active = null;
    },
    /** Resolves once every request answered so far is stored (logs, buckets and counters). */
    flushed(): Promise<void> {
      return log.flush();
    },
  };
}

/** How long the worker trusts its copy of the active deployments, ms. */
export const DEPLOYMENT_TTL_MS = 2000;

export { DEPLOYMENTS_CHANGED, MAX_LOGGED_TEXT } from './endpointMessages';
