import { test, expect } from './fixtures';
import { newProject } from './lifecycle';

for (const [w, h] of [[1366, 900], [1024, 768]]) {
  test(`shots ${w}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await newProject(page, 'Shots');
    const lines = ['id,subject,body,label,created_at,channel'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},Subject ${i},"The body of message ${i}, with a comma and some words",${i % 2 ? 'Billing' : 'Technical Issue'},2026-01-0${1 + (i % 9)},email`);
    await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'messages-export.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await expect(page.getByLabel('Role of column label')).toBeVisible();
    const panel = page.locator('section[aria-labelledby="import-heading"]');
    await panel.screenshot({ path: `/tmp/shots-s31-flow/reading-${w}.png` });
    await page.screenshot({ path: `/tmp/shots-s31-flow/reading-page-${w}.png` });
    await page.getByRole('button', { name: 'Check the data' }).click();
    await panel.screenshot({ path: `/tmp/shots-s31-flow/checking-${w}.png` });
    await expect(page.getByRole('heading', { name: /^Checks on/ })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Back to the columns' }).click();
    await expect(page.getByText(/records, read in/)).toBeVisible();
    await panel.screenshot({ path: `/tmp/shots-s31-flow/read-${w}.png` });
  });
}
