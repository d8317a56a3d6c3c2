/**
 * The app's security headers, defined once for every way it is served: the `<meta>` policy
 * written into the built page (file-based hosting), `vite preview` / `npm start`, and the
 * `_headers` file emitted into the build for static hosts (Netlify, Cloudflare Pages). The
 * README's nginx snippet spells out the same values.
 *
 * Real headers matter because a `<meta>` policy covers only its page: a worker takes its
 * policy from the response that delivered its script, so without headers the workers and the
 * service worker run with none (free to `eval` and to fetch other origins). `frame-ancestors`
 * is honoured only in a header, so the meta tag leaves it out.
 */

/** Directives shared by the header and the meta tag. */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy in the page's `<meta>` tag: browsers ignore `frame-ancestors` there. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy sent as a header on every response: no site may frame the app. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Every header the app is served with, for every file (page, scripts, workers, sw.js). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The `_headers` file of Netlify and Cloudflare Pages: the headers on every path. */
export function headersFile(): string {
  return ['/*', ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

