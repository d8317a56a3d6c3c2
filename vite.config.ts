import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import pkg from './package.json' with { type: 'json' };
import { headersFile, META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './scripts/securityHeaders';
import { precachePlugin } from './scripts/precachePlugin';

/**
 * The security headers of scripts/securityHeaders.ts in the build: the policy as a `<meta>` tag
 * for file-based hosting and a `_headers` file for static hosts. Only built pages get them: the
 * dev server injects inline styles for hot reload, which a strict policy would block.
 */
function securityHeaders(): Plugin {
  return {
    name: 'lifecycle-lab-security-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  plugins: [svelte(), securityHeaders(), precachePlugin(pkg.version)],
  resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The service worker is a second entry, emitted at the root (its scope is the whole app).
      input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), sw: fileURLToPath(new URL('./src/sw.ts', import.meta.url)) },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  // `npm start` serves every file (page, scripts, workers, sw.js) with the security headers.
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
});
