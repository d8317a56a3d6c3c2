/**
 * Writes the offline manifest (src/lib/core/offline/precache.ts) of a built app into its sw.js.
 * Run by the Vite plugin after the build is written (public files included), and by the offline
 * end-to-end test to make a "next build" from a copy: the same code in both places.
 *
 * The manifest goes on a first line of its own, so sw.js's bytes change with every build (the
 * browser installs a new service worker exactly then), and the source map only needs one more
 * empty line at its start. Running it again replaces that line.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { MANIFEST_GLOBAL, precacheManifest, type PrecacheManifest } from '../src/lib/core/offline/precache';

const SW_FILE = 'sw.js';
const FIRST_LINE = `self.${MANIFEST_GLOBAL}=`;

/** Every file under `dir`, as slash-separated paths relative to it. */
export function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The manifest embedded in a built sw.js, or null when there is none. */
export function embeddedManifest(outDir: string): PrecacheManifest | null {
  const first = readFileSync(join(outDir, SW_FILE), 'utf8').split('\n', 1)[0];
  if (!first.startsWith(FIRST_LINE)) return null;
  return JSON.parse(first.slice(FIRST_LINE.length).replace(/;$/, '')) as PrecacheManifest;
}

export async function writePrecache(outDir: string, version: string): Promise<PrecacheManifest> {
  const files = builtFiles(outDir).map((path) => ({ path, bytes: new Uint8Array(readFileSync(join(outDir, path))) }));
  const manifest = await precacheManifest(files, version);
  const swPath = join(outDir, SW_FILE);
  const source = readFileSync(swPath, 'utf8');
  const hadLine = source.startsWith(FIRST_LINE);
  const body = hadLine ? source.slice(source.indexOf('\n') + 1) : source;
  writeFileSync(swPath, `${FIRST_LINE}${JSON.stringify(manifest)};\n${body}`);
  const mapPath = `${swPath}.map`;
  if (!hadLine && existsSync(mapPath)) {
    const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { mappings: string };
    map.mappings = `;${map.mappings}`; // one generated line with no source: every mapping moves down one
    writeFileSync(mapPath, JSON.stringify(map));
  }
  return manifest;
}
