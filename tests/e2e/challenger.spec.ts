import { test, expect, openSample } from './fixtures';
import { goToStage } from './lifecycle';

test('Monitor → Challenger: the promotion rule and the retraining policy are validated and saved', async ({ page }) => {
  await openSample(page);
  await goToStage(page, 'Monitor');
  const views = page.getByRole('navigation', { name: 'Monitor views' });
  await views.getByRole('link', { name: 'Challenger' }).click();
  await expect(views.getByRole('link', { name: 'Challenger' })).toHaveAttribute('aria-current', 'page');
  await expect(views.getByRole('link', { name: 'Dashboard' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(/Nothing is deployed\./)).toBeVisible();

  const rule = page.getByRole('form', { name: 'Promotion rule' });
  const min = rule.getByLabel('Outcomes needed per side');
  await expect(min).toHaveValue('200');
  await min.fill('0');
  await expect(rule.getByRole('alert')).toHaveText('Outcomes per side must be a whole number from 1 to 1,000,000 (got 0).');
  await expect(rule.getByRole('button', { name: 'Save rule' })).toBeDisabled();
  await min.fill('100');
  await rule.getByLabel(/Roll back when the error rate/).fill('3');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByRole('status')).toHaveText('Saved.');

  const policy = page.getByRole('form', { name: 'Retraining policy' });
  await expect(page.getByRole('region', { name: 'Retraining policy' }).getByText('No retrain is due under this policy.')).toBeVisible();
  await policy.getByLabel('Every … days of new data').fill('');
  await policy.getByLabel('The newest drift report flags drift').uncheck();
  await policy.getByRole('button', { name: 'Save policy' }).click();
  await expect(policy.getByRole('status')).toHaveText('Saved.');

  // Both saved with the project (read back after a reload) and kept in the audit trail.
  await page.reload();
  await expect(rule.getByLabel('Outcomes needed per side')).toHaveValue('100');
  await expect(policy.getByLabel('Every … days of new data')).toHaveValue('');
  await expect(policy.getByLabel('The newest drift report flags drift')).not.toBeChecked();
});
