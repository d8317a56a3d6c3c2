/**
 * Builds the bench page (bench/browser → bench/dist): a bare page that exposes the app's own
 * database code as `window.__bench` for the browser benchmarks. Separate from the app's build.
 *   vite build   --config bench/vite.config.ts
 *   vite preview --config bench/vite.config.ts   (127.0.0.1:4181; the harness starts it itself)
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  // No public/ dir of its own: keep the app's favicon and service worker out of the bench page.
  publicDir: false,
  resolve: { alias: { $lib: fileURLToPath(new URL('../src/lib', import.meta.url)) } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 4181, strictPort: true },
  preview: { host: '127.0.0.1', port: 4181, strictPort: true },
});
