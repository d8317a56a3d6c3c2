import { test, expect } from './fixtures';

test('TF.js runs on the WebGL backend in the compute worker', async ({ page }) => {
  await page.goto('/#/system');
  await expect(page.getByRole('heading', { level: 1, name: 'Storage & compute' })).toBeVisible();
  await expect(page.getByTestId('backend-name')).toHaveText('webgl', { timeout: 45_000 });
  await expect(page.getByRole('term').filter({ hasText: 'WebGL version' }).locator('+ dd')).toHaveText(/^[12]$/);
  // The check product computed on the GPU path matches plain arithmetic.
  await expect(page.getByText(/^correct \(max error/)).toBeVisible();
  await expect(page.getByText('Training will run on the CPU')).toHaveCount(0);
});

test('storage usage and quota are shown', async ({ page }) => {
  await page.goto('/#/system');
  const used = page.getByRole('term').filter({ hasText: 'Used' });
  await expect(used).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Available to this site' })).toBeVisible();
  await expect(page.getByText(/\d+(\.\d)? (bytes|KB|MB|GB|TB)/).first()).toBeVisible();
});
