/// <reference lib="webworker" />
/**
 * The service worker: the local prediction endpoint (POST /api/v1/predict, GET /api/v1/health,
 * GET /metrics) for every page of this origin, and an offline cache of the app itself.
 */
import { connect } from '$lib/db/connection';
import { createEndpoint, DEPLOYMENTS_CHANGED, ENDPOINT_ROUTES } from '$lib/workers/endpoint';

const scope = self as unknown as ServiceWorkerGlobalScope;
const CACHE = 'lifecycle-lab-app-v1';

const db = connect({ onVersionChange: () => undefined, onBlocked: () => undefined });
const endpoint = createEndpoint(db);

scope.addEventListener('install', () => {
  void scope.skipWaiting();
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await scope.clients.claim();
    })(),
  );
});

/** App files: network first (so a new build shows), the cached copy when offline. */
async function appFile(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Caching is best effort: on a full disk `put` fails, and the page must still load.
    if (response.ok && request.method === 'GET') await cache.put(request, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const shell = await cache.match('/');
      if (shell) return shell;
    }
    throw error;
  }
}

scope.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === DEPLOYMENTS_CHANGED) endpoint.invalidate();
});

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== scope.location.origin) return;
  if ((ENDPOINT_ROUTES as readonly string[]).includes(url.pathname) || url.pathname.startsWith('/api/')) {
    event.respondWith(endpoint.handle(event.request));
    return;
  }
  if (event.request.method === 'GET') event.respondWith(appFile(event.request));
});
