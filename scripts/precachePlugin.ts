import { resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { writePrecache } from './precache';

/**
 * After the build is written (chunks, workers and the public folder copied in), embeds the
 * offline manifest of every file into sw.js (scripts/precache.ts).
 */
export function precachePlugin(version: string): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'lifecycle-lab-precache',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const manifest = await writePrecache(resolve(config.root, config.build.outDir), version);
        config.logger.info(`precache: ${manifest.entries.length} files, build ${manifest.buildId}`);
      },
    },
  };
}
