/**
 * What every route handler of the endpoint shares: the database, the clocks, the log buffer, the
 * caches of active deployments and loaded models — and, per request, the facts it learnt.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import type { PredictionLogRecord } from '$lib/db/records';
import type { ErrorBody } from '$lib/core/serving/api';
import type { EndpointLog } from '../endpointLog';
import type { ActiveDeployments } from './activeDeployments';
import type { ServedModels } from './servedModels';
import type { ProjectLogSettings, ProjectRequestShapes } from './logSettings';

export interface EndpointClock {
  /** Monotonic milliseconds, for durations (latency, uptime, cache age). */
  now(): number;
  /** Milliseconds since the epoch, for the times written into logs. */
  nowMs(): number;
}

export interface EndpointContext {
  db: LifecycleDatabase;
  clock: EndpointClock;
  /** `clock.now()` when the endpoint started, for the uptime `/api/v1/health` reports. */
  startedAt: number;
  log: EndpointLog;
  deployments: ActiveDeployments;
  models: ServedModels;
  /** Each project's log settings: whether texts are masked before they are stored. */
  logSettings: ProjectLogSettings;
  /** Each project's request contract and text-field order, for `fields` requests. */
  requestShapes: ProjectRequestShapes;
  /**
   * The next request number of this endpoint. Canary routing hashes (seed, request number): the
   * n-th request of a deployment always goes the same way, and the share of challenger answers
   * follows the canary percentage.
   */
  nextRequestNumber(): number;
}

/**
 * What a route handler learnt about its request, filled in as it goes, so a request that fails
 * half-way is still logged with its project, deployment, version and error.
 */
export interface RequestFacts {
  projectId?: string;
  deploymentId?: string;
  modelVersionId?: string;
  /** The segment route the request took (`tier=enterprise` or `default`), when the deployment routes by segment. */
  segmentRoute?: string;
  texts?: number;
  error?: { code: string; message: string; field?: string };
  answers?: PredictionLogRecord[];
  predictions?: { label: string; modelVersion: number | string }[];
}

/** One request as a handler sees it. */
export interface EndpointCall {
  request: Request;
  path: string;
  facts: RequestFacts;
  /** `clock.now()` when the request arrived. */
  started: number;
}

/** Answers one request; throws only where the caller answers 500 (or 507 for storage errors). */
export type RouteHandler = (call: EndpointCall, ctx: EndpointContext) => Promise<Response>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** A JSON answer; `headers` adds to the JSON ones (e.g. Deprecation and Sunset). */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });

/** An error answer; its code and message go into the request log. */
export function fail(facts: RequestFacts, status: number, body: ErrorBody): Response {
  const { code, message, field } = body.error;
  facts.error = { code, message, ...(field !== undefined ? { field } : {}) };
  return json(status, body);
}
