/**
 * The local prediction endpoint, as the service worker runs it: the active deployment's model
 * (pure-JS inference, loaded once per version), canary and shadow routing, JSON answers with
 * fitting statuses, Prometheus metrics, and a log line per prediction.
 */
import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { errorBody, healthResponse, noModelDeployedBody, parsePredictRequest, predictResponse, NO_MODEL_DEPLOYED } from '$lib/core/serving/api';
import { parseFeedbackRequest, type FeedbackResponseBody } from '$lib/core/serving/feedback';
import { emptyEndpointMetrics, PROMETHEUS_CONTENT_TYPE, recordRequest, renderEndpointMetrics } from '$lib/core/serving/prometheus';
import { murmur3String } from '$lib/core/data/murmur3';
import { routeRequest, trafficFromDeployment } from '$lib/core/serving/routing';
import type { LifecycleDatabase } from '$lib/db/database';
import { recordOutcomes, recordPredictions } from '$lib/db/monitoring';
import { describeStorageError, storageErrorKind } from '$lib/core/storage/storageErrors';
import { ensureRoomFor } from '$lib/db/storage';
import { createLogRoom } from './logRoom';
import type { DeploymentRecord, ModelVersionRecord, PredictionLogRecord } from '$lib/db/records';
import { MAX_LOGGED_TEXT } from './endpointMessages';

