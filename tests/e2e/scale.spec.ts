import { test, expect } from './fixtures';
import { generateTickets } from '../../src/lib/core/scenarios/tickets';
import { toCsv } from '../../src/lib/core/data/csvExport';
import { goToStage, importCsv, newProject } from './lifecycle';

/** 100,000 generated tickets (≈ 24 MB, multi-line bodies), the file the import bench uses. */
function ticketsCsv(count: number): string {
  const tickets = generateTickets({ count, seed: 'bench-csv-import' });
  return toCsv(
    ['id', 'subject', 'body', 'label', 'created_at', 'channel', 'tier'],
    tickets.map((t) => [t.id, t.subject, t.body, t.label, t.createdAt, t.channel, t.tier]),
  );
}

test('a 100,000-row file is imported, split and trained on, and the run page names the backend it measured', async ({ page }) => {
  test.setTimeout(300_000);
  await newProject(page, 'Tickets at scale');
  await importCsv(page, 'tickets-100k.csv', ticketsCsv(100_000));
  // The generator's duplicates and empty texts are left out, as the Data page says.
  await expect(page.getByText(/^Imported version v1: 96,852 rows kept, 3,148 left out/)).toBeVisible();

  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible({ timeout: 60_000 });

  await goToStage(page, 'Model');
  const backend = page.getByLabel('Compute backend');
  // The measured choice names itself once the compute worker measured this device (here: the CPU beats software WebGL).
  await expect(backend.getByRole('option', { name: 'Automatic (measured: CPU)' })).toBeAttached({ timeout: 60_000 });
  await expect(backend).toHaveValue('auto');
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();

  const report = page.getByRole('article', { name: /Run 1: logistic regression/ });
  await expect(report).toBeVisible({ timeout: 180_000 });
  await expect(report.getByTestId('run-backend')).toHaveText('CPU backend, the measured choice');
  await expect(report.getByTestId('backend-why')).toHaveText(/^Why this backend: CPU: [\d.,]+ ms per training step/);
});
