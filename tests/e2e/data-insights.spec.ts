import { test, expect, openSample } from './fixtures';

test('explore the sample data, run the checks, mask personal data and compare the versions', async ({ page }) => {
  await openSample(page);
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();

  await page.getByRole('link', { name: 'Explore' }).click();
  await expect(page).toHaveURL(/\/data\/explore$/);
  await expect(page.getByRole('img', { name: /Rows per class: Technical Issue 461/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Top words for Billing' })).toContainText('invoice');
  await expect(page.getByRole('img', { name: /Rows per value of channel: email 460/ })).toBeVisible();

  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page.getByText('65 of 1,200 texts contain personal data:')).toBeVisible();
  // The enterprise tier files a different mix of tickets: flagged for the ethics review.
  await expect(page.getByRole('table', { name: 'tier' }).getByRole('row', { name: /enterprise/ })).toContainText('Yes');

  await page.getByLabel('Conditions').fill('channel = email and tier = enterprise');
  await page.getByRole('button', { name: 'Add slice' }).click();
  await expect(page.getByRole('table', { name: 'Slices' }).getByRole('row', { name: /channel = email and tier = enterprise/ })).toContainText('99');
  await page.getByLabel('Conditions').fill('region = EU');
  await page.getByRole('button', { name: 'Add slice' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /region/ })).toBeVisible();

  await page.getByRole('button', { name: 'Mask personal data in a new version' }).click();
  await expect(page.getByText('No e-mail addresses, phone numbers or card numbers found in 1,200 texts.')).toBeVisible();

  await page.getByRole('link', { name: 'Compare versions' }).click();
  await expect(page.getByLabel('From')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByText('65 texts changed')).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Text changed' }).locator('+ dd')).toHaveText('65');
});