interface Loaded {
  version: ModelVersionRecord;
  predictor: Predictor;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

export const ENDPOINT_ROUTES = ['/api/v1/predict', '/api/v1/feedback', '/api/v1/health', '/metrics'] as const;

/** A fresh prediction id: "p-" and 16 random hex digits. */
function predictionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `p-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createEndpoint(db: LifecycleDatabase, now: () => number = () => performance.now()) {
  const startedAt = now();
  const loaded = new Map<string, Promise<Loaded>>();
  const metrics = emptyEndpointMetrics();
  // Canary routing hashes (seed, request number): the n-th request of a deployment always goes
  // the same way, and the share of challenger answers follows the canary percentage.
  let requestNumber = 0;
  const pending: PredictionLogRecord[] = [];
  let flushing: Promise<void> | null = null;
  const logRoom = createLogRoom((bytes) => ensureRoomFor(bytes, 'log predictions'));

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
  async function activeDeployment(projectId: string | null): Promise<DeploymentRecord | undefined> {
    return (await activeList()).find((d) => !projectId || d.projectId === projectId);
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

  function log(entries: PredictionLogRecord[]): void {
    pending.push(...entries);
    flushing ??= (async () => {
      // Let a burst of requests gather, then write them in one transaction.
      await new Promise((r) => setTimeout(r, 50));
      while (pending.length) {
        const batch = pending.splice(0, pending.length);
        if (await logRoom.allows(JSON.stringify(batch).length)) await recordPredictions(db, batch).catch((error) => logRoom.failed(error));
      }
    })().finally(() => (flushing = null));
  }

  async function predict(request: Request, started: number): Promise<Response> {
    const url = new URL(request.url);
    const parsed = parsePredictRequest(await request.text());
    if (!parsed.ok) return json(parsed.status, errorBody(parsed.status, parsed.error.code, parsed.error.message));
    const deployment = await activeDeployment(url.searchParams.get('project'));
    if (!deployment) return json(NO_MODEL_DEPLOYED.status, noModelDeployedBody());
    const traffic = trafficFromDeployment(deployment.traffic);
    const decision = routeRequest(traffic, requestNumber++, deployment.id);
    const useCanary = decision.served === 'challenger';
    const answering = await load(useCanary ? traffic.challenger! : traffic.champion);
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
    log(entries);
    recordRequest(metrics, { route: '/api/v1/predict', status: 200, durationSeconds: latencyMs / 1000, predictions: predictions.map((p) => ({ label: p.label, modelVersion: answering.version.version })) });
    return json(200, body);
  }

  /** Ground truth for earlier predictions of the active project (see core/serving/feedback.ts). */
  async function feedback(request: Request): Promise<Response> {
    const parsed = parseFeedbackRequest(await request.text());
    if (!parsed.ok) return json(parsed.status, parsed.body);
    const deployment = await activeDeployment(new URL(request.url).searchParams.get('project'));
    if (!deployment) return json(NO_MODEL_DEPLOYED.status, noModelDeployedBody());
    // Predictions still waiting in the log buffer must be stored before they can be graded.
    await flushing;
    const result = await recordOutcomes(db, deployment.projectId, parsed.outcomes);
    if (parsed.single && result.unknown.length) {
      return json(404, errorBody(404, 'unknown_prediction', `No logged prediction has the id or ref "${parsed.outcomes[0].id}".`));
    }
    const body: FeedbackResponseBody = { updated: result.updated, unknown: result.unknown };
    return json(200, body);
  }

  async function health(request: Request): Promise<Response> {
    const deployment = await activeDeployment(new URL(request.url).searchParams.get('project'));
    const version = deployment ? await db.modelVersions.get(deployment.modelVersionId) : undefined;
    const body = healthResponse({
      model: deployment && version ? { name: version.modelName, version: version.version, alias: deployment.alias } : null,
      uptimeSeconds: (now() - startedAt) / 1000,
    });
    return json(200, logRoom.pausedBecause ? { ...body, logging: { status: 'paused', message: logRoom.pausedBecause } } : body);
  }

  async function metricsText(): Promise<Response> {
    const deployment = await activeDeployment(null);
    metrics.models = [];
    if (deployment) {
      for (const t of deployment.traffic) {
        const v = await db.modelVersions.get(t.modelVersionId);
        if (v) metrics.models.push({ name: v.modelName, version: v.version, alias: t.mode === 'serve' ? deployment.alias : t.mode });
      }
    }
    return new Response(renderEndpointMetrics(metrics), { status: 200, headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' } });
  }

  /** Answers one request to an endpoint route; never throws. */
  async function handle(request: Request): Promise<Response> {
    const started = now();
    const route = new URL(request.url).pathname;
    let response: Response;
    try {
      if (route === '/api/v1/predict') {
        response = request.method === 'POST' ? await predict(request, started) : json(405, errorBody(405, 'method_not_allowed', 'Use POST with a JSON body {"text": "…"} or {"texts": ["…"]}.'));
      } else if (route === '/api/v1/feedback') {
        response = request.method === 'POST' ? await feedback(request) : json(405, errorBody(405, 'method_not_allowed', 'Use POST with a JSON body {"id": "…", "label": "…"}.'));
      } else if (route === '/api/v1/health') {
        response = await health(request);
      } else if (route === '/metrics') {
        response = await metricsText();
      } else {
        response = json(404, errorBody(404, 'not_found', `No endpoint at ${route}. Try POST /api/v1/predict, POST /api/v1/feedback, GET /api/v1/health or GET /metrics.`));
      }
    } catch (error) {
      // Storage failures answer 507 with the one translation (what happened, what was kept, what to do).
      response = storageErrorKind(error) === 'other'
        ? json(500, errorBody(500, 'internal_error', error instanceof Error ? error.message : String(error)))
        : json(507, errorBody(507, 'insufficient_storage', describeStorageError(error)));
    }
    if (!(route === '/api/v1/predict' && response.status === 200)) {
      // Unknown paths share one label, so /metrics cannot grow a series per typo.
      const label = (ENDPOINT_ROUTES as readonly string[]).includes(route) ? route : 'other';
      recordRequest(metrics, { route: label, status: response.status, durationSeconds: (now() - started) / 1000 });
    }
    return response;
  }

  return {
    handle,
    /** Forget the cached deployments (after a deploy or a rollback). */
    invalidate(): void {
      active = null;
    },
  };
}


/** How long the worker trusts its copy of the active deployments, ms. */
export const DEPLOYMENT_TTL_MS = 2000;

export { DEPLOYMENTS_CHANGED, MAX_LOGGED_TEXT } from './endpointMessages';
