/**
 * The offline copy of the app: which built files the service worker keeps, the build's identity,
 * and the names of its caches. One set of rules for the build (scripts/precache.ts writes the
 * manifest), the service worker (fills and trusts the cache) and the Storage page (says whether
 * the app works offline).
 */
import { hexOf } from '../hex';
import { encodeBase64 } from '../snapshot/base64';

/** One file of the build as the service worker fetches and caches it. */
export interface PrecacheEntry {
  /** Path from the origin's root, e.g. `/assets/main-1a2b.js`. */
  url: string;
  /** Subresource-integrity digest of the bytes (`sha256-…`): the fetch that fills the cache checks it. */
  integrity: string;
  size: number;
}

export interface PrecacheManifest {
  /** Derived from every entry's digest: a changed file is a new build. */
  buildId: string;
  /** The app's package version, shown beside the build id. */
  version: string;
  entries: PrecacheEntry[];
}

/** Every cache this app owns starts with this; caches of other names are left alone. */
export const CACHE_PREFIX = 'lifecycle-lab-app-';

/** What a navigation within the app is answered with: the one page (routes live in the hash). */
export const APP_SHELL_URL = '/index.html';

/** The name under which the service worker embeds the manifest in sw.js (a global it reads). */
export const MANIFEST_GLOBAL = '__LIFECYCLE_LAB_PRECACHE__';

/**
 * Whether a file of the build belongs offline. Source maps (about 27 MB, five times the app) are
 * only read by developer tools, which fetch them online; `_headers` is configuration for static
 * hosts; sw.js is kept by the browser itself and carries this manifest, so it cannot list itself.
 */
export function isPrecached(path: string): boolean {
  const name = path.replace(/^\/+/, '');
  return !name.endsWith('.map') && name !== '_headers' && name !== 'sw.js';
}

export function cacheNameFor(buildId: string): string {
  return `${CACHE_PREFIX}${buildId}`;
}

/** The app's caches that are not this build's: the ones to delete once this build is active. */
export function cachesToDelete(cacheNames: readonly string[], buildId: string): string[] {
  const keep = cacheNameFor(buildId);
  return cacheNames.filter((name) => name.startsWith(CACHE_PREFIX) && name !== keep);
}

export interface CacheCompleteness {
  complete: boolean;
  /** Manifest urls the cache lacks, in manifest order. */
  missing: string[];
}

/**
 * Whether the app can start offline in this version: every file of the manifest is in the
 * build's cache. `cachedUrls` are the cache's request paths (absolute urls are reduced to paths).
 */
export function cacheCompleteness(manifest: PrecacheManifest, cachedUrls: readonly string[]): CacheCompleteness {
  const cached = new Set(cachedUrls.map(pathOf));
  const missing = manifest.entries.map((entry) => entry.url).filter((url) => !cached.has(url));
  return { complete: manifest.entries.length > 0 && missing.length === 0, missing };
}

/** The built files, as paths relative to the output folder with their bytes. */
export interface BuiltFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * The manifest of a build: every file `isPrecached` keeps, sorted by url, each with its SHA-256
 * integrity digest; the build id is the first 16 hex digits of the SHA-256 of those lines, so it
 * changes exactly when a kept file's name or bytes change.
 */
export async function precacheManifest(files: readonly BuiltFile[], version: string): Promise<PrecacheManifest> {
  const kept = files.filter((file) => isPrecached(file.path));
  const entries = await Promise.all(
    kept.map(async (file) => ({ url: `/${file.path.replace(/^\/+/, '')}`, integrity: `sha256-${encodeBase64(await sha256(file.bytes))}`, size: file.bytes.byteLength })),
  );
  entries.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const listing = entries.map((entry) => `${entry.url} ${entry.integrity}`).join('\n');
  const digest = await sha256(new TextEncoder().encode(listing));
  const buildId = hexOf(digest.subarray(0, 8));
  return { buildId, version, entries };
}

function pathOf(url: string): string {
  return /^[a-z]+:\/\//i.test(url) ? new URL(url).pathname : url;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/**
 * Which cached file answers a GET for `pathname`, or null for the network: a file of the build
 * answers itself; any other navigation within the app gets the page (its routes are in the
 * hash, so `/`, `/index.html?x` and a bookmarked `/#/system` all open the app).
 */
export function cachedUrlFor(manifest: PrecacheManifest, pathname: string, navigation: boolean): string | null {
  if (manifest.entries.some((entry) => entry.url === pathname)) return pathname;
  return navigation ? APP_SHELL_URL : null;
}
