/// <reference lib="webworker" />
/**
 * The service worker: the local prediction endpoint (POST /api/v1/predict, GET /api/v1/health,
 * GET /metrics) for every page of this origin, and the offline copy of the app (the build's
 * manifest, embedded in this file by scripts/precache.ts, so each build is a new worker).
 *
 * A new build's worker installs its copy and then waits: the page asks the person, and only their
 * SKIP_WAITING swaps the code (never under a running job, core/offline/update.ts).
 */
import { connect } from '$lib/db/connection';
import { errorBody } from '$lib/core/serving/api';
import { MANIFEST_GLOBAL, type PrecacheManifest } from '$lib/core/offline/precache';
import { createEndpoint, DEPLOYMENTS_CHANGED, ENDPOINT_ROUTES } from '$lib/workers/endpoint';
import { deleteOldCaches, offlineStatus, precache, respond } from '$lib/workers/offlineCache';
import { OFFLINE_STATUS, SKIP_WAITING } from '$lib/workers/offlineProtocol';

const scope = self as unknown as ServiceWorkerGlobalScope & { [MANIFEST_GLOBAL]?: PrecacheManifest };
/** Absent only in a build that skipped the precache plugin: then the app needs the network. */
const manifest = scope[MANIFEST_GLOBAL] ?? null;

// A newer version's tab upgrading the database closes this connection (db/connection.ts), so the
// upgrade is never blocked; from then on this old worker's endpoint says to reload.
let upgradedElsewhere = false;
const db = connect({ onVersionChange: () => (upgradedElsewhere = true), onBlocked: () => undefined });
const endpoint = createEndpoint(db);

scope.addEventListener('install', (event) => {
  if (manifest) event.waitUntil(precache(manifest));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      if (manifest) await deleteOldCaches(manifest);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === DEPLOYMENTS_CHANGED) endpoint.invalidate();
  else if (type === SKIP_WAITING) void scope.skipWaiting();
  else if (type === OFFLINE_STATUS && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(offlineStatus(manifest).then((status) => port.postMessage(status)));
  }
});

function upgradedAnswer(): Response {
  const message = 'Lifecycle Lab was updated in another tab. Reload the app so the endpoint serves the new version; nothing saved is lost.';
  return new Response(JSON.stringify(errorBody(503, 'app_updated', message)), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== scope.location.origin) return;
  if ((ENDPOINT_ROUTES as readonly string[]).includes(url.pathname) || url.pathname.startsWith('/api/')) {
    event.respondWith(upgradedElsewhere ? upgradedAnswer() : endpoint.handle(event.request));
    return;
  }
  if (manifest && event.request.method === 'GET') event.respondWith(respond(manifest, event.request));
});
