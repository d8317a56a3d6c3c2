import { test, expect, openSample } from './fixtures';

test('a reload keeps the canvas, phase, criteria and projects', async ({ page }) => {
  await openSample(page);

  const features = page.getByLabel('Features', { exact: true });
  await features.fill('Words of the subject and body; the channel. <b>not bold</b>');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  await page.getByLabel('Where the project stands').selectOption('modeling');

  await page.getByLabel('Add a criterion').fill('macro-F1 on validation >= 85%');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await expect(page.getByLabel('Metric of criterion 4')).toHaveValue('macro_f1');
  await expect(page.getByLabel('Split of criterion 4')).toHaveValue('validation');
  await expect(page.getByLabel('Threshold of criterion 4')).toHaveValue('0.85');

  // Edit a criterion in place, then remove one.
  await page.getByLabel('Threshold of criterion 1').fill('0.92');
  await page.getByLabel('Threshold of criterion 1').press('Enter');
  await page.getByRole('button', { name: /Remove criterion 3/ }).click();
  await expect(page.getByLabel('Metric of criterion 4')).toHaveCount(0);

  // A criterion that cannot be checked is refused with the reason.
  await page.getByLabel('Add a criterion').fill('customers are happy');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'No comparison found' })).toBeVisible();
  await expect(page.getByLabel('Add a criterion')).toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(features).toHaveValue('Words of the subject and body; the channel. <b>not bold</b>');
  // Text from data is shown as text, never as markup.
  await expect(page.locator('b', { hasText: 'not bold' })).toHaveCount(0);
  await expect(page.getByLabel('Where the project stands')).toHaveValue('modeling');
  await expect(page.getByLabel('Threshold of criterion 1')).toHaveValue('0.92');
  await expect(page.getByLabel('Metric of criterion 3')).toHaveValue('macro_f1');
  await expect(page.getByLabel('Split of criterion 3')).toHaveValue('validation');
});

test('leaving the page right after typing still saves the text', async ({ page }) => {
  await openSample(page);
  await page.getByLabel('Decisions', { exact: true }).fill('Route automatically above 0.9 confidence.');
  // Navigate away at once, before the autosave pause has passed.
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Data' })).toBeVisible();
  await page.reload();
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Frame/ }).click();
  await expect(page.getByLabel('Decisions', { exact: true })).toHaveValue('Route automatically above 0.9 confidence.');
});
