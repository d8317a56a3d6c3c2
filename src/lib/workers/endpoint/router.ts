/**
 * The endpoint's routes: path and method → handler, one small file per route. A path the table
 * lacks answers 404, a method its route lacks 405 with how to call it.
 *
 * Where later work lands, each in one place:
 * - whether a version may answer: `ServedModels.serving` (servedModels.ts) — retirement (410 for
 *   a retired served version) and the governance policy's gates (403 `gate_not_approved` for one
 *   that lost its approval); a refused canary hands its share to the served version;
 * - request contracts: the request parsers of core/serving (`parsePredictRequest`,
 *   `parseFeedbackRequest`), which predict.ts and feedback.ts call first;
 * - segment routing: `routeRequest` (core/serving/routing.ts), which predict.ts asks which
 *   version answers;
 * - retention of logs: `EndpointLog` (endpointLog.ts), the one place the endpoint stores anything;
 * - a new route: one entry here and one handler file.
 */
import { errorBody } from '$lib/core/serving/api';
import { fail, type RouteHandler } from './context';
import { predict } from './predict';
import { feedback } from './feedback';
import { health } from './health';
import { metrics } from './metrics';

export const ENDPOINT_ROUTES = ['/api/v1/predict', '/api/v1/feedback', '/api/v1/health', '/metrics'] as const;
export type EndpointRoute = (typeof ENDPOINT_ROUTES)[number];

interface Route {
  /** The handler per method; `*` answers every method. */
  methods: Partial<Record<string, RouteHandler>>;
  /** How to call the route, for the 405 answer to another method. */
  usage?: string;
}

const ROUTES: Record<EndpointRoute, Route> = {
  '/api/v1/predict': { methods: { POST: predict }, usage: 'Use POST with a JSON body {"text": "…"}, {"texts": ["…"]}, {"fields": {"…": "…"}} or {"records": [{…}]}.' },
  '/api/v1/feedback': { methods: { POST: feedback }, usage: 'Use POST with a JSON body {"id": "…", "label": "…"}.' },
  '/api/v1/health': { methods: { '*': health } },
  '/metrics': { methods: { '*': metrics } },
};

const notFound: RouteHandler = async ({ path, facts }) =>
  fail(facts, 404, errorBody(404, 'not_found', `No endpoint at ${path}. Try POST /api/v1/predict, POST /api/v1/feedback, GET /api/v1/health or GET /metrics.`));

const methodNotAllowed = (usage: string): RouteHandler => async ({ facts }) => fail(facts, 405, errorBody(405, 'method_not_allowed', usage));

export function isEndpointRoute(path: string): path is EndpointRoute {
  return Object.hasOwn(ROUTES, path);
}

/** The handler for a request to `path` with `method`. */
export function routeFor(path: string, method: string): RouteHandler {
  if (!isEndpointRoute(path)) return notFound;
  const route = ROUTES[path];
  return (Object.hasOwn(route.methods, method) ? route.methods[method] : route.methods['*']) ?? methodNotAllowed(route.usage ?? '');
}
