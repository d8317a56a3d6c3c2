import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY, headersFile, META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../scripts/securityHeaders';

describe('security headers', () => {
  it('send the meta policy plus frame-ancestors as the header policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    // The install manifest and the service worker come from the app's own origin only.
    expect(META_CONTENT_SECURITY_POLICY).toContain("manifest-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('name every header the app promises', () => {
    expect(SECURITY_HEADERS).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });

  it('write a _headers file that gives every path each header', () => {
    const lines = headersFile().split('\n');
    expect(lines[0]).toBe('/*');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(lines).toContain(`  ${name}: ${value}`);
  });

  it('are the ones the README tells static hosts to send (table and nginx snippet)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(readme).toContain(`| \`${name}\` | \`${value}\` |`);
      expect(readme).toContain(`add_header ${name} "${value}" always;`);
    }
  });
});
