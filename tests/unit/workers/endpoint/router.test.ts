import { describe, expect, it } from 'vitest';
import { ENDPOINT_ROUTES, routeFor } from '$lib/workers/endpoint/router';
import { predict } from '$lib/workers/endpoint/predict';
import { feedback } from '$lib/workers/endpoint/feedback';
import { health } from '$lib/workers/endpoint/health';
import { metrics } from '$lib/workers/endpoint/metrics';
import type { EndpointCall, EndpointContext, RequestFacts } from '$lib/workers/endpoint/context';

/** Answers `path` with `method` through the handler the router picks (404 and 405 need no context). */
async function answer(path: string, method: string): Promise<{ status: number; body: { error: { code: string; message: string } }; facts: RequestFacts }> {
  const call: EndpointCall = { request: new Request(`http://app.local${path}`, { method }), path, facts: {}, started: 0 };
  const response = await routeFor(path, method)(call, {} as EndpointContext);
  return { status: response.status, body: await response.json(), facts: call.facts };
}

describe('the endpoint router', () => {
  it('gives each route and method its handler; health and metrics answer any method', () => {
    expect(routeFor('/api/v1/predict', 'POST')).toBe(predict);
    expect(routeFor('/api/v1/feedback', 'POST')).toBe(feedback);
    for (const method of ['GET', 'HEAD', 'POST', 'DELETE']) {
      expect(routeFor('/api/v1/health', method)).toBe(health);
      expect(routeFor('/metrics', method)).toBe(metrics);
    }
    expect(ENDPOINT_ROUTES).toEqual(['/api/v1/predict', '/api/v1/feedback', '/api/v1/health', '/metrics']);
  });

  it('answers another method with 405 and how to call the route, an unknown path with 404, and notes the error', async () => {
    const wrong = await answer('/api/v1/predict', 'GET');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error).toMatchObject({ code: 'method_not_allowed', message: 'Use POST with a JSON body {"text": "…"}, {"texts": ["…"]}, {"fields": {"…": "…"}} or {"records": [{…}]}.' });
    expect(wrong.facts.error).toEqual({ code: 'method_not_allowed', message: wrong.body.error.message });
    expect((await answer('/api/v1/feedback', 'PUT')).body.error.message).toBe('Use POST with a JSON body {"id": "…", "label": "…"}.');
    // A method named like an object's own property is just another method.
    expect((await answer('/api/v1/predict', 'constructor')).status).toBe(405);
    const missing = await answer('/api/v2/predict', 'POST');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No endpoint at /api/v2/predict. Try POST /api/v1/predict, POST /api/v1/feedback, GET /api/v1/health or GET /metrics.');
    expect((await answer('/toString', 'GET')).status).toBe(404);
  });
});
