/// <reference lib="webworker" />
/**
 * The service worker's copy of the app (Cache Storage), by the rules of core/offline/precache.ts:
 * filled on install from the build's manifest, one cache per build, read first for app files and
 * navigations, older builds' caches deleted once this build is active.
 */
import { cacheCompleteness, cacheNameFor, cachedUrlFor, cachesToDelete, type PrecacheManifest } from '$lib/core/offline/precache';
import type { OfflineStatus } from './offlineProtocol';

/**
 * Fetches every file the build's cache lacks. `cache: 'reload'` skips the HTTP cache (it may hold
 * an older build's file of the same name) and `integrity` makes the browser refuse bytes that are
 * not the manifest's: a half-deployed server fails the install instead of caching a mixed app.
 */
export async function precache(manifest: PrecacheManifest): Promise<void> {
  const cache = await caches.open(cacheNameFor(manifest.buildId));
  const { missing } = cacheCompleteness(manifest, (await cache.keys()).map((request) => request.url));
  const integrityOf = new Map(manifest.entries.map((entry) => [entry.url, entry.integrity]));
  await Promise.all(
    missing.map(async (url) => {
      const response = await fetch(new Request(url, { cache: 'reload', integrity: integrityOf.get(url) }));
      if (!response.ok) throw new Error(`Offline copy: ${url} answered ${response.status}`);
      await cache.put(url, response);
    }),
  );
}

export async function deleteOldCaches(manifest: PrecacheManifest): Promise<void> {
  await Promise.all(cachesToDelete(await caches.keys(), manifest.buildId).map((name) => caches.delete(name)));
}

/** Cache first for the build's files and navigations; the network for the rest and for misses. */
export async function respond(manifest: PrecacheManifest, request: Request): Promise<Response> {
  const url = cachedUrlFor(manifest, new URL(request.url).pathname, request.mode === 'navigate');
  if (url) {
    const cached = await caches.match(url, { cacheName: cacheNameFor(manifest.buildId) });
    if (cached) return cached;
  }
  return fetch(request);
}

export async function offlineStatus(manifest: PrecacheManifest | null): Promise<OfflineStatus> {
  if (!manifest) return { buildId: null, version: null, complete: false, files: 0, missing: 0, cachedBytes: 0 };
  // caches.match never creates a cache (caches.open would, racing an activation that deletes it).
  const cacheName = cacheNameFor(manifest.buildId);
  const found = await Promise.all(manifest.entries.map(async (entry) => ((await caches.match(entry.url, { cacheName })) ? [entry] : [])));
  const cached = found.flat();
  const { complete, missing } = cacheCompleteness(manifest, cached.map((entry) => entry.url));
  // `precache` stores only bytes that passed the manifest's integrity check, so each cached file
  // is the manifest's size: no need to read megabytes of bodies back to sum them.
  const cachedBytes = cached.reduce((sum, entry) => sum + entry.size, 0);
  return { buildId: manifest.buildId, version: manifest.version, complete, files: manifest.entries.length, missing: missing.length, cachedBytes };
}
