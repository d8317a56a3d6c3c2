import { test, expect, openSample } from './fixtures';
import { callEndpoint, deploySampleModel, goToStage } from './lifecycle';
import { expectRefusedWithoutSubject, saveSuggestedContract } from './loop';

test('a request contract refuses a ticket without a subject with 422, and the Monitor shows the violations', async ({ page, watch }) => {
  test.setTimeout(240_000);
  // The refused requests are answered with 422 on purpose; Chromium logs each one.
  watch.allow.push(/Failed to load resource: the server responded with a status of 422/);
  await openSample(page);
  await deploySampleModel(page);

  // Suggested from the served model's training data, switched on, saved.
  const contract = await saveSuggestedContract(page, 'Ticket router v1');
  await expect(contract.getByLabel('Name of field 1')).toHaveValue('subject');
  await expectRefusedWithoutSubject(page);
  const ok = await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ fields: { subject: 'Refund please', body: 'I was charged twice for my invoice this month, please refund it' } }) });
  expect(ok.status).toBe(200);

  // The upstream pipeline bug scenario drops every subject from the first request on: all refused.
  await page.getByLabel('Tickets', { exact: true }).selectOption({ label: 'newly generated: upstream pipeline bug' });
  await page.getByLabel('How many').fill('6');
  await page.getByLabel('Change starts after request').fill('0');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText(/Sent 6 requests\..*6 failed\./)).toBeVisible();

  await goToStage(page, 'Monitor');
  const violations = page.getByRole('region', { name: 'Request contract violations' });
  await expect(violations.getByRole('status')).toHaveText(/^7 requests refused with 422 in this window \(subject: 7\)\.$/);
  await expect(violations.getByRole('table', { name: 'Latest contract violations' }).getByRole('row', { name: /subject/ })).toHaveCount(5);
  await expect(page.getByRole('list', { name: 'Monitoring artefact checks' }).getByRole('listitem')).toHaveCount(3);
  const metrics = await callEndpoint(page, '/metrics');
  expect(metrics.body).toContain('lifecycle_lab_contract_violations_total{field="subject"} 7');
});
