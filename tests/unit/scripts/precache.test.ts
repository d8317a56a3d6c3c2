/**
 * The offline manifest against a real build: `vite build` with the app's own config into a
 * temporary folder, then every file on disk is compared with what sw.js embeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { builtFiles, embeddedManifest, writePrecache } from '../../../scripts/precache';
import type { PrecacheManifest } from '$lib/core/offline/precache';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let manifest: PrecacheManifest;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'precache-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  manifest = embeddedManifest(join(dir, 'dist'))!;
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the precache manifest of a real build', () => {
  it('lists every emitted file but source maps, _headers and sw.js, each with the digest of its bytes', () => {
    const out = join(dir, 'dist');
    const files = builtFiles(out);
    const expected = files.filter((file) => !file.endsWith('.map') && file !== '_headers' && file !== 'sw.js').map((file) => `/${file}`);
    // The build really has each kind of file the app needs offline.
    for (const pattern of [/^\/index\.html$/, /^\/assets\/main-.*\.js$/, /\.css$/, /compute\.worker-.*\.js$/, /data\.worker-.*\.js$/, /lab\.worker-.*\.js$/, /^\/schema\//, /^\/manifest\.webmanifest$/, /^\/icons\/icon-512\.png$/]) {
      expect(expected.some((url) => pattern.test(url)), String(pattern)).toBe(true);
    }
    expect(manifest.entries.map((entry) => entry.url)).toEqual(expected);
    for (const entry of manifest.entries) {
      const data = readFileSync(join(out, entry.url));
      expect(entry.integrity).toBe(`sha256-${createHash('sha256').update(data).digest('base64')}`);
      expect(entry.size).toBe(data.byteLength);
    }
  });

  it('keeps sw.js and its source map in step: the manifest is one first line, the map one line lower', () => {
    const sw = readFileSync(join(dir, 'dist', 'sw.js'), 'utf8');
    const map = JSON.parse(readFileSync(join(dir, 'dist', 'sw.js.map'), 'utf8')) as { mappings: string };
    expect(sw.split('\n')[0]).toBe(`self.__LIFECYCLE_LAB_PRECACHE__=${JSON.stringify(manifest)};`);
    expect(map.mappings.startsWith(';')).toBe(true);
    expect(map.mappings.startsWith(';;')).toBe(false); // the built sw.js's own first line has code
  });

  it('makes the next build from a copy with one changed asset: a new build id, a new sw.js, the map shifted once', async () => {
    const next = join(dir, 'next');
    cpSync(join(dir, 'dist'), next, { recursive: true });
    const before = readFileSync(join(next, 'sw.js'), 'utf8');
    const mapBefore = readFileSync(join(next, 'sw.js.map'), 'utf8');
    expect((await writePrecache(next, manifest.version)).buildId).toBe(manifest.buildId); // idempotent
    expect(readFileSync(join(next, 'sw.js'), 'utf8')).toBe(before);
    const css = manifest.entries.find((entry) => entry.url.endsWith('.css'))!.url;
    appendFileSync(join(next, css), '\n/* next */\n');
    const changed = await writePrecache(next, manifest.version);
    expect(changed.buildId).not.toBe(manifest.buildId);
    expect(changed.entries.filter((entry, i) => entry.integrity !== manifest.entries[i].integrity).map((entry) => entry.url)).toEqual([css]);
    expect(readFileSync(join(next, 'sw.js'), 'utf8')).not.toBe(before);
    expect(readFileSync(join(next, 'sw.js.map'), 'utf8')).toBe(mapBefore);
    writeFileSync(join(next, 'sw.js'), before.slice(before.indexOf('\n') + 1)); // a sw.js without a manifest
    expect(embeddedManifest(next)).toBeNull();
  });
});
