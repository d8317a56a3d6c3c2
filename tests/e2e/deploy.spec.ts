import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, openSample } from './fixtures';

async function trainAndRegister(page: Page, runNumber: number, epochs: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Model/ }).click();
  await page.getByLabel('Epochs').fill(epochs);
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  const report = page.getByRole('article', { name: new RegExp(`Run ${runNumber}: logistic regression`) });
  await expect(report).toBeVisible({ timeout: 180_000 });
  await report.getByRole('button', { name: `Register run ${runNumber}` }).click();
  await expect(report.getByText(new RegExp(`Registered as Ticket router version ${runNumber}`))).toBeVisible();
}

/** fetch from the page, as a learner would from the console. */
function call(page: Page, path: string, init?: { method: string; body: string }) {
  return page.evaluate(
    async ({ path, init }) => {
      await navigator.serviceWorker.ready;
      const r = await fetch(path, init ? { ...init, headers: { 'content-type': 'application/json' } } : undefined);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    },
    { path, init },
  );
}

test('register, deploy, call the endpoint, canary a challenger and roll back', async ({ page, watch }) => {
  test.setTimeout(300_000);
  // The bad requests below are answered with 4xx on purpose; Chromium logs each one.
  watch.allow.push(/Failed to load resource: the server responded with a status of 4\d\d/);
  await openSample(page);
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();
  await trainAndRegister(page, 1, '8');

  // Nothing deployed yet: the endpoint says so with a 4xx JSON error.
  const none = await call(page, '/api/v1/predict', { method: 'POST', body: '{"text":"hello"}' });
  expect(none.status).toBe(404);
  expect(JSON.parse(none.body).error.code).toBe('no_model_deployed');

  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Deploy/ }).click();
  await page.getByLabel('Why, for Ticket router v1').fill('first baseline');
  await page.getByRole('row', { name: /Ticket router v1/ }).getByRole('button', { name: 'Set' }).click();
  await expect(page.getByRole('row', { name: /Ticket router v1/ })).toContainText('@champion');
  await page.getByLabel('Reason').first().fill('meets the criteria');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();

  const ok = await call(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ text: 'I was charged twice, please refund my invoice' }) });
  expect(ok.status).toBe(200);
  const answer = JSON.parse(ok.body);
  expect(answer.model).toEqual({ name: 'Ticket router', version: 1 });
  expect(answer.prediction.label).toBe('Billing');
  expect(Object.keys(answer.prediction.probabilities).sort()).toEqual(['Billing', 'General Inquiry', 'Technical Issue']);
  const batch = JSON.parse((await call(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ texts: ['app crashes on login', 'what are your opening hours'] }) })).body);
  expect(batch.predictions).toHaveLength(2);

  for (const [body, status] of [['{not json', 400], ['{"text": 42}', 422], [JSON.stringify({ text: 'x'.repeat(20_000) }), 413]] as const) {
    const bad = await call(page, '/api/v1/predict', { method: 'POST', body });
    expect(bad.status).toBe(status);
    expect(bad.type).toContain('application/json');
    expect(JSON.parse(bad.body).error.code).toBeTruthy();
  }
  const health = JSON.parse((await call(page, '/api/v1/health')).body);
  expect(health).toMatchObject({ status: 'ok', model: { name: 'Ticket router', version: 1, alias: 'champion' } });
  const metrics = await call(page, '/metrics');
  expect(metrics.type).toContain('text/plain');
  expect(metrics.body).toMatch(/lifecycle_lab_requests_total\{route="\/api\/v1\/predict",status="200"\} \d+/);
  expect(metrics.body).toContain('lifecycle_lab_model_info');

  // Replay the test split against the endpoint at a set rate; stop part-way.
  await page.getByLabel('How many').fill('40');
  await page.getByLabel('Requests per second').fill('10');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText(/[1-9]\d* sent, 0 failed/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText(/Stopped after \d+ of 40 requests\./)).toBeVisible();

  // The predictions appear on the Monitor dashboard, with the endpoint's health probed.
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Monitor/ }).click();
  await expect(page.getByRole('term').filter({ hasText: 'Requests' }).locator('+ dd')).not.toHaveText('0');
  await expect(page.getByRole('table', { name: 'Latest predictions' }).getByRole('row', { name: /Billing/ }).first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Latency percentiles over time/ })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Availability' }).locator('+ dd')).toContainText('100.0 %');
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Deploy/ }).click();

  // A version exports as a .zip in the TF.js layers format, with its vectorizer and model card.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .zip of Ticket router v1' }).click();
  const zip = unzipSync(new Uint8Array(await readFile(await (await download).path())));
  expect(Object.keys(zip).sort()).toEqual(['MODEL_CARD.md', 'lifecycle-lab.json', 'model.json', 'vectorizer.json', 'weights.bin']);
  expect(JSON.parse(strFromU8(zip['model.json'])).weightsManifest[0].paths).toEqual(['weights.bin']);
  expect(strFromU8(zip['MODEL_CARD.md'])).toContain('Ticket router');

  // The panel on the Deploy page calls the same endpoint.
  await page.getByRole('button', { name: 'Send to /api/v1/predict' }).click();
  await expect(page.getByText(/HTTP 200 from predict/)).toBeVisible();

  // A challenger as a 50 % canary, then a rollback to the champion alone.
  await trainAndRegister(page, 2, '3');
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Deploy/ }).click();
  await page.getByLabel('Challenger').selectOption({ label: 'Ticket router v2' });
  await page.getByLabel('Canary share (%)').fill('50');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/with Ticket router v2 as canary on 50 % of requests/)).toBeVisible();
  const versions = new Set<number>();
  for (let i = 0; i < 30; i++) versions.add(JSON.parse((await call(page, '/api/v1/predict', { method: 'POST', body: '{"text":"refund please"}' })).body).model.version);
  expect([...versions].sort()).toEqual([1, 2]);

  await page.getByRole('button', { name: 'Roll back to the previous deployment' }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\), since/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Deployment history' }).getByRole('row')).toHaveCount(4);

  // After a reload the deployment still answers.
  await page.reload();
  const again = await call(page, '/api/v1/predict', { method: 'POST', body: '{"text":"the app crashes when I log in"}' });
  expect(again.status).toBe(200);
  expect(JSON.parse(again.body).model.version).toBe(1);
});
