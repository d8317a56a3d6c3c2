import { test, expect, openSample } from './fixtures';
import { callEndpoint, goToStage } from './lifecycle';

test('the sample says what its automatic decisions are worth; a change is checked, saved and counted on Monitor and /metrics', async ({ page }) => {
  await openSample(page);
  await goToStage(page, 'Frame');
  const form = page.getByRole('form', { name: 'Business value' });
  // The sample's canvas in numbers: 3 minutes saved per right decision, 10 lost per wrong one, at confidence ≥ 0.8.
  await expect(form.getByLabel('Unit (plural)')).toHaveValue('minutes');
  await expect(form.getByLabel('A right automatic decision is worth (minutes)')).toHaveValue('3');
  await expect(form.getByLabel('A wrong automatic decision costs (minutes)')).toHaveValue('10');
  await expect(form.getByLabel('Automatic when confidence ≥')).toHaveValue('0.8');
  await expect(form.getByLabel('Currency code')).toHaveValue('EUR');

  // A threshold of 1 decides nothing automatically: refused with the reason, and Save stays off.
  await form.getByLabel('Automatic when confidence ≥').fill('1');
  await expect(form.getByRole('alert')).toHaveText('The confidence threshold must lie strictly between 0 and 1 (got 1).');
  await expect(form.getByRole('button', { name: 'Save the business value' })).toBeDisabled();
  await form.getByLabel('Automatic when confidence ≥').fill('0.75');
  await form.getByLabel('Target: automatic share at least (%)').fill('70');
  await form.getByRole('button', { name: 'Save the business value' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');

  // The Monitor dashboard counts with the new threshold, next to the technical figures.
  await goToStage(page, 'Monitor');
  await expect(page.getByRole('heading', { name: 'Business value', exact: true })).toBeVisible();
  await expect(page.getByLabel('Business value in this window').getByRole('term').filter({ hasText: 'Automatic decisions (confidence ≥ 0.75)' })).toBeVisible();

  // /metrics declares the business series (samples appear once the project is deployed).
  const metrics = await callEndpoint(page, '/metrics');
  expect(metrics.body).toContain('# TYPE lifecycle_lab_business_automatic_decisions_total counter\n');
  expect(metrics.body).toContain('# TYPE lifecycle_lab_business_net_value_per_day gauge\n');
});
