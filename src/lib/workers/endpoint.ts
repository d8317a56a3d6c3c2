/**
 * The local prediction endpoint, as the service worker runs it: the active deployment's model
 * (pure-JS inference, loaded once per version), canary and shadow routing, JSON answers with
 * fitting statuses, Prometheus metrics, and a log of every request it answers — errors too, with
 * their status and code — beside one log line per prediction (endpointLog.ts writes both).
 *
 * In parts: endpoint/router.ts picks the handler of a request (one file per route, and where
 * later work lands), endpoint/servedModels.ts and endpoint/activeDeployments.ts cache what the
 * handlers read, and `EndpointLog` buffers what they log. This file answers and logs each request.
 */
import { errorBody } from '$lib/core/serving/api';
import { CONTRACT_VIOLATION } from '$lib/core/serving/requestContract';
import { describeStorageError, storageErrorKind } from '$lib/core/storage/storageErrors';
import type { LifecycleDatabase } from '$lib/db/database';
import { activeDeployments } from '$lib/db/deployments';
import { getModelVersion, modelToServe } from '$lib/db/modelFiles';
import { ensureRoomFor } from '$lib/db/storage';
import { versionGateInputs } from '$lib/db/governanceGate';
import { nowMs as wallClock } from '$lib/clock';
import { createLogRoom } from './logRoom';
import { EndpointLog } from './endpointLog';
import { fail, type EndpointCall, type EndpointContext } from './endpoint/context';
import { ActiveDeployments } from './endpoint/activeDeployments';
import { ServedModels } from './endpoint/servedModels';
import { ProjectLogSettings, ProjectRequestShapes } from './endpoint/logSettings';
import { getRequestShape } from '$lib/db/requestContract';
import { getLogSettings } from '$lib/db/logRetention';
import { isEndpointRoute, routeFor } from './endpoint/router';

/**
 * `now`: monotonic milliseconds for durations; `nowMs`: the wall clock (ms since the epoch) for
 * the times in the logs.
 */
export function createEndpoint(db: LifecycleDatabase, now: () => number = () => performance.now(), nowMs: () => number = wallClock) {
  const log = new EndpointLog(db, createLogRoom((bytes) => ensureRoomFor(bytes, 'log predictions')));
  let requestNumber = 0;
  const ctx: EndpointContext = {
    db,
    clock: { now, nowMs },
    startedAt: now(),
    log,
    deployments: new ActiveDeployments(() => activeDeployments(db), now),
    models: new ServedModels((versionId) => modelToServe(db, versionId), (versionId) => getModelVersion(db, versionId), (versionId) => versionGateInputs(db, versionId), now),
    logSettings: new ProjectLogSettings((projectId) => getLogSettings(db, projectId), now),
    requestShapes: new ProjectRequestShapes((projectId) => getRequestShape(db, projectId), now),
    nextRequestNumber: () => requestNumber++,
  };

  /** Answers one request to an endpoint route and logs it, whatever the outcome; never throws. */
  async function handle(request: Request): Promise<Response> {
    const call: EndpointCall = { request, path: new URL(request.url).pathname, facts: {}, started: now() };
    const at = new Date(nowMs()).toISOString();
    let response: Response;
    try {
      response = await routeFor(call.path, request.method)(call, ctx);
    } catch (error) {
      // Storage failures answer 507 with the one translation (what happened, what was kept, what to do).
      response = storageErrorKind(error) === 'other'
        ? fail(call.facts, 500, errorBody(500, 'internal_error', error instanceof Error ? error.message : String(error)))
        : fail(call.facts, 507, errorBody(507, 'insufficient_storage', describeStorageError(error)));
    }
    // Requests that failed before their project was known still belong to the one served.
    if (!call.facts.projectId && call.path !== '/metrics') await ctx.deployments.forRequest(request, call.facts).catch(() => undefined);
    logAnswer(call, at, response.status, now() - call.started);
    return response;
  }

  /** Counts the answer for `/metrics` and queues its log lines (the request's, and its predictions'). */
  function logAnswer({ request, path, facts }: EndpointCall, at: string, status: number, latencyMs: number): void {
    // Unknown paths share one label, so /metrics cannot grow a series per typo.
    const route = isEndpointRoute(path) ? path : 'other';
    const { projectId, deploymentId, modelVersionId, segmentRoute, texts, error } = facts;
    log.add({
      route,
      status,
      durationSeconds: latencyMs / 1000,
      predictions: facts.predictions,
      ...(segmentRoute !== undefined ? { segmentRoute } : {}),
      ...(error?.code === CONTRACT_VIOLATION.code && error.field ? { violatedField: error.field } : {}),
      answers: facts.answers,
      // `/metrics` scrapes are counted, not logged; a request no project serves has no log to go to.
      request: projectId && path !== '/metrics'
        ? { projectId, at, route, method: request.method, status, latencyMs, ...(error ? { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } : {}), ...(texts !== undefined ? { texts } : {}), ...(deploymentId ? { deploymentId } : {}), ...(modelVersionId ? { modelVersionId } : {}), ...(segmentRoute !== undefined ? { segmentRoute } : {}) }
        : undefined,
    });
  }

  return {
    handle,
    /** Forget the cached deployments, version states, log settings and request contracts (after a deploy, a rollback, a deprecation, a retirement, a governance decision, new log settings or a new contract). */
    invalidate(): void {
      ctx.deployments.invalidate();
      ctx.models.invalidate();
      ctx.logSettings.invalidate();
      ctx.requestShapes.invalidate();
    },
    /** Writes the buffered logs now; resolves once every request answered so far is stored (logs, buckets and counters). */
    flushed(): Promise<void> {
      return log.flush();
    },
  };
}

export { ENDPOINT_ROUTES } from './endpoint/router';
export { DEPLOYMENT_TTL_MS } from './endpoint/activeDeployments';
export { DEPLOYMENTS_CHANGED } from './endpointMessages';
