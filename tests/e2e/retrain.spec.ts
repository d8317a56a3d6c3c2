import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { goToStage, importCsv, newProject } from './lifecycle';

/** key,text,label,timestamp,split rows (the Data page's export format): three classes with their own words; `split` blank unless given. */
const WORDS = { Billing: 'refund invoice charge payment card', Technical: 'crash error login bug screen', General: 'hours office question address info' } as const;
function csvRows(from: number, count: number, day: number, unlabelled = 0): string[] {
  const labels = Object.keys(WORDS) as (keyof typeof WORDS)[];
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const label = labels[i % 3];
    const time = new Date(Date.UTC(2026, 4, day, 0, k)).toISOString();
    return `r${i},"${WORDS[label]} note ${i}",${k >= count - unlabelled ? '' : label},${time},`;
  });
}
const HEADER = 'key,text,label,timestamp,split';

test('retrain the champion on new rows in two clicks — assign splits by time, then retrain: a challenger compared side by side on the original test split and the recent holdout, kept after a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await newProject(page, 'Retrain check');
  await importCsv(page, 'v1.csv', [HEADER, ...csvRows(0, 60, 1)].join('\n'));
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();

  await goToStage(page, 'Model');
  await page.getByRole('link', { name: 'Retrain' }).click();
  await expect(page.getByText('There is no champion to retrain yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retrain the champion on dataset v2' })).toBeDisabled();

  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Optimizer').selectOption('adam'); // epochs belong to the mini-batch optimizers
  await page.getByLabel('Epochs').fill('5');
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  const report = page.getByRole('article', { name: /Run 1: logistic regression/ });
  await expect(report).toBeVisible({ timeout: 60_000 });
  await report.getByRole('button', { name: 'Register run 1' }).click();
  await expect(report.getByText(/Registered as .* version 1/)).toBeVisible();
  await goToStage(page, 'Deploy');
  await page.getByLabel(/^Why, for .* v1$/).fill('first model');
  await page.getByRole('table', { name: 'Registered model versions' }).getByRole('button', { name: 'Set' }).click();
  await expect(page.getByRole('table', { name: 'Registered model versions' })).toContainText('@champion');

  await goToStage(page, 'Model');
  await page.getByRole('link', { name: 'Retrain' }).click();
  await expect(page.getByText(/^There is nothing new to retrain on: the newest dataset version is the one the champion \(.* version 1\) was trained on/)).toBeVisible();

  // v3: v2 exported (rows with their splits), and 20 newer rows without one (4 of them unlabelled).
  await goToStage(page, 'Data');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export v2 as CSV' }).click();
  const exported = (await readFile(await (await download).path(), 'utf8')).trimEnd();
  await importCsv(page, 'v3.csv', [exported, ...csvRows(60, 20, 9, 4)].join('\r\n'));
  await goToStage(page, 'Model');
  await page.getByRole('link', { name: 'Retrain' }).click();
  // Two clicks: step 1 writes the split version, nothing trained; step 2 retrains on it.
  const retrain = page.getByRole('button', { name: 'Retrain the champion on dataset v3' });
  await expect(page.getByText('Dataset v3 has 16 rows with a label but no split.')).toBeVisible();
  await expect(retrain).toBeDisabled();
  await page.getByLabel(/Recent holdout/).fill('25');
  await page.getByRole('button', { name: 'Assign splits by time' }).click();
  await expect(page.getByText('Dataset v4 written: Retraining split: 16 rows without a split assigned by time: 10 train, 2 validation, 4 test (the newest 25 %, the recent production holdout)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Assign splits by time' })).toHaveCount(0);
  await expect(page.getByText('9 rows of the original test split and 4 of the recent production holdout will compare the two models')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Champion vs challenger' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Retrain the champion on dataset v4' }).click();
  const panel = page.getByRole('region', { name: 'Champion vs challenger' });
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(panel).toContainText('Run 2 (the challenger, trained on dataset v4)');
  await expect(panel).toContainText('dataset v4 as it is — 52 train, 11 validation; judged on 9 rows of the original test split and 4 rows of the recent production holdout; 4 rows without a label left out');
  const original = panel.getByRole('region', { name: '(a) The original test split' });
  const holdout = panel.getByRole('region', { name: '(b) The recent production holdout' });
  await expect(original.getByRole('table', { name: '(a) The original test split' }).getByRole('columnheader', { name: '9 rows' })).toBeVisible();
  await expect(holdout.getByRole('table', { name: '(b) The recent production holdout' }).getByRole('columnheader', { name: '4 rows' })).toBeVisible();
  await expect(holdout.getByTestId('mcnemar-holdout')).toHaveText(/McNemar|no difference to test/);
  await expect(original.getByRole('table', { name: /Per class/ }).getByRole('row')).toHaveCount(4);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Champion vs challenger' })).toContainText('Run 2 (the challenger, trained on dataset v4)');
  await goToStage(page, 'Deploy');
  await expect(page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /router v2$/ })).toContainText('@challenger');
});
