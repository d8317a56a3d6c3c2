import { test, expect } from './fixtures';

test('the compute backend is chosen by measuring a training step on each backend, and can be measured again', async ({ page }) => {
  await page.goto('/#/system');
  await expect(page.getByRole('heading', { level: 1, name: 'Storage & compute' })).toBeVisible();
  // On this machine WebGL is SwiftShader (software): the CPU wins the measurement.
  await expect(page.getByTestId('backend-name')).toHaveText('CPU', { timeout: 45_000 });
  const cpu = page.getByTestId('backend-cpu');
  const webgl = page.getByTestId('backend-webgl');
  await expect(cpu.getByRole('cell').first()).toHaveText(/^\d+(\.\d)? ms$/);
  await expect(cpu.getByRole('cell').nth(1)).toHaveText(/^passed \(max error/);
  // WebGL runs and its sparse kernel (workers/sparseKernelsWebgl.ts) agrees with dense TF.js; its step is slower or was stopped.
  await expect(webgl.getByRole('cell').first()).toHaveText(/^(\d[\d,]*(\.\d)? ms|stopped after \d[\d,]* ms)/);
  await expect(webgl.getByRole('cell').nth(1)).toHaveText(/^passed \(max error/);
  await expect(webgl.getByRole('cell').nth(2)).toHaveText(/SwiftShader/);
  await expect(page.getByTestId('backend-reason')).toHaveText(/^CPU: \d+(\.\d)? ms per training step against .*WebGL \(SwiftShader\)/);

  // Stored for this device and build: a reload reads it back; "Measure again" measures.
  await page.reload();
  await expect(page.getByText(/kept for this browser, graphics device and app version/)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('CPU');
  await page.getByRole('button', { name: 'Measure again' }).click();
  await expect(page.getByRole('button', { name: 'Measure again' })).toBeEnabled({ timeout: 45_000 });
  // Measured now (WebGL's shaders are compiled by then, so either backend may win on a busy machine).
  await expect(page.getByTestId('backend-reason')).toHaveText(/^(CPU|WebGL \(SwiftShader\)): [\d.,]+ ms per training step against/);
  await expect(page.getByText(/kept for this browser/)).toHaveCount(0);
});

test('storage usage and quota are shown', async ({ page }) => {
  await page.goto('/#/system');
  const used = page.getByRole('term').filter({ hasText: 'Used' });
  await expect(used).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Available to this site' })).toBeVisible();
  await expect(page.getByText(/\d+(\.\d)? (bytes|KB|MB|GB|TB)/).first()).toBeVisible();
});
