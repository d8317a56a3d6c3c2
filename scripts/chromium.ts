/**
 * How our tests and benchmarks start Debian's Chromium: the executable path and the flags
 * that give headless WebGL (SwiftShader) and keep the browser off the network.
 */
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!path) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROMIUM_PATH.');
  return path;
}

export const CHROMIUM_ARGS = [
  // WebGL without a GPU: SwiftShader, which Chromium now only enables when asked.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  // Keep Chromium's own background traffic off this closed network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-sandbox',
];

export const launchOptions = () => ({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
