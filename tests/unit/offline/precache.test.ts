import { describe, expect, it } from 'vitest';
import {
  APP_SHELL_URL, CACHE_PREFIX, cacheCompleteness, cacheNameFor, cachedUrlFor, cachesToDelete, isPrecached, precacheManifest, type PrecacheManifest,
} from '$lib/core/offline/precache';

const bytes = (text: string) => new TextEncoder().encode(text);
const manifestOf = (...urls: string[]): PrecacheManifest => ({ buildId: 'b1', version: '1', entries: urls.map((url) => ({ url, integrity: 'sha256-x', size: 1 })) });

describe('the precache manifest', () => {
  it('gives each kept file its SHA-256 integrity and size, sorted by url, and a build id from them', async () => {
    // Vectors from Python's hashlib: sha256(b'abc') in base64, and the first 16 hex digits of the
    // sha256 of the one listing line "/a.js sha256-…".
    const manifest = await precacheManifest([{ path: 'a.js', bytes: bytes('abc') }], '0.1.0');
    expect(manifest.entries).toEqual([{ url: '/a.js', integrity: 'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=', size: 3 }]);
    expect(manifest.buildId).toBe('918e813157198969');
    expect(manifest.version).toBe('0.1.0');
  });

  it('leaves out source maps, the static host headers file and sw.js itself', async () => {
    const files = ['index.html', 'assets/main-1.js', 'assets/main-1.js.map', '_headers', 'sw.js', 'sw.js.map', 'schema/snapshot-v3.json', 'icons/icon-192.png'];
    const manifest = await precacheManifest(files.map((path) => ({ path, bytes: bytes(path) })), '1');
    expect(manifest.entries.map((entry) => entry.url)).toEqual(['/assets/main-1.js', '/icons/icon-192.png', '/index.html', '/schema/snapshot-v3.json']);
    expect(files.filter(isPrecached)).toHaveLength(4);
  });

  it('is a new build when one byte or one name changes, the same build when nothing does', async () => {
    const files = [{ path: 'index.html', bytes: bytes('<html>') }, { path: 'assets/app.css', bytes: bytes('body{}') }];
    const first = await precacheManifest(files, '1');
    expect((await precacheManifest([...files].reverse(), '1')).buildId).toBe(first.buildId);
    expect((await precacheManifest([files[0], { path: 'assets/app.css', bytes: bytes('body{ }') }], '1')).buildId).not.toBe(first.buildId);
    expect((await precacheManifest([files[0], { path: 'assets/app2.css', bytes: bytes('body{}') }], '1')).buildId).not.toBe(first.buildId);
    expect(first.buildId).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the caches of a build', () => {
  it('are named for the build id', () => {
    expect(cacheNameFor('39ddd207cf73f733')).toBe(`${CACHE_PREFIX}39ddd207cf73f733`);
    expect(cacheNameFor('a')).not.toBe(cacheNameFor('b'));
  });

  it('delete every older build of the app (the old network-first cache too) and nothing of anyone else', () => {
    const names = [cacheNameFor('old1'), cacheNameFor('new'), 'lifecycle-lab-app-v1', cacheNameFor('old2'), 'someone-elses-cache'];
    expect(cachesToDelete(names, 'new')).toEqual([cacheNameFor('old1'), 'lifecycle-lab-app-v1', cacheNameFor('old2')]);
    expect(cachesToDelete([cacheNameFor('new')], 'new')).toEqual([]);
  });
});

describe('complete for this version', () => {
  const manifest = manifestOf('/index.html', '/assets/main-1.js', '/assets/main-1.css');

  it('when every file of the manifest is cached (absolute request urls count by their path)', () => {
    const cached = ['http://127.0.0.1:4351/index.html', 'http://127.0.0.1:4351/assets/main-1.js', 'http://127.0.0.1:4351/assets/main-1.css'];
    expect(cacheCompleteness(manifest, cached)).toEqual({ complete: true, missing: [] });
  });

  it('not when one file is missing, whatever else the cache holds', () => {
    const cached = ['/index.html', '/assets/main-1.css', '/assets/main-0.js', '/extra'];
    expect(cacheCompleteness(manifest, cached)).toEqual({ complete: false, missing: ['/assets/main-1.js'] });
    expect(cacheCompleteness(manifest, []).missing).toHaveLength(3);
  });

  it('never for an empty manifest (a build that lists nothing cannot start offline)', () => {
    expect(cacheCompleteness(manifestOf(), ['/index.html']).complete).toBe(false);
  });
});

describe('what answers a request', () => {
  const manifest = manifestOf('/index.html', '/assets/main-1.js', '/schema/snapshot-v3.json');

  it('a file of the build answers itself, navigations to it included', () => {
    expect(cachedUrlFor(manifest, '/assets/main-1.js', false)).toBe('/assets/main-1.js');
    expect(cachedUrlFor(manifest, '/schema/snapshot-v3.json', true)).toBe('/schema/snapshot-v3.json');
  });

  it('any other navigation gets the page; other requests go to the network', () => {
    expect(cachedUrlFor(manifest, '/', true)).toBe(APP_SHELL_URL);
    expect(cachedUrlFor(manifest, '/some/old/path', true)).toBe(APP_SHELL_URL);
    expect(cachedUrlFor(manifest, '/', false)).toBeNull();
    expect(cachedUrlFor(manifest, '/assets/main-1.js.map', false)).toBeNull();
  });
});
