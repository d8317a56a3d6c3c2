import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { deploySampleModel, goToStage, newProject, trainAndRegister } from './lifecycle';

/** The inventory's table rows, first cell excluded: "Ticket router v2" … in the order shown. */
async function versionsShown(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Model versions across projects' }).locator('tbody th[scope="row"]').allTextContents();
}

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = await started;
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

test('the model inventory lists every registered version across projects, sorts, filters and exports; the NIST AI RMF view shows coverage', async ({ page }) => {
  test.setTimeout(90_000);
  await newProject(page, 'Churn forecast');
  await openSample(page);
  await deploySampleModel(page);
  await trainAndRegister(page, 2, '1');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model inventory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model inventory' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Model versions across projects' });
  const v1 = table.getByRole('row', { name: /Ticket router v1/ });
  const v2 = table.getByRole('row', { name: /Ticket router v2/ });
  await expect(v1).toContainText('Support ticket triage');
  await expect(v1).toContainText('not assessed');
  await expect(v1).toContainText('@champion');
  await expect(v1).toContainText('deployed');
  await expect(v1).toContainText('Performance SLA: waived');
  await expect(v1).toContainText('1, first ends 2099-12-31');
  await expect(v2).toContainText('Performance SLA: not requested');
  await expect(v2).toContainText('promotion blocked');
  await expect(v2).toContainText('not deployed');
  expect(await versionsShown(page)).toEqual(['Ticket router v2', 'Ticket router v1']);

  // Sorting: a header is a button, its column says how it is sorted.
  const modelHeader = table.getByRole('columnheader', { name: /Model version/ });
  await modelHeader.getByRole('button').click();
  await expect(modelHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await versionsShown(page)).toEqual(['Ticket router v1', 'Ticket router v2']);
  await modelHeader.getByRole('button').click();
  await expect(modelHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await versionsShown(page)).toEqual(['Ticket router v2', 'Ticket router v1']);

  // Filtering: by serving status, by project (the empty project shows what to do), by words.
  await page.getByLabel('Serving', { exact: true }).selectOption({ label: 'deployed' });
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 2 model versions' })).toBeVisible();
  expect(await versionsShown(page)).toEqual(['Ticket router v1']);
  await page.getByLabel('Serving', { exact: true }).selectOption({ label: 'Any status' });
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Churn forecast' });
  await expect(page.getByText('No model version matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await page.getByLabel('Search').fill('blocked');
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 2' })).toBeVisible();
  expect(await versionsShown(page)).toEqual(['Ticket router v2']);
  await page.getByLabel('Search').fill('');

  // The downloads carry the rows as shown.
  const csv = await download(page, 'Download CSV');
  expect(csv.name).toMatch(/^model-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^project,project_id,model,version,model_version_id,tier,aliases,serving,gates,blocked,/);
  expect(lines.slice(1).map((l) => l.split(',').slice(2, 4).join(' v'))).toEqual(['Ticket router v2', 'Ticket router v1']);
  expect(lines[2]).toContain('Performance SLA: waived');
  const json = await download(page, 'Download JSON');
  const doc = JSON.parse(json.text);
  expect(doc.kind).toBe('lifecycle-lab.model-inventory');
  expect(doc.data.rows.map((r: { modelName: string; version: number; tier: string; serving: string }) => [`${r.modelName} v${r.version}`, r.tier, r.serving])).toEqual([
    ['Ticket router v2', 'not assessed', 'registered'],
    ['Ticket router v1', 'not assessed', 'deployed'],
  ]);

  // The sample's NIST AI RMF coverage: what its stored evidence covers and what not yet.
  await table.getByRole('link', { name: 'Support ticket triage' }).first().click();
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'NIST AI RMF' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'NIST AI RMF coverage' })).toBeVisible();
  const row = (id: string) => page.getByRole('row', { name: new RegExp(`^${id} `) });
  await expect(row('GOVERN 1.2')).toContainText('Covered');
  await expect(row('GOVERN 1.2')).toContainText('Standard policy v1 published');
  await expect(row('GOVERN 1.6')).toContainText('2 registered versions listed in the model inventory');
  await expect(row('GOVERN 1.1')).toContainText('Not covered');
  await expect(row('MAP 4.1')).toContainText('Write a datasheet for the dataset (not covered yet).');
  await expect(page.getByRole('heading', { level: 3, name: /^MANAGE — \d of 5 covered$/ })).toBeVisible();
  await row('GOVERN 1.6').getByRole('link', { name: 'Go to the evidence for GOVERN 1.6' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model inventory' })).toBeVisible();
});
